"""A workspace of schema version 1 (before committees and meetings) opens, is backed up and migrated,
keeps its data and gets the new tables, in which meetings can then be recorded."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import CommitteeKind, MeetingStatus
from crte_desktop.dashboard.compute import default_cadence
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.meetings import MeetingService

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace_v1.crte"
NEW_TABLES = {"committee", "committee_member", "meeting", "agenda_item", "agenda_item_action", "attachment",
              "attendance", "decision", "decision_action", "follow_up"}


def _tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


@pytest.mark.skipif(not FIXTURE.exists(), reason="tests/fixtures/workspace_v1.crte not written yet")
def test_a_version_1_workspace_migrates_and_keeps_its_data(tmp_path):
    path = shutil.copy(FIXTURE, tmp_path / "Douaisis.crte")
    assert not NEW_TABLES & _tables(path)
    with Store.open(path) as store:
        assert store.version >= 2
        assert store.backup is not None and store.backup.exists()
        (contract,) = ContractRepository(store).contracts()
        assert contract.name == "CRTE du Douaisis"
        actions = ActionRepository(store).for_contract(contract.id)
        assert [a.reference for a in actions] == ["2021-1", "2021-2"]
        assert store.conn.execute("SELECT COUNT(*) FROM financing").fetchone()[0] == 4
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # the new tables are there and usable
        committees = CommitteeService(store)
        copil = committees.new(contract.id, CommitteeKind.COPIL)
        committees.save(copil)
        meetings = MeetingService(store, date(2024, 6, 15))
        m = meetings.new(copil.id, date(2023, 12, 5))
        m.status = MeetingStatus.HELD
        meetings.save(m)
        assert [tuple(r) for r in default_cadence(store, contract.id, date(2024, 6, 15)) if r[1] == 2023] == [
            ("COPIL", 2023, 1, 1)]
    assert _tables(path) >= NEW_TABLES
    assert _tables(store.backup) == _tables(FIXTURE)  # the backup is the untouched version 1 file
