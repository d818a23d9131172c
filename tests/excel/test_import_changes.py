"""Re-import of an edited workbook: every difference in the preview, applied in one transaction with history,
conflicts flagged, partial acceptance, rules refusing the whole set, the command line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from crte_desktop.cli import main
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.enums import ActionStatus, FinancingStatus
from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import CHANGED, DELETED, NEW, plan_import
from crte_desktop.excel.problems import ImportRefused
from tests.conftest import file_digest
from tests.excel.conftest import column_of, edit, export, find_row, rows, set_cell

D = Decimal


def action_id(store, reference: str) -> int:
    return store.conn.execute("SELECT id FROM action WHERE reference = ?", (reference,)).fetchone()[0]


def bundle(store, reference: str):
    return ActionService(store).load(action_id(store, reference))


@pytest.fixture
def book(sample, tmp_path):
    return export(sample[0], tmp_path)


def test_unchanged_workbook_has_nothing_to_import(sample, book):
    plan = plan_import(sample[0], book)
    assert plan.changes == [] and plan.problems == []


def test_unchanged_workbook_saved_by_openpyxl_has_nothing_to_import(sample, book):
    plan = plan_import(sample[0], edit(book, lambda wb: None))
    assert plan.changes == [] and plan.problems == []


def test_changed_cells_in_french_formats_are_shown_then_applied_with_history(sample, book):
    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        set_cell(ws, "2021-2", "Statut", "en cours")  # typed by hand, lower case
        set_cell(ws, "2021-2", "Avancement (%)", "45 %")
        set_cell(ws, "2021-2", "Coût total (€)", "1 234 567,50 €")
        set_cell(ws, "2021-2", "Date de début", "12/03/2022")
        set_cell(ws, "2021-2", "Intitulé", "Pistes cyclables  du centre ")

    plan = plan_import(store, edit(book, change))
    assert plan.problems == []
    row = find_row(openpyxl.load_workbook(book)["Actions"], "Référence", "2021-2")
    seen = {(c.column, c.old, c.new) for c in plan.changes}
    assert seen == {
        ("Statut", "À venir", "En cours"),
        ("Avancement (%)", "0\u00a0%", "45\u00a0%"),
        ("Coût total (€)", "250\u00a0000,50\u00a0€", "1\u00a0234\u00a0567,50\u00a0€"),
        ("Date de début", "(vide)", "12/03/2022"),
        ("Intitulé", "Pistes cyclables", "Pistes cyclables  du centre"),
    }
    assert all(c.kind == CHANGED and c.sheet == "Actions" and c.row == row and not c.conflict for c in plan.changes)
    assert all("2021-2" in c.label for c in plan.changes)

    result = apply_import(store, plan)
    assert result.applied == 5
    a = bundle(store, "2021-2").action
    assert (a.status, a.progress, a.total_cost, a.start_date, a.title) == (
        ActionStatus.EN_COURS, 45, D("1234567.50"), date(2022, 3, 12), "Pistes cyclables  du centre")
    history = HistoryRepository(store).for_action(a.id)
    statut = next(h for h in history if h.field == "Statut")
    assert (statut.old_value, statut.new_value) == ("À venir", "En cours")
    assert statut.context == "Import du classeur « modifie.xlsx »"


def test_new_rows_create_an_action_its_financing_and_indicator(sample, book):
    store, cid = sample

    def change(wb):
        wb["Actions"].append(["2023-1", "Maison de santé", None, None, None, "En préparation", 0.1, None, None, 800000])
        fin = wb["Financements"]
        fin.cell(fin.max_row + 1, column_of(fin, "Référence action"), "2023-1")
        r = fin.max_row
        fin.cell(r, column_of(fin, "Financeur"), "État")
        fin.cell(r, column_of(fin, "Dispositif"), "DETR")
        fin.cell(r, column_of(fin, "Année"), 2023)
        fin.cell(r, column_of(fin, "Montant sollicité (€)"), 200000)
        ind = wb["Indicateurs"]
        ind.append(["2023-1", "Médecins installés", "médecins", 0, 6, None, date(2024, 1, 31), 2])

    plan = plan_import(store, edit(book, change))
    assert plan.errors == []
    assert [(c.sheet, c.kind) for c in plan.changes] == [("Actions", NEW), ("Financements", NEW),
                                                         ("Indicateurs", NEW)]
    apply_import(store, plan)
    b = bundle(store, "2023-1")
    assert (b.action.title, b.action.status, b.action.progress, b.action.total_cost) == (
        "Maison de santé", ActionStatus.EN_PREPARATION, 10, D("800000.00"))
    assert [(l.year, l.requested, l.status) for l in b.financing] == [(2023, D("200000.00"), FinancingStatus.PREVU)]
    assert b.financing[0].category.value == "contractualise"  # the scheme's default category
    ind = b.indicators[0]
    assert (ind.name, ind.unit, ind.target, [(m.date, m.value) for m in ind.measurements]) == (
        "Médecins installés", "médecins", 6, [(date(2024, 1, 31), 2)])


def test_deleted_rows_delete_a_line_and_an_action_with_what_it_holds(sample, book):
    store, cid = sample

    def change(wb):
        fin = wb["Financements"]
        fin.delete_rows(find_row(fin, "Dispositif", "Aide régionale"))
        ws = wb["Actions"]
        ws.delete_rows(find_row(ws, "Référence", "2021-2"))

    plan = plan_import(store, edit(book, change))
    deleted = [c for c in plan.changes if c.kind == DELETED]
    assert {c.sheet for c in deleted} == {"Financements", "Actions"}
    action_change = next(c for c in deleted if c.sheet == "Actions")
    assert action_change.row == 3 and "1 financement" in action_change.note
    apply_import(store, plan)
    assert store.conn.execute("SELECT COUNT(*) FROM action WHERE reference = '2021-2'").fetchone()[0] == 0
    assert [l.scheme_id is not None for l in bundle(store, "2021-1").financing] == [True]
    assert len(bundle(store, "2021-1").financing) == 1


def test_emptied_sheet_is_refused_rather_than_deleting_everything(sample, book, digest):
    store, cid = sample
    before = digest(store.path)
    path = edit(book, lambda wb: wb["Financements"].delete_rows(2, 10))
    plan = plan_import(store, path)
    assert any(p.sheet == "Financements" and "plus aucune ligne" in p.message for p in plan.errors)
    with pytest.raises(ImportRefused):
        apply_import(store, plan)
    assert digest(store.path) == before


def test_row_changed_in_the_application_since_export_is_a_conflict(sample, book):
    store, cid = sample
    service = ActionService(store)
    b = bundle(store, "2021-1")
    b.action.progress = 50  # changed in the application after the export
    service.save(b)
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-1", "Coût total (€)", 1200000))
    plan = plan_import(store, path)
    [change] = plan.changes
    assert change.conflict and change.column == "Coût total (€)"
    assert "[CONFLIT]" in change.describe()
    apply_import(store, plan, [c for c in plan.changes if not c.conflict])
    assert bundle(store, "2021-1").action.total_cost == D("1000000.00")  # not silently overwritten
    apply_import(store, plan)  # the user accepts it knowingly
    a = bundle(store, "2021-1").action
    assert (a.total_cost, a.progress) == (D("1200000.00"), 50)


def test_change_made_in_the_application_is_not_reverted_by_an_untouched_cell(sample, book):
    store, cid = sample
    service = ActionService(store)
    b = bundle(store, "2021-1")
    b.action.title = "Piscine intercommunale (agrandie)"
    service.save(b)
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Avancement (%)", 0.2))
    plan = plan_import(store, path)
    assert [(c.label.split(" — ")[0], c.column) for c in plan.changes] == [("2021-2", "Avancement (%)")]


def test_only_the_accepted_changes_are_applied(sample, book):
    store, cid = sample

    def change(wb):
        set_cell(wb["Actions"], "2021-2", "Avancement (%)", 0.2)
        set_cell(wb["Actions"], "2022-1", "Coût total (€)", 99)

    plan = plan_import(store, edit(book, change))
    keep = [c for c in plan.changes if c.column == "Coût total (€)"]
    result = apply_import(store, plan, keep)
    assert result.applied == 1
    assert bundle(store, "2021-2").action.progress == 0
    assert bundle(store, "2022-1").action.total_cost == D("99.00")


def test_broken_rule_refuses_everything_and_writes_nothing(sample, book, digest):
    store, cid = sample
    before = digest(store.path)
    history = HistoryRepository(store).count()

    def change(wb):
        set_cell(wb["Actions"], "2022-1", "Intitulé", "Nouveau titre")  # fine on its own
        fin = wb["Financements"]
        fin.cell(find_row(fin, "Dispositif", "DSIL"), column_of(fin, "Montant accordé (€)"), 400000)  # > requested

    plan = plan_import(store, edit(book, change))
    assert plan.errors == []
    with pytest.raises(ImportRefused) as refused:
        apply_import(store, plan)
    [problem] = refused.value.problems
    assert problem.sheet == "Financements"
    assert problem.row == find_row(openpyxl.load_workbook(book)["Financements"], "Dispositif", "DSIL")
    assert "accordé" in problem.message and "2021-1" in problem.message
    assert digest(store.path) == before
    assert HistoryRepository(store).count() == history
    assert bundle(store, "2022-1").action.title == "Rénovation de l'école"


def test_measurement_corrected_or_followed_by_a_later_one(sample, book):
    store, cid = sample

    def change(wb):
        ws = wb["Indicateurs"]
        r = find_row(ws, "Indicateur", "Fréquentation annuelle")
        ws.cell(r, column_of(ws, "Date de la dernière mesure"), date(2024, 12, 31))
        ws.cell(r, column_of(ws, "Dernière valeur"), 20000)

    apply_import(store, plan_import(store, edit(book, change)))
    ind = bundle(store, "2021-1").indicators[0]
    assert [(m.date, m.value) for m in ind.measurements] == [(date(2023, 12, 31), 12000), (date(2024, 12, 31), 20000)]

    book2 = export(store, book.parent, "second.xlsx")
    path = edit(book2, lambda wb: wb["Indicateurs"].cell(
        2, column_of(wb["Indicateurs"], "Dernière valeur"), 21000), "second-modifie.xlsx")
    apply_import(store, plan_import(store, path))
    ind = bundle(store, "2021-1").indicators[0]
    assert [(m.date, m.value) for m in ind.measurements] == [(date(2023, 12, 31), 12000), (date(2024, 12, 31), 21000)]


def test_measurement_cannot_go_back_in_time(sample, book):
    store, cid = sample
    path = edit(book, lambda wb: wb["Indicateurs"].cell(
        2, column_of(wb["Indicateurs"], "Date de la dernière mesure"), date(2020, 1, 1)))
    plan = plan_import(store, path)
    [error] = plan.errors
    assert (error.sheet, error.row, error.header) == ("Indicateurs", 2, "Date de la dernière mesure")
    assert "31/12/2023" in error.message


def test_reference_renamed_with_its_financing_rows(sample, book):
    store, cid = sample

    def change(wb):
        set_cell(wb["Actions"], "2021-2", "Référence", "2021-2bis")
        fin = wb["Financements"]
        fin.cell(find_row(fin, "Référence action", "2021-2"), 1, "2021-2bis")

    plan = plan_import(store, edit(book, change))
    assert plan.errors == []
    assert [(c.sheet, c.column) for c in plan.changes] == [("Actions", "Référence")]  # the line does not move
    apply_import(store, plan)
    b = bundle(store, "2021-2bis")
    assert len(b.financing) == 1


def test_financing_line_moved_to_another_action(sample, book):
    store, cid = sample
    path = edit(book, lambda wb: wb["Financements"].cell(
        find_row(wb["Financements"], "Dispositif", "Aide régionale"), 1, "2022-1"))
    plan = plan_import(store, path)
    [change] = plan.changes
    assert (change.column, change.old, change.new) == ("Référence action", "2021-1", "2022-1")
    apply_import(store, plan)
    assert [l.planned for l in bundle(store, "2022-1").financing] == [D("150000.00")]
    assert len(bundle(store, "2021-1").financing) == 1


def test_workbook_changed_twice_is_refused_the_second_time_for_the_moved_rows(sample, book):
    """Applying the same workbook again finds nothing left to do (values already so)."""
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Avancement (%)", 0.2))
    apply_import(store, plan_import(store, path))
    again = plan_import(store, path)
    assert again.changes == []


def test_round_trip_export_edit_import_export(sample, book, tmp_path):
    store, cid = sample

    def change(wb):
        set_cell(wb["Actions"], "2021-1", "Intitulé", "=1+1")  # text typed with a leading "=" stays text
        wb["Actions"].cell(find_row(wb["Actions"], "Référence", "2021-1"),
                           column_of(wb["Actions"], "Intitulé")).data_type = "s"
        set_cell(wb["Actions"], "2022-1", "Coût total (€)", 5000.5)

    edited = edit(book, change)
    apply_import(store, plan_import(store, edited))
    again = export(store, tmp_path, "apres.xlsx")
    before = {r["Référence"]: r for r in rows(edited, "Actions")}
    after = {r["Référence"]: r for r in rows(again, "Actions")}
    assert after["2021-1"]["Intitulé"] == "=1+1"
    assert after["2022-1"]["Coût total (€)"] == 5000.5
    for ref in before:
        for header in ("Référence", "Intitulé", "Statut", "Avancement (%)", "Date de début", "Date de fin",
                       "Coût total (€)", "Année d'inscription"):
            assert before[ref][header] == after[ref][header], (ref, header)
    assert plan_import(store, again).changes == []


# -- command line -------------------------------------------------------------------------------------
def test_cli_dry_run_prints_the_preview_and_writes_nothing(sample, book, capsys):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Statut", "Réalisée"))
    store.close()
    before = file_digest(store.path)
    assert main(["import-xlsx", str(store.path), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "« Statut » : À venir → Réalisée" in out
    assert "Actions, ligne 3 (2021-2 — Pistes cyclables)" in out
    assert "Simulation" in out and "Rien n'a été écrit" in out
    assert file_digest(store.path) == before


def test_cli_applies_and_reports_skipped_conflicts(sample, book, capsys):
    store, cid = sample
    service = ActionService(store)
    b = bundle(store, "2021-1")
    b.action.progress = 50
    service.save(b)

    def change(wb):
        set_cell(wb["Actions"], "2021-1", "Statut", "Bloquée")
        set_cell(wb["Actions"], "2021-2", "Statut", "Réalisée")

    path = edit(book, change)
    store.close()
    assert main(["import-xlsx", str(store.path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 changement appliqué." in out and "--accept-conflicts" in out
    assert main(["import-xlsx", str(store.path), str(path), "--accept-conflicts"]) == 0
    assert "1 changement appliqué." in capsys.readouterr().out


def test_cli_refused_import_exits_1_and_leaves_the_file(sample, book, capsys):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Coût total (€)", "beaucoup"))
    store.close()
    before = file_digest(store.path)
    assert main(["import-xlsx", str(store.path), str(path)]) == 1
    out = capsys.readouterr().out
    assert "Feuille « Actions », ligne 3, colonne J « Coût total (€) » : « beaucoup » n'est pas un montant valide" in out
    assert file_digest(store.path) == before


def test_cli_export_then_import(sample, tmp_path, capsys):
    store, cid = sample
    store.close()
    out = tmp_path / "partenaires.xlsx"
    assert main(["export-xlsx", str(store.path), str(out)]) == 0
    assert "partenaires.xlsx" in capsys.readouterr().out
    assert main(["import-xlsx", str(store.path), str(out), "--dry-run"]) == 0
    assert "0 changement" in capsys.readouterr().out


def snapshot(store) -> list:
    """Everything an import touches, comparable across undo and redo (history aside)."""
    service = ActionService(store)
    result = []
    for (aid,) in store.conn.execute("SELECT id FROM action ORDER BY id"):
        b = service.load(aid)
        result.append((b.action.reference, b.action.title, b.action.status, b.action.progress, b.action.total_cost,
                       sorted((l.funder_id, l.scheme_id, l.planned, l.requested, l.granted, l.paid, l.comment)
                              for l in b.financing),
                       sorted((i.name, i.target, [(m.date, m.value) for m in i.measurements]) for i in b.indicators)))
    return result


def test_undo_puts_everything_back_and_redo_applies_again(sample, book):
    from crte_desktop.excel.import_apply import redo_import, undo_import

    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        first, second = find_row(ws, "Référence", "2021-1"), find_row(ws, "Référence", "2021-2")
        ws.cell(first, 1).value, ws.cell(second, 1).value = "2021-9", "2021-1"  # 2021-2 takes 2021-1's reference
        set_cell(wb["Actions"], "2022-1", "Statut", "Abandonnée")
        wb["Actions"].append(["2024-1", "Nouvelle action"])
        fin = wb["Financements"]
        fin.delete_rows(find_row(fin, "Dispositif", "Aide régionale"))
        fin.cell(find_row(fin, "Dispositif", "DSIL"), column_of(fin, "Commentaire")).value = "vu en COPIL"
        ws = wb["Indicateurs"]
        ws.cell(2, column_of(ws, "Dernière valeur")).value = 15000

    before = snapshot(store)
    result = apply_import(store, plan_import(store, edit(book, change)))
    after = snapshot(store)
    assert after != before
    assert {r[0] for r in after} == {"2021-1", "2021-9", "2022-1", "2024-1"}
    assert next(r for r in after if r[1] == "Pistes cyclables")[0] == "2021-1"
    undo_import(store, result)
    assert snapshot(store) == before
    redo_import(store, result)
    assert snapshot(store) == after
    undo_import(store, result)
    assert snapshot(store) == before
    history = HistoryRepository(store).for_action(action_id(store, "2022-1"))
    assert len(history) > 1
    assert any(h.context == "Annulation : Import du classeur « modifie.xlsx »" for h in history)


def test_swapped_references_are_refused_with_the_reason(sample, book, digest):
    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        first, second = find_row(ws, "Référence", "2021-1"), find_row(ws, "Référence", "2021-2")
        ws.cell(first, 1).value, ws.cell(second, 1).value = "2021-2", "2021-1"

    before = digest(store.path)
    with pytest.raises(ImportRefused, match="existe déjà"):
        apply_import(store, plan_import(store, edit(book, change)))
    assert digest(store.path) == before


def test_cli_export_of_an_unknown_contract(sample, tmp_path, capsys):
    store, cid = sample
    store.close()
    assert main(["export-xlsx", str(store.path), str(tmp_path / "x.xlsx"), "--contract", "99"]) == 1
    assert "Le contrat n° 99 n'existe pas" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
