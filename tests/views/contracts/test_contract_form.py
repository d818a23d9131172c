"""The contract form through its real widgets: typing, validation beside the fields, saving as one
undo step, signatories and amendments."""

import pytest
from PySide6.QtCore import Qt

from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.contracts.contract_form import ContractForm
from tests.views.gui import app_context, type_text


@pytest.fixture
def ctx(workspace, tmp_path, qtbot):
    with app_context(workspace, tmp_path) as context:
        yield context


def new_form(ctx, qtbot, contract_id=None):
    form = ContractForm(ctx, contract_id)
    qtbot.addWidget(form)
    form.resize(1000, 650)
    form.show()
    return form


def fill_new_contract(form, name="CRTE du Douaisis", levels="Axe → Orientation"):
    form.name_edit.setFocus()
    type_text(form.name_edit, name)
    form.levels_edit.clear()
    type_text(form.levels_edit, levels)
    form.signature_edit.setText("01/02/2022")
    form.start_year_edit.setText("2021")


def test_new_contract_is_saved_and_undone_in_one_step(ctx, qtbot):
    form = new_form(ctx, qtbot)
    assert form.heading.text() == "Nouveau contrat"
    assert form.levels_edit.text() == "Volet → Orientation"
    assert not form.save_button.isEnabled()
    assert form.field_errors("name") == "Le nom du contrat est obligatoire."
    fill_new_contract(form)
    assert form.field_errors("name") == ""
    assert form.period_label.text() == "soit 2021–2026"
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    cid = saved.args[0]
    contract = ContractService(ctx.store).contract(cid)
    assert (contract.name, contract.level_names, contract.start_year, contract.duration_years) == (
        "CRTE du Douaisis", ["Axe", "Orientation"], 2021, 6)
    assert contract.signature_date.isoformat() == "2022-02-01"
    assert form.heading.text() == "Contrat : CRTE du Douaisis"
    assert not form.is_dirty and not form.save_button.isEnabled()
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Création du contrat « CRTE du Douaisis »"

    ctx.undo_stack.undo()
    assert ContractService(ctx.store).contract(cid) is None
    assert form.heading.text().startswith("Nouveau contrat")
    assert not form.sections.isEnabled() or form.sections.contract_id is None
    ctx.undo_stack.redo()
    assert ContractService(ctx.store).contract(cid).name == "CRTE du Douaisis"
    assert form.contract_id == cid


