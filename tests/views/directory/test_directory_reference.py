"""The reference data dialog through its real widgets: funders and schemes seeded with the French
values, added, refused, undone; action statuses relabelled and recoloured with the colour picker."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crte_desktop.domain.enums import FinancingCategory
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.reference.record_widgets import RECORD_ID
from crte_desktop.views.reference.reference_dialog import ReferenceDialog


@pytest.fixture
def dialog(ctx, qtbot):
    d = ReferenceDialog(ctx)
    qtbot.addWidget(d)
    d.resize(1000, 640)
    d.show()
    return d


def column(table, c=0):
    return [table.item(r, c).text() for r in range(table.rowCount())]


def select(table, text):
    table.setCurrentCell(column(table).index(text), 0)


def test_seeded_french_funders_and_schemes(dialog):
    tab = dialog.funders
    funders = column(tab.funders)
    assert funders[:3] == ["État", "ADEME", "Agence de l'eau Artois-Picardie"]
    expected = {"Banque des territoires", "Région Hauts-de-France", "Département du Nord", "Autofinancement"}
    assert expected <= set(funders)
    assert column(tab.funders, 2)[funders.index("Autofinancement")] == "non"
    assert tab.schemes_title.text() == "Dispositifs de « État »"
    assert {"DSIL", "DETR", "FNADT", "Fonds friches", "Fonds vert"} <= set(column(tab.schemes))
    select(tab.funders, "ADEME")
    assert "Fonds chaleur" in column(tab.schemes)


def test_add_a_funder_then_undo_and_redo(dialog, qtbot, ctx):
    tab = dialog.funders
    qtbot.mouseClick(tab.funder_editor.new_button, Qt.MouseButton.LeftButton)
    assert tab.funder_editor.title() == "Nouveau financeur"
    assert tab.funder_editor.errors.text("name") == ""  # nothing typed yet: no reproach
    funders_before = column(tab.funders)
    qtbot.mouseClick(tab.funder_editor.save_button, Qt.MouseButton.LeftButton)
    assert tab.funder_editor.errors.text("name") == "Le nom du financeur est obligatoire."
    assert not tab.funder_editor.save_button.isEnabled()
    assert column(tab.funders) == funders_before
    tab.funder_name.setText("ademe")
    assert tab.funder_editor.errors.text("name") == "Le financeur « ademe » existe déjà."
    assert not tab.funder_editor.save_button.isEnabled()
    tab.funder_name.setText("Fondation du patrimoine")
    tab.funder_short.setText("FDP")
    tab.funder_public.setChecked(False)
    qtbot.mouseClick(tab.funder_editor.save_button, Qt.MouseButton.LeftButton)
    assert column(tab.funders)[-1] == "Fondation du patrimoine"
    assert tab.funder_editor.title() == "Financeur : FDP"
    funder = next(f for f in DirectoryService(ctx.store).funders() if f.name == "Fondation du patrimoine")
    assert (funder.short_name, funder.is_public) == ("FDP", False)

    tab.scheme_name.setText("Souscription publique")
    tab.scheme_category.setCurrentIndex(tab.scheme_category.findText("Crédits valorisés"))
    qtbot.mouseClick(tab.scheme_editor.save_button, Qt.MouseButton.LeftButton)
    assert column(tab.schemes) == ["Souscription publique"]
    assert column(tab.schemes, 1) == ["Crédits valorisés"]

    assert ctx.undo_stack.undoText() == "Ajout du dispositif « Souscription publique »"
    ctx.undo_stack.undo()
    assert column(tab.schemes) == []
    ctx.undo_stack.undo()
    assert "Fondation du patrimoine" not in column(tab.funders)
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    assert column(tab.funders)[-1] == "Fondation du patrimoine"
    select(tab.funders, "Fondation du patrimoine")
    assert column(tab.schemes) == ["Souscription publique"]


def test_duplicate_scheme_is_refused_beside_the_field(dialog):
    tab = dialog.funders
    tab.new_scheme()
    assert tab.scheme_editor.title() == "Nouveau dispositif"
    assert tab.scheme_editor.errors.text("name") == ""  # a blank new scheme is not an error yet
    tab.scheme_name.setText("dsil")
    assert tab.scheme_editor.errors.text("name") == "Ce financeur a déjà un dispositif « dsil »."
    assert not tab.scheme_editor.save_button.isEnabled()


def test_rename_a_scheme_and_undo(dialog, qtbot, ctx):
    tab = dialog.funders
    select(tab.schemes, "Fonds vert")
    assert tab.scheme_editor.title() == "Dispositif : Fonds vert"
    tab.scheme_name.setText("Fonds vert – accélération de la transition écologique")
    qtbot.mouseClick(tab.scheme_editor.save_button, Qt.MouseButton.LeftButton)
    assert "Fonds vert – accélération de la transition écologique" in column(tab.schemes)
    ctx.undo_stack.undo()
    assert "Fonds vert" in column(tab.schemes)


def test_funder_used_by_a_financing_line_cannot_be_deleted(dialog, qtbot, ctx):
    directory = DirectoryService(ctx.store)
    ademe = next(f for f in directory.funders() if f.name == "ADEME")
    chaleur = next(s for s in directory.schemes(ademe.id) if s.name == "Fonds chaleur")
    contracts = ContractService(ctx.store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    contracts.save(bundle)
    actions = ActionService(ctx.store)
    b = actions.new_bundle(bundle.contract.id, None, 2022)
    b.action.title, b.action.total_cost = "Réseau de chaleur de Sin-le-Noble", Decimal("2000000")
    b.financing = [FinancingLine(None, ademe.id, chaleur.id, FinancingCategory.VALORISE, 2022, Decimal("400000"))]
    actions.save(b)
    tab = dialog.funders
    select(tab.funders, "ADEME")
    steps = ctx.undo_stack.count()
    qtbot.mouseClick(tab.funder_editor.delete_button, Qt.MouseButton.LeftButton)
    assert tab.funder_editor.message.text() == (
        "Le financeur « ADEME » figure dans une ligne de financement : il ne peut pas être supprimé.")
    select(tab.schemes, "Fonds chaleur")
    qtbot.mouseClick(tab.scheme_editor.delete_button, Qt.MouseButton.LeftButton)
    assert tab.scheme_editor.message.text().startswith("Le dispositif « Fonds chaleur » figure dans une ligne")
    assert ctx.undo_stack.count() == steps


def test_delete_an_unused_funder_and_undo(dialog, qtbot, ctx):
    tab = dialog.funders
    select(tab.funders, "Voies navigables de France")
    qtbot.mouseClick(tab.funder_editor.delete_button, Qt.MouseButton.LeftButton)
    assert "Voies navigables de France" not in column(tab.funders)
    ctx.undo_stack.undo()
    assert "Voies navigables de France" in column(tab.funders)
    select(tab.funders, "Voies navigables de France")
    assert column(tab.schemes) == ["Investissement VNF"]


def test_status_label_and_colour_with_the_picker(dialog, qtbot, ctx):
    dialog.tabs.setCurrentIndex(1)
    tab = dialog.statuses
    codes = [tab.table.item(r, 0).data(RECORD_ID) for r in range(tab.table.rowCount())]
    assert codes == ["a_venir", "en_preparation", "en_cours", "realisee", "en_pause", "bloquee", "abandonnee"]
    assert column(tab.table)[:3] == ["À venir", "En préparation", "En cours"]
    tab.table.setCurrentCell(codes.index("bloquee"), 0)
    assert tab.code_label.text() == "bloquee"
    tab.label_edit.setText("")
    assert tab.editor.errors.text("label") == "Le libellé du statut est obligatoire."
    tab.label_edit.setText("Réalisée")
    assert tab.editor.errors.text("label") == "Un autre statut s'appelle déjà « Réalisée »."
    tab.label_edit.setText("Bloquée (en attente de financement)")
    tab.color_edit.setText("rouge")
    assert tab.editor.errors.text("color") == "La couleur « rouge » n'est pas valide (format attendu : #RRVVBB)."
    assert not tab.editor.save_button.isEnabled()
    qtbot.mouseClick(tab.color_button, Qt.MouseButton.LeftButton)
    picker = tab.color_dialog
    assert picker is not None and picker.isVisible()
    picker.setCurrentColor(QColor("#AD1457"))
    picker.accept()
    assert tab.color_edit.text() == "#ad1457"
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert DirectoryService(ctx.store).statuses()["bloquee"] == ("Bloquée (en attente de financement)", "#ad1457")
    assert column(tab.table, 2)[codes.index("bloquee")] == "#ad1457"
    ctx.undo_stack.undo()
    assert DirectoryService(ctx.store).statuses()["bloquee"] == ("Bloquée", "#c62828")
    assert tab.label_edit.text() == "Bloquée"
