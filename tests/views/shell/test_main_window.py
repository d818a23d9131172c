"""The main window driven as a secretary would: the tree, the filter, sorting, deleting and undoing,
the shortcuts, the remembered columns and layout."""


import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from crte_desktop.db.queries.action_table import ActionTotals
from crte_desktop.views.actions.actions_model import COLUMN_KEYS
from crte_desktop.views.actions.actions_table import totals_text
from crte_desktop.views.shell.main_window import MainWindow
from tests.views.gui import type_text
from tests.views.shell_workspace import answer_message_box, main_window, small  # noqa: F401  (fixtures)

COL = {k: i for i, k in enumerate(COLUMN_KEYS)}


def refs(window):
    model = window.actions_model
    return [model.reference(r) for r in range(model.rowCount())]


def click_tree(qtbot, window, kind, item_id, double=False):
    tree = window.navigation
    item = tree.item_for(kind, item_id)
    assert item is not None, (kind, item_id)
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    if double:  # a real double-click: press, release, then the double-click event
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def click_header(qtbot, window, key):
    header = window.actions_page.table.horizontalHeader()
    col = COL[key]
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def select_row(qtbot, window, ref):
    table = window.actions_page.table
    row = refs(window).index(ref)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.actions_model.index(row, 1)).center())


def test_title_tree_and_totals(main_window):
    window, ctx, info = main_window
    assert window.windowTitle() == "valenciennois.crte"  # the system adds « — CRTE Desktop », once
    tree = window.navigation
    texts = {tree.item_for("section", sid).text(0): tree.item_for("section", sid).text(1)
             for sid in info.sections.values()}
    assert texts == {"1  Transition écologique": "3", "1.1  Énergie et bâtiments publics": "2",
                     "2  Cohésion territoriale": "2"}
    contract = tree.item_for("contract", info.contract_id)
    assert contract.text(0) == "CRTE du Valenciennois" and contract.text(1) == "6"
    assert tree.item_for("section", info.sections["1.1"]).parent() is tree.item_for("section", info.sections["1"])
    assert tree.item_for("nosection", info.contract_id).text(1) == "1"
    assert refs(window) == ["2021-1", "2021-2", "2022-1", "2022-2", "2023-1", "2023-2"]
    assert window.totals_label.text() == ("6 actions  ·  Coût total : 5\u00a0150\u00a0000,00\u00a0€  ·  "
                                          "Financements retenus : 730\u00a0000,00\u00a0€")


def test_totals_text_in_french():
    assert totals_text(ActionTotals(0, 0, 0)).startswith("Aucune action")
    assert totals_text(ActionTotals(1, 123456, 0)).startswith("1 action  ·  Coût total : 1\u00a0234,56\u00a0€")


def test_clicking_a_section_filters_the_table_to_its_subtree(qtbot, main_window):
    window, ctx, info = main_window
    click_tree(qtbot, window, "section", info.sections["1"])
    assert refs(window) == ["2021-1", "2021-2", "2022-2"]
    assert "Transition écologique" in window.actions_page.scope_label.text()
    assert window.totals_label.text().startswith("3 actions")
    click_tree(qtbot, window, "section", info.sections["1.1"])
    assert refs(window) == ["2021-1", "2022-2"]
    click_tree(qtbot, window, "nosection", info.contract_id)
    assert refs(window) == ["2023-2"]
    click_tree(qtbot, window, "contract", info.contract_id)
    assert len(refs(window)) == 6


def test_section_actions_appear_when_expanded(qtbot, main_window):
    window, ctx, info = main_window
    item = window.navigation.item_for("section", info.sections["1.1"])
    assert window.navigation.item_for("action", info.actions["2021-1"]) is None  # not loaded yet
    item.parent().setExpanded(True)
    item.setExpanded(True)
    children = [item.child(i).text(0) for i in range(item.childCount())]
    assert children == ["2021-1  Rénovation énergétique de l'école Jules Ferry",
                        "2022-2  Piste cyclable des berges de l'Escaut"]
    click_tree(qtbot, window, "action", info.actions["2022-2"])  # selects it in the table
    assert window.actions_page.selected_ids() == [info.actions["2022-2"]]