def test_broken_rules_are_shown_beside_the_fields_and_block_saving(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.signature_edit.setText("31/02/2022")
    assert form.field_errors("signature_date") == "« 31/02/2022 » n'est pas une date qui existe."
    assert not form.save_button.isEnabled()
    form.signature_edit.setText("01/02/2022")
    form.start_year_edit.setText("deux mille")
    assert form.field_errors("start_year") == "« deux mille » n'est pas une année (ex. 2021)."
    form.start_year_edit.setText("1850")
    assert form.field_errors("start_year") == "L'année de début doit être comprise entre 1990 et 2100."
    form.start_year_edit.setText("2021")
    form.levels_edit.setText(" → ")
    assert form.field_errors("level_names").startswith("Donnez au moins un nom de niveau")
    assert not form.save_button.isEnabled()
    assert form.save() is False
    assert ContractService(ctx.store).contracts() == []
    form.levels_edit.setText("Volet > Orientation")
    assert form.save_button.isEnabled()


def test_duplicate_name_is_refused(ctx, qtbot):
    first = new_form(ctx, qtbot)
    fill_new_contract(first)
    assert first.save()
    second = new_form(ctx, qtbot)
    type_text(second.name_edit, "crte du douaisis")
    assert second.field_errors("name") == "Un autre contrat s'appelle déjà « crte du douaisis »."
    assert not second.save_button.isEnabled()


def test_editing_marks_dirty_and_undo_reloads_the_fields(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.save()
    form.territory_edit.setFocus()
    type_text(form.territory_edit, "Arrondissement de Douai")
    assert form.is_dirty and form.heading.text().endswith("*")
    assert form.save()
    assert ctx.undo_stack.undoText() == "Modification du contrat « CRTE du Douaisis »"
    ctx.undo_stack.undo()
    assert form.territory_edit.text() == ""
    assert ContractService(ctx.store).contract(form.contract_id).territory == ""
    ctx.undo_stack.redo()
    assert form.territory_edit.text() == "Arrondissement de Douai"


def _directory(ctx):
    d = DirectoryService(ctx.store)
    prefecture = Organisation("Préfecture de la région Hauts-de-France, préfecture du Nord", OrgKind.ETAT,
                              "Préfecture du Nord")
    da = Organisation("Communauté d'agglomération Douaisis Agglo", OrgKind.EPCI, "DA")
    d.save_organisation(prefecture)
    d.save_organisation(da)
    leclerc = Person("LECLERC", "Georges-François", "M.", "Préfet du Nord", prefecture.id)
    poiret = Person("POIRET", "Christian", "M.", "Président", da.id)
    d.save_person(leclerc)
    d.save_person(poiret)
    return prefecture, da, leclerc, poiret


def test_signatories_added_reordered_and_saved(ctx, qtbot):
    prefecture, da, leclerc, poiret = _directory(ctx)
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.tabs.setCurrentIndex(1)
    editor = form.signatories
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert not form.save_button.isEnabled()
    assert form.field_errors("signatories") == "Signataire 1 : choisissez une organisation ou une personne."
    editor.set_row(0, None, poiret.id)  # choosing the person fills in the organisation and function
    assert editor.signatories()[0].organisation_id == da.id
    assert editor.table.item(0, 2).text() == "Président"
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.set_row(1, prefecture.id, leclerc.id, "Préfet de la région Hauts-de-France, préfet du Nord")
    editor.table.setCurrentCell(1, 0)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [s.person_id for s in editor.signatories()] == [leclerc.id, poiret.id]
    assert form.save()
    saved = ContractService(ctx.store).load(form.contract_id).signatories
    assert [(s.organisation_id, s.person_id) for s in saved] == [(prefecture.id, leclerc.id), (da.id, poiret.id)]
    editor.table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert form.save()
    assert len(ContractService(ctx.store).load(form.contract_id).signatories) == 1


def test_amendments_added_validated_and_saved(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.save()
    form.tabs.setCurrentIndex(2)
    editor = form.amendments
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert form.field_errors("amendments") == "Avenant n° 1 : l'objet est obligatoire."
    editor.set_row(0, "12/13/2023", "Intégration de nouvelles fiches actions")
    assert form.field_errors("amendments") == (
        "Avenant n° 1 : « 12/13/2023 » n'est pas une date qui existe.")
    editor.set_row(0, "15/01/2021", "Intégration de nouvelles fiches actions")
    assert "précède la signature du contrat (01/02/2022)" in form.field_errors("amendments")
    editor.set_row(0, "30/06/2023", "Intégration de nouvelles fiches actions")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.table.item(1, 0).text() == "2"
    editor.set_row(1, "01/07/2024", "Passage au contrat pour la réussite de la transition écologique")
    assert form.field_errors("amendments") == ""
    assert form.save()
    saved = ContractService(ctx.store).load(form.contract_id).amendments
    assert [(a.number, a.date.isoformat()) for a in saved] == [(1, "2023-06-30"), (2, "2024-07-01")]
    ctx.undo_stack.undo()
    assert ContractService(ctx.store).load(form.contract_id).amendments == []
    assert form.amendments.table.rowCount() == 0


def test_existing_contract_is_shown(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.description_edit.setPlainText("Un territoire d'excellence environnementale et énergétique.")
    form.save()
    again = new_form(ctx, qtbot, form.contract_id)
    assert again.name_edit.text() == "CRTE du Douaisis"
    assert again.levels_edit.text() == "Axe → Orientation"
    assert again.signature_edit.text() == "01/02/2022"
    assert again.description_edit.toPlainText() == "Un territoire d'excellence environnementale et énergétique."
    assert not again.is_dirty


def test_revert_drops_unsaved_edits(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.save()
    form.name_edit.setText("Autre nom")
    assert form.revert_button.isEnabled()
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert form.name_edit.text() == "CRTE du Douaisis" and not form.is_dirty


def test_close_without_changes_emits_closed(ctx, qtbot):
    form = new_form(ctx, qtbot)
    fill_new_contract(form)
    form.save()
    with qtbot.waitSignal(form.closed):
        qtbot.mouseClick(form.close_button, Qt.MouseButton.LeftButton)


def test_the_logo_is_chosen_refused_and_undone(ctx, qtbot, tmp_path, digest):
    from PySide6.QtGui import QColor, QImage

    form = new_form(ctx, qtbot)
    assert not form.logo.choose_button.isEnabled()  # a contract not yet saved has no logo
    fill_new_contract(form)
    assert form.save()
    logo = form.logo
    assert logo.choose_button.isEnabled() and logo.preview.text() == "Pas de logo"
    picture = tmp_path / "logo.png"
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f3a5f"))
    image.save(str(picture))
    text = tmp_path / "notes.png"
    text.write_text("pas une image")
    before = digest(ctx.store.path)
    assert not logo.choose(str(text))
    assert logo.message.text() == "Le logo doit être une image PNG ou JPEG." and digest(ctx.store.path) == before
    assert logo.choose(str(picture))
    assert form.service.logo(form.contract_id) == picture.read_bytes()
    assert not logo.preview.pixmap().isNull() and logo.remove_button.isEnabled()
    ctx.undo_stack.undo()
    assert form.service.logo(form.contract_id) is None and logo.preview.text() == "Pas de logo"
    ctx.undo_stack.redo()
    assert form.service.logo(form.contract_id) == picture.read_bytes()
