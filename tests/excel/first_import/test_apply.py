"""Importing the accepted rows in one transaction through ActionService, with the import named in the
history; undo and redo; every refusal leaves the workspace file byte for byte as it was."""

from decimal import Decimal

import pytest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.first_import import ImportOptions, apply, redo_import, undo_import
from crte_desktop.excel.problems import ImportRefused
from tests.excel.first_import.secretary import simple_workbook
from tests.excel.first_import.test_preview import run_preview

D = Decimal


def actions(store, contract_id):
    return {a.reference: a for a in ActionRepository(store).for_contract(contract_id)}


def test_import_undo_redo(ws, tracking_file, digest):
    store, v = ws
    result = run_preview(store, v, tracking_file, options=ImportOptions(create_organisations=True, update_existing=True))
    original = digest(store.path)
    notices = []
    store.subscribe(notices.append)

    done = apply(store, result)

    assert done.summary() == "3 actions créées, 1 mise à jour, 1 organisation ajoutée à l'annuaire."
    by_ref = actions(store, v.contract_id)
    assert sorted(by_ref) == ["2021-1", "2022-3", "2022-4", "2023-1"]
    assert (by_ref["2021-1"].total_cost, by_ref["2021-1"].progress) == (D("1000000.00"), 45)
    prouvy = DirectoryRepository(store).organisation(by_ref["2023-1"].owner_id)
    assert prouvy.name == "Commune de Prouvy"
    lines = FinancingRepository(store).for_action(by_ref["2022-3"].id)
    assert [(line.requested, line.granted, line.year) for line in lines] == [
        (D("50000.00"), None, 2022), (None, D("40000.00"), 2022)]
    history = HistoryRepository(store).for_action(by_ref["2022-3"].id)
    assert history and {h.context for h in history} == {"Import du fichier « Suivi CRTE 2024.xlsx »"}
    assert {h.context for h in HistoryRepository(store).for_action(v.existing)} >= {
        "Import du fichier « Suivi CRTE 2024.xlsx »"}
    assert done.changes.actions == {a.id for a in by_ref.values()}
    assert digest(store.path) != original

    undo_import(store, done)
    by_ref = actions(store, v.contract_id)
    assert list(by_ref) == ["2021-1"]
    assert (by_ref["2021-1"].total_cost, by_ref["2021-1"].progress) == (D("900000.00"), 0)
    assert FinancingRepository(store).for_action(v.existing) == []
    assert not any(o.name == "Commune de Prouvy" for o in DirectoryRepository(store).organisations())

    redo_import(store, done)
    by_ref = actions(store, v.contract_id)
    assert sorted(by_ref) == ["2021-1", "2022-3", "2022-4", "2023-1"]
    assert DirectoryRepository(store).organisation(by_ref["2023-1"].owner_id).name == "Commune de Prouvy"
    assert len(FinancingRepository(store).for_action(by_ref["2022-3"].id)) == 2
    assert notices, "the views are told what changed"
    undo_import(store, done)  # and again: undo follows the records redo made
    assert list(actions(store, v.contract_id)) == ["2021-1"]
    assert sum(o.name == "Commune de Prouvy" for o in DirectoryRepository(store).organisations()) == 0


def test_only_the_accepted_rows_are_imported(ws, tracking_file):
    store, v = ws
    done = apply(store, run_preview(store, v, tracking_file), accepted_rows=[6])
    assert sorted(actions(store, v.contract_id)) == ["2021-1", "2022-3"]
    assert actions(store, v.contract_id)["2021-1"].total_cost == D("900000.00")
    assert done.count == 1


def test_rows_with_errors_cannot_be_imported(ws, tracking_file, digest):
    store, v = ws
    result = run_preview(store, v, tracking_file)  # row 9: its owner is unknown; row 10: the totals
    before = digest(store.path)
    for rows in ([5, 9], [10], [42]):
        with pytest.raises(ImportRefused) as err:
            apply(store, result, accepted_rows=rows)
        assert err.value.problems[-1].sheet == "Programme"
    assert "Feuille « Programme », ligne 9 : Cette ligne a des erreurs" in str(
        pytest.raises(ImportRefused, apply, store, result, accepted_rows=[9]).value)
    with pytest.raises(ImportRefused, match="Aucune ligne à importer"):
        apply(store, result, accepted_rows=[])
    assert digest(store.path) == before


def test_a_refusal_at_the_last_row_writes_nothing(ws, tmp_path, digest):
    store, v = ws
    path = simple_workbook(tmp_path / "tard.xlsx", ["Réf", "Intitulé"], [["A-1", "Halle"], ["A-2", "Parc"]])
    result = run_preview(store, v, path)
    # someone creates A-2 in the application after the preview
    service = ActionService(store)
    bundle = service.new_bundle(v.contract_id)
    bundle.action.reference, bundle.action.title = "A-2", "Autre parc"
    service.save(bundle)
    before = digest(store.path)
    with pytest.raises(ImportRefused) as err:
        apply(store, result)
    assert str(err.value) == ("Feuille « Actions », ligne 3 : La référence « A-2 » existe déjà dans ce contrat. "
                              "(action « A-2 »)")
    assert digest(store.path) == before
    assert "A-1" not in actions(store, v.contract_id)