def test_typing_in_the_filter_filters_accent_insensitively(qtbot, main_window):
    window, ctx, info = main_window
    edit = window.actions_page.filter_edit
    assert edit.placeholderText() == "Rechercher (Ctrl+F)"
    qtbot.keyClicks(edit, "equipart")
    assert len(refs(window)) == 6  # waits for the pause after the last key
    qtbot.waitUntil(lambda: refs(window) == ["2021-2"], timeout=2000)
    edit.clear()
    qtbot.waitUntil(lambda: len(refs(window)) == 6, timeout=2000)
    type_text(edit, "Équipart")
    qtbot.waitUntil(lambda: refs(window) == ["2021-2"], timeout=2000)
    assert window.totals_label.text().startswith("1 action  ·  Coût total : 1\u00a0200\u00a0000,00\u00a0€")
    window.apply_filter_now("zzz")  # the benchmark's entry: no wait
    assert refs(window) == [] and edit.text() == "zzz"
    assert window.totals_label.text().startswith("Aucune action")


def test_status_and_owner_combos(qtbot, main_window):
    window, ctx, info = main_window
    page = window.actions_page
    labels = [page.status_combo.itemText(i) for i in range(page.status_combo.count())]
    assert labels[0] == "Tous les statuts" and labels[-1] == "En retard" and "En cours" in labels
    page.status_combo.setCurrentIndex(labels.index("En retard"))
    assert refs(window) == ["2022-2"]
    page.status_combo.setCurrentIndex(labels.index("En cours"))
    assert refs(window) == ["2021-1", "2022-2"]  # 2022-2 is shown "En retard" but its status is "En cours"
    page.status_combo.setCurrentIndex(0)
    owners = [page.owner_combo.itemText(i) for i in range(page.owner_combo.count())]
    assert owners == ["Tous les maîtres d'ouvrage", "Anzin", "Bruay-sur-l'Escaut", "CAVM"]
    page.owner_combo.setCurrentIndex(owners.index("Anzin"))
    assert refs(window) == ["2022-1", "2023-1"]


def test_sorting_by_clicking_the_cost_header(qtbot, main_window):
    window, ctx, info = main_window
    select_row(qtbot, window, "2021-1")
    click_header(qtbot, window, "total_cost")
    assert refs(window) == ["2023-2", "2023-1", "2021-1", "2022-2", "2021-2", "2022-1"]
    click_header(qtbot, window, "total_cost")
    assert refs(window) == ["2022-1", "2021-2", "2022-2", "2021-1", "2023-1", "2023-2"]
    assert window.actions_page.selected_ids() == [info.actions["2021-1"]]  # the selection follows


def test_status_colour_and_late_in_the_table(main_window):
    window, ctx, info = main_window
    model = window.actions_model
    row = refs(window).index("2022-2")
    assert model.data(model.index(row, COL["status"])) == "En retard"
    assert model.data(model.index(row, COL["status"]), Qt.ItemDataRole.ForegroundRole).name() == "#c62828"


def test_delete_with_confirmation_then_undo_restores(qtbot, main_window):
    window, ctx, info = main_window
    select_row(qtbot, window, "2021-1")
    assert window.act_delete_action.isEnabled()
    seen = []
    answer_message_box("Annuler", seen)
    assert not window.delete_selected()
    assert "2021-1" in refs(window)
    assert "Supprimer l'action « 2021-1 — Rénovation énergétique de l'école Jules Ferry » ?" in seen[0]

    answer_message_box("Supprimer")
    window.act_delete_action.trigger()
    assert "2021-1" not in refs(window)
    assert window.navigation.item_for("section", info.sections["1.1"]).text(1) == "1"
    assert window.act_undo.text() == "Annuler la suppression de l'action 2021-1"
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert "2021-1" in refs(window)
    assert window.act_redo.text() == "Rétablir la suppression de l'action 2021-1"
    row = refs(window).index("2021-1")
    assert window.actions_model.data(window.actions_model.index(row, COL["financed"])) == "180\u00a0000\u00a0€"
    bundle = ctx.workspace.actions.load(info.actions["2021-1"])
    assert len(bundle.financing) == 1
    window.act_redo.trigger()
    assert "2021-1" not in refs(window)


def test_delete_key_and_several_rows_in_one_undo_step(qtbot, main_window):
    window, ctx, info = main_window
    table = window.actions_page.table
    select_row(qtbot, window, "2022-1")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     table.visualRect(window.actions_model.index(refs(window).index("2023-1"), 1)).center())
    assert len(window.actions_page.selected_ids()) == 2
    window.activateWindow()
    table.setFocus()
    seen = []
    answer_message_box("Supprimer", seen)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "2022-1" not in refs(window), timeout=2000)
    assert "Supprimer les 2 actions sélectionnées ?" in seen[0]
    assert "2023-1" not in refs(window)
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert {"2022-1", "2023-1"} <= set(refs(window))


