"""Ids are never given twice: a workbook exported before a deletion must not match a newer row."""

import shutil
from decimal import Decimal
from pathlib import Path

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.editing.actions import ActionService
from tests.in_transaction import InTransaction

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _action(service, contract_id, reference, lines=0):
    bundle = service.new_bundle(contract_id, None, 2022)
    bundle.action.reference, bundle.action.title = reference, f"Action {reference}"
    funder = DirectoryRepository(service.store).funders()[0]
    bundle.financing = [FinancingLine(None, funder.id, planned=Decimal("1000.00")) for _ in range(lines)]
    service.save(bundle)
    return bundle


def test_ids_of_deleted_actions_and_lines_are_not_given_again(workspace):
    contract = Contract(name="CRTE du Douaisis")
    InTransaction(ContractRepository(workspace)).save_contract(contract)
    service = ActionService(workspace)
    first = _action(service, contract.id, "2022-1", lines=2)
    old_action = first.action.id
    old_lines = {line.id for line in first.financing}
    service.delete(old_action)  # the newest rows: SQLite alone would give their ids again
    second = _action(service, contract.id, "2022-2", lines=2)
    assert second.action.id > old_action
    assert not old_lines & {line.id for line in second.financing}
    assert min(line.id for line in second.financing) > max(old_lines)


def test_undo_of_a_deletion_puts_the_old_ids_back(workspace):
    contract = Contract(name="CRTE du Douaisis")
    InTransaction(ContractRepository(workspace)).save_contract(contract)
    service = ActionService(workspace)
    bundle = _action(service, contract.id, "2022-1", lines=1)
    snapshot = service.delete(bundle.action.id)
    service.restore(snapshot)
    back = service.load(bundle.action.id)
    assert [l.id for l in back.financing] == [l.id for l in bundle.financing]
    newer = _action(service, contract.id, "2022-2", lines=1)
    assert newer.action.id > bundle.action.id


def test_migrating_to_version_3_starts_the_sequences_at_the_highest_ids(tmp_path):
    path = tmp_path / "v2.crte"
    shutil.copy(FIXTURES / "workspace_v2.crte", path)
    with Store.open(path) as store:
        assert store.version >= 3
        sequences = dict(store.conn.execute("SELECT name, last FROM id_sequence"))
        assert sequences["action"] == store.conn.execute("SELECT MAX(id) FROM action").fetchone()[0]
        assert sequences["financing"] == store.conn.execute("SELECT MAX(id) FROM financing").fetchone()[0]


def test_bulk_inserts_take_their_ids_from_the_sequence(workspace):
    """A bulk insert (benchmark workspaces, large imports) after a deletion gives no deleted id again."""
    from crte_desktop.db import bulk
    from crte_desktop.domain.action import Action

    contract = Contract(name="CRTE du Douaisis")
    InTransaction(ContractRepository(workspace)).save_contract(contract)
    service = ActionService(workspace)
    first = _action(service, contract.id, "2022-1", lines=1)
    second = _action(service, contract.id, "2022-2", lines=1)
    service.delete(second.action.id)
    fresh = [Action(contract_id=contract.id, reference=f"2023-{n}", title=f"Action {n}") for n in (1, 2)]
    with workspace.transaction():
        bulk.insert_actions(workspace, fresh)
    assert [a.id for a in fresh] == [second.action.id + 1, second.action.id + 2]
    assert first.action.id < second.action.id
    again = _action(service, contract.id, "2023-3")
    assert again.action.id == second.action.id + 3  # the sequence moved past the bulk ids
