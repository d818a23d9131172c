"""The workbook in the window: export off the GUI thread, and the re-import preview (ticks, Tout accepter /
Tout refuser, errors with their place, Appliquer in one transaction, conflicts left unticked)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt

from crte_desktop.editing.actions import ActionService
from crte_desktop.views.shell import tasks
from crte_desktop.views.imports.excel_export_dialog import default_export_name, export_workbook_dialog
from crte_desktop.views.imports.excel_import_dialog import ImportPreviewDialog, import_workbook_dialog
from tests.excel.conftest import edit, export, set_cell
from tests.views.gui import app_context


@pytest.fixture
def ctx(sample, tmp_path):
    store, cid = sample
    with app_context(store, tmp_path) as context:
        yield context


@pytest.fixture
def book(sample, tmp_path):
    return export(sample[0], tmp_path)


def idle(qtbot):
    qtbot.waitUntil(lambda: tasks.running_count() == 0, timeout=20000)


def open_preview(qtbot, ctx, path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(ctx, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    idle(qtbot)
    return dialog


def cell(model, row, col):
    return model.data(model.index(row, col))


def test_export_runs_in_the_background_and_writes_the_workbook(qtbot, ctx, sample, tmp_path):
    store, cid = sample
    done = []
    out = tmp_path / "partenaires"
    op = export_workbook_dialog(ctx, cid, None, path=str(out), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    idle(qtbot)
    assert not op.is_running
    path = tmp_path / "partenaires.xlsx"
    assert done[0].path == path
    assert openpyxl.load_workbook(path).sheetnames[:4] == ["Synthèse", "Actions", "Financements", "Indicateurs"]
    assert ctx.settings.value("exports/Classeur/last_dir") == str(tmp_path)
    assert default_export_name(ctx, cid).startswith("Tableau de bord CRTE du Test ")


def test_preview_lists_every_change_and_applies_the_ticked_ones(qtbot, ctx, sample, book):
    store, cid = sample

    def change(wb):
        set_cell(wb["Actions"], "2021-2", "Statut", "Réalisée")
        set_cell(wb["Actions"], "2022-1", "Coût total (€)", "12 000 €")

    dialog = open_preview(qtbot, ctx, edit(book, change))
    model = dialog.changes_model
    assert model.rowCount() == 2
    rows = {cell(model, r, 4): r for r in range(2)}
    r = rows["Statut"]
    assert [cell(model, r, c) for c in range(1, 8)] == ["Actions", 3, "2021-2 — Pistes cyclables", "Statut",
                                                         "À venir", "Réalisée", ""]
    assert model.data(model.index(r, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not dialog.problems_view.isVisibleTo(dialog)

    dialog.refuse_all.click()
    assert not dialog.apply_button.isEnabled()
    dialog.accept_all.click()
    assert dialog.apply_button.isEnabled()
    model.setData(model.index(rows["Statut"], 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "1 coché ;" in dialog.counts.text()

    seen = []
    ctx.bus.changed.connect(seen.append)
    with qtbot.waitSignal(dialog.applied, timeout=20000) as applied:
        dialog.apply_button.click()
    idle(qtbot)
    assert applied.args[0].applied == 1
    assert seen and seen[-1].actions  # the views are told what changed
    service = ActionService(store)
    ids = dict(store.conn.execute("SELECT reference, id FROM action"))
    assert service.load(ids["2022-1"]).action.total_cost == Decimal("12000.00")
    assert service.load(ids["2021-2"]).action.status.value == "a_venir"


def test_errors_are_shown_with_their_place_and_nothing_can_be_applied(qtbot, ctx, sample, book):
    store, cid = sample
    dialog = open_preview(qtbot, ctx, edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Coût total (€)",
                                                                      "cher")))
    assert dialog.problems_view.isVisibleTo(dialog)
    problems = dialog.problems_view.model()
    assert [problems.data(problems.index(0, c)) for c in range(5)] == [
        "Erreur", "Actions", 3, "J « Coût total (€) »", "« cher » n'est pas un montant valide (exemple : 1 234,50 €)."]
    assert not dialog.apply_button.isEnabled() and not dialog.accept_all.isEnabled()
    assert "erreurs" in dialog.message.text()


def test_conflicts_are_highlighted_and_left_unticked(qtbot, ctx, sample, book):
    store, cid = sample
    service = ActionService(store)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2021-1'").fetchone()[0]
    bundle = service.load(aid)
    bundle.action.progress = 55
    service.save(bundle)
    dialog = open_preview(qtbot, ctx, edit(book, lambda wb: set_cell(wb["Actions"], "2021-1", "Statut", "Bloquée")))
    model = dialog.changes_model
    assert cell(model, 0, 7) == "Oui"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert not dialog.apply_button.isEnabled()
    assert "conflit" in dialog.message.text()


def test_refused_file_says_why(qtbot, ctx, tmp_path):
    path = tmp_path / "ancien.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    dialog = open_preview(qtbot, ctx, path)
    assert "ne peut pas être réimporté" in dialog.title.text()
    assert "Les classeurs .xls (Excel 97-2003) ne sont pas pris en charge" in dialog.message.text()
    assert not dialog.apply_button.isEnabled()


def test_rule_broken_on_apply_keeps_the_dialog_open_with_the_reason(qtbot, ctx, sample, book, digest):
    store, cid = sample

    def change(wb):
        fin = wb["Financements"]
        for r in range(2, fin.max_row + 1):
            if fin.cell(r, 4).value == "DSIL":
                fin.cell(r, 9).value = 999999  # granted above requested

    dialog = open_preview(qtbot, ctx, edit(book, change))
    before = digest(store.path)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.op is None, timeout=20000)
    idle(qtbot)
    assert dialog.isVisible() or not dialog.result()
    assert "Import refusé" in dialog.message.text()
    assert dialog.problems_view.isVisibleTo(dialog)
    assert digest(store.path) == before


def test_import_dialog_with_a_given_path(qtbot, ctx, book):
    dialog = import_workbook_dialog(ctx, None, path=str(book))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    idle(qtbot)
    assert dialog.plan.changes == []
    assert "aucune modification" in dialog.message.text()
    dialog.close()


def test_preview_screenshot(qtbot, ctx, sample, book, tmp_path):
    """Rendered offscreen so that a person can look at it (tests/excel/…/preview.png)."""
    def change(wb):
        set_cell(wb["Actions"], "2021-2", "Statut", "Réalisée")
        set_cell(wb["Actions"], "2021-1", "Coût total (€)", "cher")
        wb["Actions"].append(["2024-1", "Nouvelle action", None, None, "En cours"])

    dialog = open_preview(qtbot, ctx, edit(book, change))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.grab().isNull()
    dialog.grab().save(str(tmp_path / "preview.png"))


def test_applied_import_is_one_undo_step(qtbot, ctx, sample, book):
    store, cid = sample
    dialog = open_preview(qtbot, ctx, edit(book, lambda wb: set_cell(wb["Actions"], "2022-1", "Coût total (€)", 5)))
    with qtbot.waitSignal(dialog.applied, timeout=20000):
        dialog.apply_button.click()
    idle(qtbot)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2022-1'").fetchone()[0]
    service = ActionService(store)
    assert service.load(aid).action.total_cost == Decimal("5.00")
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Import du classeur « modifie.xlsx »"
    ctx.undo_stack.undo()
    assert service.load(aid).action.total_cost is None
    ctx.undo_stack.redo()
    assert service.load(aid).action.total_cost == Decimal("5.00")