def test_an_action_changed_since_the_preview_is_refused(ws, tracking_file, digest):
    store, v = ws
    result = run_preview(store, v, tracking_file)
    service = ActionService(store)
    bundle = service.load(v.existing)
    bundle.action.title = "Centre aquatique"
    service.save(bundle)
    before = digest(store.path)
    with pytest.raises(ImportRefused, match="ligne 5 : L'action « 2021-1 » a été modifiée depuis l'aperçu"):
        apply(store, result)
    assert digest(store.path) == before


def test_a_cancelled_import_writes_nothing(ws, tracking_file, digest):
    from crte_desktop.progress import Cancelled, Control  # the control the dialog passes

    store, v = ws
    result = run_preview(store, v, tracking_file)
    control = Control(lambda done, total, text: control.cancel() if done == 2 else None)
    before = digest(store.path)
    with pytest.raises(Cancelled):
        apply(store, result, control=control)
    assert digest(store.path) == before


def test_redo_refused_when_a_reference_was_taken_meanwhile(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "refaire.xlsx", ["Réf", "Intitulé"], [["A-1", "Halle"]])
    done = apply(store, run_preview(store, v, path))
    undo_import(store, done)
    service = ActionService(store)
    bundle = service.new_bundle(v.contract_id)
    bundle.action.reference, bundle.action.title = "A-1", "Autre halle"
    service.save(bundle)
    with pytest.raises(DomainError, match="L'import ne peut pas être rétabli"):
        redo_import(store, done)
    assert actions(store, v.contract_id)["A-1"].title == "Autre halle"


@pytest.mark.parametrize("headers, bad_row, column, reason", [
    (["Réf", "Intitulé"], ["A-1", "Halle (bis)"], "A", "La référence « A-1 » figure aussi ligne 2"),
    (["Réf", "Intitulé", "Coût total"], ["A-9", "Parc", "-1 500,00 €"], "C", "Le montant ne peut pas être négatif"),
    (["Réf", "Intitulé", "Coût total"], ["A-9", "Parc", "environ 2 M€"], "C", "n'est pas un montant valide"),
    (["Réf", "Intitulé", "Début", "Date de fin"], ["A-9", "Parc", "01/01/2025", "31/12/2024"], "D",
     "La date de fin ne peut pas précéder la date de début."),
    (["Réf", "Intitulé", "Date de fin"], ["A-9", "Parc", "31/02/2025"], "C", "n'est pas une date qui existe"),
    (["Réf", "Intitulé", "Coût", "DETR accordé"], ["A-9", "Parc", 1000, "2 000"], "C",  # shown at the cost
     "Le total accordé des financements (2\u00a0000,00\u00a0€) dépasse le coût total"),
])
def test_a_bad_row_is_placed_and_nothing_is_written(ws, tmp_path, digest, headers, bad_row, column, reason):
    store, v = ws
    good = ["A-1", "Halle"] + [None] * (len(headers) - 2)
    path = simple_workbook(tmp_path / "suivi.xlsx", headers, [good, bad_row])
    result = run_preview(store, v, path)
    [error] = result.row(3).errors
    assert (error.sheet, error.row, error.column) == ("Actions", 3, column)
    assert reason in error.message
    before = digest(store.path)
    with pytest.raises(ImportRefused) as err:
        apply(store, result, accepted_rows=[2, 3])
    assert ("Feuille « Actions », ligne 3 : Cette ligne a des erreurs ou est ignorée : elle ne peut pas être "
            "importée.") in str(err.value)
    assert digest(store.path) == before


def test_undo_and_redo_refuse_to_go_over_a_change_made_elsewhere(ws, tracking_file, digest):
    """An action the import created (or updated), changed by another window afterwards, is neither deleted nor
    put back by undo; after an undo, redo does not write over a change made since (issue 9.1)."""
    from crte_desktop.db.errors import ConcurrentChangeError
    from crte_desktop.db.store import Store

    store, v = ws
    result = run_preview(store, v, tracking_file, options=ImportOptions(create_organisations=True, update_existing=True))
    done = apply(store, result)
    created = actions(store, v.contract_id)["2022-3"].id
    with Store.sibling(store) as other:
        colleague = ActionService(other)
        fiche = colleague.load(created)
        fiche.action.notes = "Complété par un collègue"
        colleague.save(fiche)
        before = digest(store.path)
        with pytest.raises(ConcurrentChangeError, match="L'annulation aurait effacé ce changement plus récent"):
            undo_import(store, done)
        assert digest(store.path) == before
        fiche = colleague.load(created)
        fiche.action.notes = ""
        colleague.save(fiche)  # taken back: nothing would be erased any more
        undo_import(store, done)
        assert list(actions(store, v.contract_id)) == ["2021-1"]
        existing = colleague.load(v.existing)
        existing.action.progress = 10
        colleague.save(existing)
        before = digest(store.path)
        with pytest.raises(ConcurrentChangeError, match="L'action 2021-1 a été modifiée par ailleurs"):
            redo_import(store, done)
        assert digest(store.path) == before
        assert ActionService(store).load(v.existing).action.progress == 10
