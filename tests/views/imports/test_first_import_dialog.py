"""The first-import dialog through its real widgets: the secretary's file, its sheet found, the columns
guessed and corrected, the preview with its errors, the import off the GUI thread as one undo step;
files refused; the entry of the Fichier menu."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.excel.first_import import Target
from crte_desktop.excel.safety import OLE_SIGNATURE
from crte_desktop.views.imports.first_import_dialog import MAPPING_PAGE, PREVIEW_PAGE, FirstImportDialog
from crte_desktop.views.imports.first_import_preview import ERROR_COLOR
from crte_desktop.views.imports.first_import_tables import IGNORE
from tests.excel.first_import.secretary import build_workspace, simple_workbook, write_workbook
from tests.views.shell_workspace import main_window, small  # noqa: F401 - fixtures


@pytest.fixture
def dialog(ctx, qtbot):
    info = build_workspace(ctx.store)
    d = FirstImportDialog(ctx, info.contract_id)
    qtbot.addWidget(d)
    d.show()
    return d, info


def open_file(qtbot, d, path):
    with qtbot.waitSignal(d.table_loaded, timeout=10000):
        d.set_path(path)


def references(store, contract_id):
    return sorted(a.reference for a in ActionRepository(store).for_contract(contract_id))


def test_import_of_the_tracking_file_then_undo(qtbot, ctx, dialog, tmp_path, digest):
    d, info = dialog
    path = write_workbook(tmp_path / "Suivi CRTE 2024.xlsx")
    open_file(qtbot, d, path)
    # the "Notes" sheet holds no table: the dialog took the next one
    assert d.sheet_box.currentText() == "Programme"
    assert [d.sheet_box.itemText(i) for i in range(d.sheet_box.count())] == ["Notes", "Programme"]
    assert "ligne d'en-tête trouvée ligne 3 (sur deux lignes" in d.file_info.text()
    assert d.next_button.isEnabled()

    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    assert d.pages.currentIndex() == MAPPING_PAGE
    table = d.mapping_table
    assert [table.field_boxes[c].currentText() for c in (0, 1, 3, 4, 5, 12)] == [
        "Référence", "Intitulé", "Maître d'ouvrage", "Coût total", "Financement : DSIL (État)", "Observations"]
    assert table.stage_boxes[5].currentText() == "Sollicité" and table.stage_boxes[5].isVisibleTo(d)
    assert not table.stage_boxes[0].isVisibleTo(d)
    assert table.item(3, 1).text() == "Piscine intercommunale"  # the first data row under the three mapping rows
    table.field_boxes[12].setCurrentIndex(table.field_boxes[12].findText(IGNORE))  # the remarks stay out
    table.stage_boxes[7].setCurrentIndex(table.stage_boxes[7].findText("Accordé"))  # "Région" was granted
    assert 12 not in table.mapping() and table.mapping()[7].stage.value == "granted"

    qtbot.mouseClick(d.next_button, Qt.MouseButton.LeftButton)
    assert d.pages.currentIndex() == PREVIEW_PAGE
    preview = d.preview_table
    model = preview.model()
    assert preview.numbers == [5, 6, 7, 9, 10]
    assert [model.index(i, preview.KIND_COLUMN).data() for i in range(5)] == [
        "Déjà présente", "Nouvelle", "Nouvelle", "Nouvelle", "Ignorée"]
    assert preview.checked() == [6, 7]
    d.update_box.setChecked(True)  # the secretary asks: the existing 2021-1 is updated
    assert model.index(0, preview.KIND_COLUMN).data() == "Mise à jour"
    columns = [preview.HEADERS.index(h) for h in ("Référence", "Intitulé", "Section", "Maître d'ouvrage", "Statut",
                                                  "Début", "Fin", "Coût")]
    assert [model.index(0, c).data() for c in columns] == [
        "2021-1", "Piscine intercommunale", "1.1 Mobilité durable", "Commune de Valenciennes", "En cours", "",
        "31/12/2025", "1\u00a0000\u00a0000,00\u00a0€"]
    errors = model.index(3, preview.PROBLEMS_COLUMN)
    assert errors.data().startswith("Colonne D « Maître d'ouvrage » : « Commune de Prouvy » n'est pas dans l'annuaire")
    assert errors.data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOR
    assert not model.flags(model.index(3, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert d.import_button.text() == "Importer 3 actions"
    preview.set_checked(7, False)
    assert d.import_button.text() == "Importer 2 actions"
    d.create_box.setChecked(True)  # the preview is made again: Prouvy becomes importable
    assert preview.checked() == [5, 6, 7, 9] and d.import_button.text() == "Importer 4 actions"
    preview.set_checked(7, False)

    before = digest(ctx.store.path)
    with qtbot.waitSignal(d.imported, timeout=10000) as imported:
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].summary() == "2 actions créées, 1 mise à jour, 1 organisation ajoutée à l'annuaire."
    assert not d.isVisible()
    assert references(ctx.store, info.contract_id) == ["2021-1", "2022-3", "2023-1"]
    piscine = ActionRepository(ctx.store).get(info.existing)
    assert (piscine.total_cost, piscine.notes) == (Decimal("1000000.00"), "")
    contexts = {h.context for h in HistoryRepository(ctx.store).for_action(info.existing)}
    assert "Import du fichier « Suivi CRTE 2024.xlsx »" in contexts
    assert digest(ctx.store.path) != before

    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Import de 3 actions depuis « Suivi CRTE 2024.xlsx »"
    ctx.undo_stack.undo()
    assert references(ctx.store, info.contract_id) == ["2021-1"]
    assert ActionRepository(ctx.store).get(info.existing).total_cost == Decimal("900000.00")
    assert not any(o.name == "Commune de Prouvy" for o in DirectoryRepository(ctx.store).organisations())
    ctx.undo_stack.redo()
    assert references(ctx.store, info.contract_id) == ["2021-1", "2022-3", "2023-1"]


@pytest.mark.parametrize("name, content, reason", [
    ("ancien.xls", OLE_SIGNATURE + b"\x00" * 600, "Les classeurs .xls (Excel 97-2003) ne sont pas pris en charge"),
    ("notes.xlsx", b"Ceci n'est pas un classeur.", "n'est pas un classeur Excel (.xlsx)"),
])
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(qtbot, ctx, dialog, tmp_path, digest, name, content,
                                                                 reason):
    d, _info = dialog
    path = tmp_path / name
    path.write_bytes(content)
    before = digest(ctx.store.path)
    d.set_path(path)
    assert d.file_message.isVisibleTo(d) and reason in d.file_message.text()
    assert not d.next_button.isEnabled() and d.sheet_box.count() == 0
    assert digest(ctx.store.path) == before


def test_a_sheet_without_header_row_is_refused(qtbot, ctx, dialog, tmp_path):
    d, _info = dialog
    path = simple_workbook(tmp_path / "chiffres.xlsx", [1, 2, 3], [[4, 5, 6], [7, 8, 9]], sheet="Montants")
    open_file(qtbot, d, path)
    assert "Aucune ligne d'en-tête trouvée" in d.file_message.text()
    assert d.table is None and not d.next_button.isEnabled()


def test_a_mapping_without_titles_cannot_be_imported(qtbot, ctx, dialog, tmp_path, digest):
    d, _info = dialog
    path = simple_workbook(tmp_path / "suivi.xlsx", ["Réf", "Intitulé", "Coût"], [["A-1", "Halle", 10]])
    open_file(qtbot, d, path)
    d.next()
    d.mapping_table.set_target(0, None)
    d.mapping_table.set_target(1, None)
    d.next()
    assert "Aucune colonne n'est associée à « Intitulé » ni à « Référence »" in d.preview_message.text()
    assert not d.import_button.isEnabled()
    d.back()
    d.mapping_table.set_target(1, Target("title"))
    d.next()
    assert d.import_button.isEnabled() and d.import_button.text() == "Importer 1 action"
    assert not d.preview_message.isVisibleTo(d)


def test_a_refused_import_keeps_the_dialog_and_writes_nothing(qtbot, ctx, dialog, tmp_path, digest):
    d, info = dialog
    path = simple_workbook(tmp_path / "suivi.xlsx", ["Réf", "Intitulé"], [["2021-1", "Piscine couverte"]])
    open_file(qtbot, d, path)
    d.next()
    d.next()
    d.update_box.setChecked(True)
    # the action changes in the application after the preview
    bundle = ctx.workspace.actions.load(info.existing)
    bundle.action.progress = 10
    ctx.workspace.actions.save(bundle)
    before = digest(ctx.store.path)
    op = d.start_import()
    qtbot.waitUntil(lambda: not op.is_running, timeout=10000)
    assert "Import refusé, rien n'a été enregistré" in d.preview_message.text()
    assert "a été modifiée depuis l'aperçu" in d.preview_message.text()
    assert d.isVisible() and ctx.undo_stack.count() == 0
    assert digest(ctx.store.path) == before


def test_the_file_menu_opens_the_dialog_for_the_chosen_contract(qtbot, main_window, tmp_path):  # noqa: F811 - fixture
    window, ctx, info = main_window
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text() == "&Importer un tableau existant…")
    action.trigger()
    d = window.open_window("first_import")  # the one already open is brought back
    assert isinstance(d, FirstImportDialog) and d.isVisible() and d.contract_id == info.contract_id
    path = simple_workbook(tmp_path / "suivi.xlsx", ["Réf", "Intitulé", "Coût total", "DSIL sollicité"],
                           [["2024-1", "Voie verte de l'Escaut", "300 000 €", "120 000 €"]])
    open_file(qtbot, d, path)
    d.next()
    d.next()
    with qtbot.waitSignal(d.imported, timeout=10000):
        d.start_import()
    assert window.statusBar().currentMessage() == "1 action créée, 0 mise à jour."
    qtbot.waitUntil(lambda: window.actions_model.rowCount() == 7, timeout=5000)


def test_choosing_another_file_while_one_is_read_keeps_the_last(qtbot, ctx, dialog, tmp_path):
    d, _info = dialog
    first = write_workbook(tmp_path / "Suivi CRTE 2024.xlsx")
    second = simple_workbook(tmp_path / "autre.xlsx", ["Réf", "Intitulé"], [["Z-1", "Halle"]], sheet="Autre")
    d.set_path(first)
    open_file(qtbot, d, second)
    qtbot.wait(200)  # the first read, if still running, ends without effect
    assert d.sheet_box.currentText() == "Autre" and d.table.headers == ["Réf", "Intitulé"]


def test_a_template_in_ods_with_sections_to_confirm_and_a_stage_for_every_amount(qtbot, ctx, dialog, tmp_path):
    from crte_desktop.domain.enums import Stage
    from tests.excel.first_import.real_files import tet_template

    d, info = dialog
    open_file(qtbot, d, tet_template(tmp_path / "plan.ods"))
    assert d.sheet_box.currentText() == "Plan d'action"
    assert "Feuille « Lisez-moi » ignorée : Aucune ligne d'en-tête" in d.file_info.text()
    d.next()
    table = d.mapping_table
    assert [table.field_boxes[c].currentText() for c in (17, 18, 23)] == [
        "Financeur 1 (nom)", "Financeur 1 (montant)", "Coût total"]
    d.stage_box.setCurrentIndex(d.stage_box.findText("Sollicité"))
    d.stage_box.activated.emit(d.stage_box.currentIndex())
    assert {t.stage for t in table.mapping().values() if t.is_staged} == {Stage.REQUESTED}
    d.next()
    preview = d.preview_table
    assert preview.checked() == []  # « Axe 1 : Sécurité… » is not the contract's 1 « Transition écologique »
    assert d.confirm_box.isVisible() and "« Axe 1 : Sécurité et tranquillité publique » = 1 Transition écologique" \
        in d.confirm_box.text()
    d.create_box.setChecked(True)
    d.confirm_box.setChecked(True)  # the axes confirmed; the sous-axe 1.1 is the next proposal
    assert "« 1.1. Améliorer la qualité de l'air » = 1.1 Mobilité durable" in d.confirm_box.text()
    d.sections_box.setChecked(True)  # the sous-axes created under the contract's axes
    assert preview.checked() == [4, 5, 6, 7]
    row = preview.numbers.index(4)
    assert preview.model().index(row, 5).data() == ("1 Transition écologique › Améliorer la qualité de l'air (nouvelle)")
    assert preview.model().index(row, 11).data().startswith("Région : 1\u00a0000,00\u00a0€ sollicité")
    with qtbot.waitSignal(d.imported, timeout=20000) as imported:
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].summary() == "4 actions créées, 0 mise à jour, 1 financeur ajouté, 2 sections créées."
    ctx.undo_stack.undo()
    assert references(ctx.store, info.contract_id) == ["2021-1"]


def test_a_long_sheet_is_previewed_off_the_gui_thread_and_can_be_cancelled(qtbot, ctx, dialog, tmp_path, digest):
    from crte_desktop.views.imports.first_import_dialog import BACKGROUND_PREVIEW_ROWS

    d, info = dialog
    n = BACKGROUND_PREVIEW_ROWS + 50
    path = simple_workbook(tmp_path / "long.xlsx", ["Intitulé", "Maître d'ouvrage", "Coût total"],
                           [[f"Projet {i}", "Denain", 1000 + i] for i in range(n)])
    open_file(qtbot, d, path)
    d.next()
    before = digest(ctx.store.path)
    d.next()  # the preview is made in the background
    assert d.result is None and not d.import_button.isEnabled()
    qtbot.waitUntil(lambda: d.result is not None, timeout=60000)
    assert len(d.preview_table.checked()) == n and d.import_button.text() == f"Importer {n} actions"
    d.update_box.setChecked(True)  # made again; cancelled before it ends
    d.op.control.cancel()
    qtbot.waitUntil(lambda: d.op is None, timeout=60000)
    assert "Aperçu annulé" in d.preview_message.text() and d.result is None
    assert digest(ctx.store.path) == before