def test_keyboard_shortcuts(qtbot, main_window):
    window, ctx, info = main_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.actions_page.table.setFocus()
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.actions_page.filter_edit.hasFocus()
    shortcuts = {a.text(): [s.toString() for s in a.shortcuts()] for a in (
        window.act_open, window.act_quit, window.act_undo, window.act_redo, window.act_find, window.act_new_action,
        window.act_save, window.act_print, window.act_close_tab)}
    assert shortcuts == {"&Ouvrir…": ["Ctrl+O"], "&Quitter": ["Ctrl+Q"], "Annuler": ["Ctrl+Z"],
                         "Rétablir": ["Ctrl+Y", "Ctrl+Shift+Z"], "&Rechercher": ["Ctrl+F"],
                         "&Nouvelle action": ["Ctrl+N"], "&Enregistrer la fiche": ["Ctrl+S"],
                         "&Imprimer…": ["Ctrl+P"], "&Fermer l'onglet": ["Ctrl+W", "Ctrl+F4"]}
    # Ctrl+Z from the keyboard undoes a deletion
    select_row(qtbot, window, "2023-2")
    answer_message_box("Supprimer")
    window.act_delete_action.trigger()
    assert "2023-2" not in refs(window)
    window.activateWindow()  # back from the message box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.actions_page.table.setFocus()
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "2023-2" in refs(window)
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "2023-2" not in refs(window)
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # nothing left to redo
    assert "2023-2" not in refs(window)


def test_menus_are_in_french(main_window):
    window, ctx, info = main_window
    menus = {a.text().replace("&", ""): [x.text().replace("&", "") for x in a.menu().actions() if x.text()]
             for a in window.menuBar().actions()}
    assert list(menus) == ["Fichier", "Édition", "Actions", "Contrat", "Affichage", "Aide"]
    assert menus["Fichier"] == ["Nouveau…", "Ouvrir…", "Ouvrir récent", "Ouvrir la démonstration",
                                "Enregistrer la fiche", "Enregistrer une copie…", "Versions antérieures…", "Récupérer…",
                                "Importer un tableau existant…",
                                "Exporter le classeur Excel…", "Réimporter un classeur modifié…", "Imprimer…", "Fermer l'onglet",
                                "Quitter"]
    assert menus["Contrat"] == ["Modifier le contrat…", "Nouveau contrat…",
                                "Annuaire des organisations et personnes…", "Données de référence…"]
    assert menus["Actions"] == ["Nouvelle action", "Ouvrir", "Supprimer…"]
    assert menus["Affichage"][:2] == ["Tableau de bord", "Comités et séances"]


def test_workbook_export_then_reimport_from_the_window(qtbot, main_window, tmp_path):
    """Fichier → Exporter writes the workbook off the GUI thread; Réimporter shows its preview: unchanged."""
    import openpyxl

    window, ctx, info = main_window
    out = tmp_path / "tableau de bord.xlsx"
    op = window.export_workbook(str(out))
    assert op is not None
    qtbot.waitUntil(out.exists, timeout=20000)
    qtbot.waitUntil(lambda: not op.is_running, timeout=20000)
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Synthèse", "Actions", "Financements", "Indicateurs"} <= set(book.sheetnames)
    book.close()
    dialog = window.reimport_workbook(str(out))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    dialog.close()


def test_the_list_prints_as_shown(qtbot, main_window):
    window, ctx, info = main_window
    assert window.act_print.isEnabled()  # the actions page can print
    click_tree(qtbot, window, "section", info.sections["1.1"])
    window.actions_page.table.set_column_visible("owner", False)
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(window.actions_page.printable_html())
    text = doc.toPlainText().replace("\u00a0", " ")
    assert "1.1 Énergie et bâtiments publics" in text
    assert "2 actions" in text and "Maître d'ouvrage" not in text and "Statut" in text
    assert text.index("2021-1") < text.index("2022-2")
    assert "En retard" in text and "500 000 €" in text
    assert "Rénovation énergétique de l'école Jules Ferry" in text
    window.actions_page.table.set_column_visible("owner", True)
    doc.setHtml(window.actions_page.printable_html())
    assert "Maître d'ouvrage" in doc.toPlainText()


def test_column_choice_is_remembered(qtbot, main_window):
    window, ctx, info = main_window
    table = window.actions_page.table
    assert table.is_column_visible("owner") and not table.is_column_visible("year")
    menu = table.column_menu()
    owner = next(a for a in menu.actions() if a.text() == "Maître d'ouvrage")
    owner.trigger()  # unchecks it
    year = next(a for a in menu.actions() if a.text() == "Année")
    year.trigger()
    reference = next(a for a in menu.actions() if a.text() == "Référence")
    assert not reference.isEnabled()  # the reference always stays
    assert not table.is_column_visible("owner") and table.is_column_visible("year")
    other = MainWindow(ctx)
    qtbot.addWidget(other)
    assert not other.actions_page.table.is_column_visible("owner")
    assert other.actions_page.table.is_column_visible("year")
    other.close()


