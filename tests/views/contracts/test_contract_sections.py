"""The section tree of the contract form through its real widgets: codes computed from the tree,
level names of the contract, add / rename / move / delete, each one undo step."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.views.contracts.contract_form import SECTIONS_TAB, ContractForm
from crte_desktop.views.contracts.section_tree import TITLE_COLUMN
from tests.views.gui import type_text


@pytest.fixture
def form(ctx, qtbot):
    """A new contract typed in the form with the levels "Axe → Orientation", saved."""
    f = ContractForm(ctx, None)
    qtbot.addWidget(f)
    f.resize(1000, 650)
    f.show()
    assert not f.sections.add_top_button.isEnabled()
    assert f.sections.hint.text() == "Enregistrez d'abord le contrat pour lui ajouter des sections."
    f.name_edit.setFocus()
    type_text(f.name_edit, "CRTE du Douaisis")
    f.levels_edit.setText("")
    type_text(f.levels_edit, "Axe → Orientation")
    assert f.save()
    f.tabs.setCurrentIndex(SECTIONS_TAB)
    return f


def add_through_dialog(qtbot, tree, button, title):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = tree.title_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue(title)
    dialog.accept()


def select(tree, code):
    index = next(i for i in tree.model._walk(QModelIndex()) if i.data().split(" ")[-1] == code)
    tree.view.setCurrentIndex(index)


def build_douaisis_tree(qtbot, tree):
    add_through_dialog(qtbot, tree, tree.add_top_button, "Transition écologique")
    assert tree.add_child_button.text() == "Nouvelle sous-section : Orientation"
    add_through_dialog(qtbot, tree, tree.add_child_button, "Préserver la biodiversité")
    select(tree, "1")
    add_through_dialog(qtbot, tree, tree.add_child_button, "Étendre les mobilités durables")
    add_through_dialog(qtbot, tree, tree.add_top_button, "Compétitivité et attractivité")


def test_sections_and_subsections_get_their_codes(form, qtbot, ctx):
    tree = form.sections
    assert tree.add_top_button.text() == "Nouvelle section : Axe"
    assert tree.hint.text().startswith("Ce contrat n'a pas encore de section.")
    build_douaisis_tree(qtbot, tree)
    assert tree.codes() == [("Axe 1", "Transition écologique"), ("Orientation 1.1", "Préserver la biodiversité"),
                            ("Orientation 1.2", "Étendre les mobilités durables"),
                            ("Axe 2", "Compétitivité et attractivité")]
    assert [s.code for s in ContractService(ctx.store).sections(form.contract_id)] == ["1", "1.1", "1.2", "2"]
    assert ctx.undo_stack.undoText() == "Ajout de la section « Compétitivité et attractivité »"
    ctx.undo_stack.undo()
    assert [c for c, _ in tree.codes()] == ["Axe 1", "Orientation 1.1", "Orientation 1.2"]
    ctx.undo_stack.redo()
    assert tree.codes()[-1] == ("Axe 2", "Compétitivité et attractivité")


def test_level_names_follow_the_contract_field(form, qtbot):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    form.levels_edit.setText("Volet > Orientation")
    assert [c for c, _ in tree.codes()] == ["Volet 1", "Orientation 1.1", "Orientation 1.2", "Volet 2"]


def test_moving_renumbers_and_undo_puts_back(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    select(tree, "1.2")
    assert not tree.down_button.isEnabled()
    qtbot.mouseClick(tree.up_button, Qt.MouseButton.LeftButton)
    assert [t for _, t in tree.codes()][1:3] == ["Étendre les mobilités durables", "Préserver la biodiversité"]
    assert tree.codes()[1] == ("Orientation 1.1", "Étendre les mobilités durables")
    assert tree.model.section_id(tree.view.currentIndex()) is not None
    ctx.undo_stack.undo()
    assert tree.codes()[1] == ("Orientation 1.1", "Préserver la biodiversité")

    select(tree, "2")
    qtbot.mouseClick(tree.up_button, Qt.MouseButton.LeftButton)
    assert [c for c, _ in tree.codes()] == ["Axe 1", "Axe 2", "Orientation 2.1", "Orientation 2.2"]
    assert tree.codes()[0] == ("Axe 1", "Compétitivité et attractivité")


def test_drag_and_drop_reparents_and_renumbers(form, qtbot, ctx):
    tree, model = form.sections, form.sections.model
    build_douaisis_tree(qtbot, tree)
    source = model.index(1, 0, model.index(0, 0))  # 1.2 Étendre les mobilités durables
    target = model.index(1, 0)  # Axe 2
    data = model.mimeData([source])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)  # dropped onto Axe 2
    qtbot.waitUntil(lambda: tree.codes()[-1] == ("Orientation 2.1", "Étendre les mobilités durables"))
    assert ctx.undo_stack.undoText() == "Déplacement de la section 1.2"
    # dropped between the top-level rows, before Axe 1: becomes Axe 1, the others renumber
    source = model.index(0, 0, model.index(1, 0))
    model.dropMimeData(model.mimeData([source]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: tree.codes()[0] == ("Axe 1", "Étendre les mobilités durables"))
    assert [c for c, _ in tree.codes()] == ["Axe 1", "Axe 2", "Orientation 2.1", "Axe 3"]
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert tree.codes()[2] == ("Orientation 1.2", "Étendre les mobilités durables")


def test_a_section_cannot_be_dropped_under_itself(form, qtbot, ctx):
    tree, model = form.sections, form.sections.model
    build_douaisis_tree(qtbot, tree)
    before, steps = tree.codes(), ctx.undo_stack.count()
    axe1, child = model.index(0, 0), model.index(0, 0, model.index(0, 0))
    model.dropMimeData(model.mimeData([axe1]), Qt.DropAction.MoveAction, -1, -1, child)
    qtbot.waitUntil(lambda: tree.message.text() != "")
    assert tree.message.text() == "La section 1 ne peut pas être déplacée sous elle-même."
    assert tree.codes() == before and ctx.undo_stack.count() == steps


def test_deleting_a_section_with_actions_is_refused(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    section_id = next(s.id for s in ContractService(ctx.store).sections(form.contract_id) if s.code == "1.2")
    actions = ActionService(ctx.store)
    for title in ("Pôle d'échanges multimodal de Douai", "Voie verte de la Scarpe", "Aires de covoiturage"):
        bundle = actions.new_bundle(form.contract_id, section_id, 2022)
        bundle.action.title = title
        actions.save(bundle)
    assert dict(tree.codes())["Orientation 1.2"] == "Étendre les mobilités durables"
    assert tree.model.index(1, 2, tree.model.index(0, 0)).data() == "3"  # the Actions column
    before, steps = tree.codes(), ctx.undo_stack.count()
    select(tree, "1.2")
    qtbot.mouseClick(tree.delete_button, Qt.MouseButton.LeftButton)
    assert tree.message.text() == "La section 1.2 contient 3 actions : déplacez-les d'abord."
    assert tree.message.isVisible()
    assert tree.codes() == before and ctx.undo_stack.count() == steps
    select(tree, "1")
    qtbot.mouseClick(tree.delete_button, Qt.MouseButton.LeftButton)
    assert tree.message.text() == "La section 1 contient 3 actions : déplacez-les d'abord."


def test_deleting_an_empty_section_and_undo(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    select(tree, "1")
    tree.view.setFocus()
    QTest.keyClick(tree.view, Qt.Key.Key_Delete)
    assert tree.codes() == [("Axe 1", "Compétitivité et attractivité")]
    assert ctx.undo_stack.undoText() == "Suppression de la section 1 « Transition écologique »"
    ctx.undo_stack.undo()
    assert [c for c, _ in tree.codes()] == ["Axe 1", "Orientation 1.1", "Orientation 1.2", "Axe 2"]


def test_inline_rename_and_undo(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    select(tree, "1.1")
    qtbot.mouseClick(tree.rename_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Préserver la biodiversité"
    editor.selectAll()
    type_text(editor, "Préserver la biodiversité et la ressource en eau")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.codes()[1][1] == "Préserver la biodiversité et la ressource en eau")
    assert ctx.undo_stack.undoText() == "Renommage de la section 1.1"
    ctx.undo_stack.undo()
    assert tree.codes()[1] == ("Orientation 1.1", "Préserver la biodiversité")
    ctx.undo_stack.redo()
    assert tree.codes()[1][1] == "Préserver la biodiversité et la ressource en eau"


def test_empty_title_is_refused(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    steps = ctx.undo_stack.count()
    index = tree.model.index(0, TITLE_COLUMN)
    tree.model.setData(index, "   ")
    qtbot.waitUntil(lambda: tree.message.text() != "")
    assert tree.message.text() == "L'intitulé de la section est obligatoire."
    assert tree.codes()[0] == ("Axe 1", "Transition écologique") and ctx.undo_stack.count() == steps
    # the side panel says it beside the field and keeps "Appliquer" disabled
    select(tree, "1")
    tree.detail_title.clear()
    assert tree.errors.text("title") == "L'intitulé de la section est obligatoire."
    assert not tree.apply_button.isEnabled()


def test_description_from_the_side_panel(form, qtbot, ctx):
    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    select(tree, "1.1")
    assert tree.detail_code.text() == "Orientation 1.1"
    tree.detail_description.setFocus()
    type_text(tree.detail_description, "Trame verte et bleue, SAGE Scarpe-aval et SAGE Sensée.")
    assert tree.apply_button.isEnabled()
    qtbot.mouseClick(tree.apply_button, Qt.MouseButton.LeftButton)
    section = next(s for s in ContractService(ctx.store).sections(form.contract_id) if s.code == "1.1")
    assert section.description == "Trame verte et bleue, SAGE Scarpe-aval et SAGE Sensée."
    ctx.undo_stack.undo()
    assert tree.detail_description.toPlainText() == ""


def test_section_model_passes_the_model_tester(form, qtbot, qtmodeltester):
    build_douaisis_tree(qtbot, form.sections)
    qtmodeltester.check(form.sections.model)


def test_an_undo_that_can_no_longer_apply_is_dropped_with_a_message(form, qtbot, ctx):
    from PySide6.QtWidgets import QMessageBox

    tree = form.sections
    build_douaisis_tree(qtbot, tree)
    last = next(s for s in ContractService(ctx.store).sections(form.contract_id) if s.code == "2")
    actions = ActionService(ctx.store)  # an action filed in Axe 2 behind the stack's back
    bundle = actions.new_bundle(form.contract_id, last.id, 2022)
    bundle.action.title = "Zone d'activités du Luc"
    actions.save(bundle)
    steps = ctx.undo_stack.count()
    ctx.undo_stack.undo()  # would delete Axe 2, which now holds an action
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.text() for b in boxes] == ["La section 2 contient une action : déplacez-la d'abord."]
    boxes[0].accept()
    assert ctx.undo_stack.count() == steps - 1
    assert tree.codes()[-1] == ("Axe 2", "Compétitivité et attractivité")