def test_geometry_and_splitter_are_remembered(qtbot, main_window):
    window, ctx, info = main_window
    window.resize(760, 560)  # within the offscreen screen (800 × 600)
    window.splitter.setSizes([230, 530])
    window.close()
    other = MainWindow(ctx)
    qtbot.addWidget(other)
    other.show()
    assert (other.width(), other.height()) == (760, 560)
    assert other.splitter.sizes()[0] == 230
    other.close()


def test_save_copy(tmp_path, main_window, digest):
    window, ctx, info = main_window
    copy = tmp_path / "copie.crte"
    assert window.save_copy_to(str(copy))
    from crte_desktop.db.store import Store

    with Store.open(copy) as store:
        from crte_desktop.db.queries.action_table import action_count

        assert action_count(store) == 6
    before = digest(ctx.store.path)
    seen = []
    answer_message_box("OK", seen)
    assert not window.save_copy_to(str(ctx.store.path))
    assert "autre nom" in seen[0]
    assert digest(ctx.store.path) == before


def test_a_window_that_cannot_open_gives_a_french_message(main_window, monkeypatch):
    from crte_desktop.views.shell import windows as module

    def broken(*_args):
        raise RuntimeError("module absent")

    window, ctx, info = main_window
    monkeypatch.setitem(module.WINDOWS, "directory", module.Window("Annuaire", broken, False, "Annuaire"))
    seen = []
    answer_message_box("OK", seen)
    assert window.open_window("directory") is None
    assert "La fenêtre « Annuaire » n'a pas pu s'ouvrir : module absent" in seen[0]
    assert window.tabs.count() == 1


def test_no_contract_yet(qtbot, workspace, tmp_path):
    from crte_desktop.views.shell.context import AppContext
    from tests.views.shell_workspace import settings_at

    ctx = AppContext.create(workspace, settings_at(tmp_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.navigation.topLevelItem(0).text(0) == "Aucun contrat"
    assert not window.act_dashboard.isEnabled()
    seen = []
    answer_message_box("OK", seen)
    assert window.new_action() is None
    assert "aucun contrat" in seen[0]
    form = window.new_contract()
    assert window.tabs.tabText(window.tabs.indexOf(form)) == "Nouveau contrat"
    form.name_edit.setFocus()
    type_text(form.name_edit, "CRTE de l'Amandinois")
    assert window.save_current()
    assert window.tabs.tabText(window.tabs.indexOf(form)) == "Contrat — CRTE de l'Amandinois"
    assert window.navigation.currentItem().text(0) == "CRTE de l'Amandinois"
    assert window.act_dashboard.isEnabled()
    window._remove_tab(form)
    window.close()
    ctx.bus.detach()


@pytest.fixture
def form_module():
    from crte_desktop.views.actions import action_form

    return action_form


def test_double_click_opens_the_action_in_one_tab(qtbot, main_window, form_module):
    window, ctx, info = main_window
    table = window.actions_page.table
    pos = table.visualRect(window.actions_model.index(refs(window).index("2022-1"), 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == "2022-1"
    assert isinstance(window.tabs.currentWidget(), form_module.ActionForm)
    window.tabs.setCurrentIndex(0)
    window.open_action(info.actions["2022-1"])  # again: the same tab comes forward
    assert window.tabs.count() == 2 and window.tabs.currentIndex() == 1
    assert window.act_save.isEnabled()
    window.navigation.item_for("section", info.sections["1"]).setExpanded(True)
    window.navigation.item_for("section", info.sections["1.1"]).setExpanded(True)
    click_tree(qtbot, window, "action", info.actions["2021-1"], double=True)
    assert window.tabs.count() == 3 and window.tabs.tabText(2) == "2021-1"
    assert window.close_tab(2)
    assert window.tabs.count() == 2


def test_new_action_in_the_selected_section(qtbot, main_window, form_module):
    window, ctx, info = main_window
    click_tree(qtbot, window, "section", info.sections["2"])
    form = window.new_action()
    assert window.tabs.tabText(window.tabs.indexOf(form)) == "Nouvelle action"
    assert form.bundle.action.section_id == info.sections["2"]
    assert form.bundle.action.contract_id == info.contract_id
    form.general.title.setFocus()
    type_text(form.general.title, "Médiathèque intercommunale")
    assert window.save_current()
    index = window.tabs.indexOf(form)
    assert window.tabs.tabText(index) == form.bundle.action.reference
    assert form.bundle.action.reference in refs(window)
    assert window.open_action(form.action_id) is form  # now known by its id: no second tab


def _make_dirty(form):
    form.general.title.setFocus()
    form.general.title.end(False)
    type_text(form.general.title, " modifiée")  # as typed: the form notices
    assert form.is_dirty


def test_closing_with_an_unsaved_form_asks(qtbot, main_window, form_module):
    window, ctx, info = main_window
    form = window.open_action(info.actions["2022-1"])
    _make_dirty(form)
    seen = []
    answer_message_box("Annuler", seen)
    window.close()
    assert window.isVisible()  # stayed open
    assert "modifications non enregistrées" in seen[0]
    answer_message_box("Enregistrer")
    window.close()
    assert not window.isVisible()
    assert ctx.workspace.actions.load(info.actions["2022-1"]).action.title.endswith(" modifiée")


def test_closing_a_dirty_tab_without_saving(qtbot, main_window, form_module):
    window, ctx, info = main_window
    form = window.open_action(info.actions["2023-1"])
    _make_dirty(form)
    answer_message_box("Ne pas enregistrer")
    assert window.close_tab(window.tabs.indexOf(form))
    assert window.tabs.count() == 1
    assert ctx.workspace.actions.load(info.actions["2023-1"]).action.title == "Maison France Services d'Anzin"


def test_ctrl_s_saves_the_form_in_the_current_tab(qtbot, main_window, form_module):
    window, ctx, info = main_window
    form = window.open_action(info.actions["2021-2"])
    _make_dirty(form)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    form.general.title.setFocus()
    qtbot.keyClick(form.general.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.is_dirty
    assert ctx.workspace.actions.load(info.actions["2021-2"]).action.title.endswith(" modifiée")
    row = refs(window).index("2021-2")
    assert window.actions_model.data(window.actions_model.index(row, COL["title"])).endswith(" modifiée")


def test_contract_menu_and_dashboard_open_their_windows_once(qtbot, main_window):
    window, ctx, info = main_window
    form = window.open_window("contract")
    assert window.tabs.tabText(window.tabs.indexOf(form)) == "Contrat — CRTE du Valenciennois"
    assert window.open_window("contract") is form and window.tabs.count() == 2
    directory = window.open_window("directory")
    assert directory.isVisible() and window.open_window("directory") is directory
    directory.close()
    reference = window.open_window("reference")
    assert reference.isVisible()
    reference.close()
    dashboard = window.open_window("dashboard")
    assert window.tabs.tabText(window.tabs.indexOf(dashboard)) == "Tableau de bord — CRTE du Valenciennois"
    assert window.open_window("dashboard") is dashboard
    assert window.close_tab(window.tabs.indexOf(dashboard))
    meetings = window.open_window("meetings")
    assert window.tabs.tabText(window.tabs.indexOf(meetings)) == "Séances — CRTE du Valenciennois"
    assert window.open_window("meetings") is meetings
    assert window.close_tab(window.tabs.indexOf(meetings))


def test_view_menu_lists_the_columns(main_window):
    window, ctx, info = main_window
    window.columns_menu.aboutToShow.emit()
    entries = {a.text(): a.isChecked() for a in window.columns_menu.actions() if a.isCheckable()}
    assert entries["Maître d'ouvrage"] and not entries["Début"] and entries["Financements retenus"]
    next(a for a in window.columns_menu.actions() if a.text() == "Début").trigger()
    assert window.actions_page.table.is_column_visible("start_date")
    next(a for a in window.columns_menu.actions() if a.text() == "Colonnes par défaut").trigger()
    assert not window.actions_page.table.is_column_visible("start_date")


def test_the_navigation_panel_can_be_hidden_and_is_remembered(qtbot, main_window):
    window, ctx, info = main_window
    assert window.navigation.isVisibleTo(window)
    window.act_navigation.trigger()  # Affichage → Panneau de navigation (Ctrl+B)
    assert not window.navigation.isVisibleTo(window) and not window.act_navigation.isChecked()
    window._save_layout()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert not again.navigation.isVisibleTo(again) and not again.act_navigation.isChecked()
    again.act_navigation.trigger()
    assert again.navigation.isVisibleTo(again)


def test_the_about_box_names_the_open_workspace(main_window):
    window, ctx, info = main_window
    seen = []
    answer_message_box("OK", seen)
    window.about()
    assert ctx.store.path.name in seen[0] and "schéma" in seen[0] and "licence MIT" in seen[0]
    from crte_desktop.logs import log_file

    assert "Journal de l'application" in seen[0] and str(log_file().name) in seen[0]
