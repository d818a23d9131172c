"""The directory dialog through its real widgets: organisations (a commune attached to its EPCI),
persons, accent-insensitive filtering, refusals, undo."""

import pytest
from PySide6.QtCore import Qt

from crte_desktop.domain.contract import Signatory
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import OrgKind
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.directory.directory_dialog import PERSONS_TAB, DirectoryDialog
from tests.views.gui import type_text


@pytest.fixture
def dialog(ctx, qtbot):
    d = DirectoryDialog(ctx)
    qtbot.addWidget(d)
    d.resize(1200, 650)
    d.show()
    return d


@pytest.fixture
def douaisis(ctx):
    d = DirectoryService(ctx.store)
    orgs = {}
    for name, kind, short, epci in (
            ("Communauté d'agglomération Douaisis Agglo", OrgKind.EPCI, "DA", None),
            ("Communauté de communes Cœur d'Ostrevent", OrgKind.EPCI, "CCCO", None),
            ("Commune de Douai", OrgKind.COMMUNE, "Douai", "DA"),
            ("Sous-préfecture de Douai", OrgKind.ETAT, "", None),
            ("Syndicat mixte des transports du Douaisis", OrgKind.SYNDICAT, "SMTD", None)):
        org = Organisation(name, kind, short, epci_id=orgs[epci] if epci else None)
        d.save_organisation(org)
        orgs[short or name] = org.id
    return orgs


def fill_organisation(form, name, kind, short=""):
    form.name_edit.setFocus()
    type_text(form.name_edit, name)
    form.short_edit.setText(short)
    form.kind_box.setCurrentIndex(form.kind_box.findData(kind.value))


def test_add_an_epci_then_a_commune_attached_to_it(dialog, qtbot, ctx):
    page = dialog.organisations
    form = page.form
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert form.heading.text() == "Nouvelle organisation"
    assert form.errors.text("name") == ""  # nothing typed yet: no reproach
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # trying to save says what is missing
    assert form.errors.text("name") == "Le nom de l'organisation est obligatoire."
    assert page.visible_names() == []
    assert not form.save_button.isEnabled()
    fill_organisation(form, "Communauté de communes Cœur d'Ostrevent", OrgKind.EPCI, "CCCO")
    assert not form.epci_box.isEnabled()  # only a commune has an EPCI
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.visible_names() == ["Communauté de communes Cœur d'Ostrevent"]
    assert ctx.undo_stack.undoText() == "Ajout de l'organisation « CCCO »"

    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    fill_organisation(form, "Commune de Somain", OrgKind.COMMUNE, "Somain")
    assert form.epci_box.isEnabled()
    assert "n'est rattachée à aucun EPCI" in form.errors.text("epci_id")  # a warning: saving stays possible
    assert form.save_button.isEnabled()
    form.epci_box.setCurrentIndex(form.epci_box.findText("Communauté de communes Cœur d'Ostrevent (CCCO)"))
    assert form.errors.text("epci_id") == ""
    form.email_edit.setText("accueil@mairie-somain.fr")
    form.phone_edit.setText("03 27 86 93 00")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    row = page.visible_names().index("Commune de Somain")
    assert [page.proxy.index(row, c).data() for c in range(6)] == [
        "Commune de Somain", "Somain", "Commune", "CCCO", "accueil@mairie-somain.fr", "03 27 86 93 00"]
    somain = next(o for o in DirectoryService(ctx.store).organisations() if o.name == "Commune de Somain")
    epci = DirectoryService(ctx.store).organisation(somain.epci_id)
    assert epci.kind is OrgKind.EPCI and epci.short_name == "CCCO"
    assert form.heading.text() == "Organisation : Commune de Somain"

    ctx.undo_stack.undo()
    assert page.visible_names() == ["Communauté de communes Cœur d'Ostrevent"]
    ctx.undo_stack.redo()
    assert "Commune de Somain" in page.visible_names()


def test_bad_email_and_phone_are_shown_beside_the_fields(dialog, qtbot, douaisis):
    form = dialog.organisations.form
    dialog.organisations.select(douaisis["Douai"])
    form.email_edit.setText("mairie.douai.fr")
    assert form.errors.text("email") == ("L'adresse de courriel « mairie.douai.fr » n'est pas valide "
                                         "(exemple : prenom.nom@mairie-douai.fr).")
    assert not form.save_button.isEnabled()
    assert dialog.organisations.save() is False
    form.email_edit.setText("contact@ville-douai.fr")
    form.phone_edit.setText("tél. 03")
    assert form.errors.text("phone").startswith("Le numéro de téléphone « tél. 03 » n'est pas valide")
    form.phone_edit.setText("03 27 93 58 00")
    assert form.save_button.isEnabled()


def test_filter_with_accents_and_ligatures(dialog, qtbot, douaisis):
    page = dialog.organisations
    dialog.organisations.reload()
    page.filter_edit.setFocus()
    type_text(page.filter_edit, "cœur")
    assert page.visible_names() == ["Communauté de communes Cœur d'Ostrevent"]
    assert page.count_label.text() == "1 sur 5"
    page.filter_edit.clear()
    type_text(page.filter_edit, "COEUR ostrevent")
    assert page.visible_names() == ["Communauté de communes Cœur d'Ostrevent"]
    page.filter_edit.setText("communaute")
    assert page.visible_names() == ["Communauté d'agglomération Douaisis Agglo",
                                    "Communauté de communes Cœur d'Ostrevent"]
    page.filter_edit.setText("douai")
    assert len(page.visible_names()) == 4
    page.set_kind(OrgKind.COMMUNE)
    assert page.visible_names() == ["Commune de Douai"]
    page.filter_edit.setText("")
    page.set_kind(OrgKind.EPCI)
    assert page.visible_names() == ["Communauté d'agglomération Douaisis Agglo",
                                    "Communauté de communes Cœur d'Ostrevent"]
    page.filter_edit.setText("sous-prefecture")
    assert page.visible_names() == []
    assert page.count_label.text() == "0 sur 5"


def test_sorting_ignores_accents(dialog, douaisis):
    page = dialog.organisations
    DirectoryService(dialog.ctx.store).save_organisation(Organisation("État – Préfecture du Nord", OrgKind.ETAT))
    names = page.visible_names()
    assert names.index("État – Préfecture du Nord") < names.index("Sous-préfecture de Douai")


def test_organisation_in_use_cannot_be_deleted(dialog, qtbot, ctx, douaisis):
    contracts = ContractService(ctx.store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    bundle.signatories = [Signatory(0, douaisis["DA"], None, "Le président")]
    contracts.save(bundle)
    page = dialog.organisations
    page.select(douaisis["DA"])
    steps = ctx.undo_stack.count()
    qtbot.mouseClick(page.form.delete_button, Qt.MouseButton.LeftButton)
    assert page.form.message.text() == (
        "L'organisation « DA » ne peut pas être supprimée : elle est utilisée 2 fois (signataire de contrats : 1, "
        "EPCI de rattachement de communes : 1). Retirez-la d'abord de ces fiches.")
    assert ctx.undo_stack.count() == steps
    assert "Communauté d'agglomération Douaisis Agglo" in page.visible_names()


def test_delete_then_undo(dialog, qtbot, ctx, douaisis):
    page = dialog.organisations
    page.select(douaisis["SMTD"])
    qtbot.mouseClick(page.form.delete_button, Qt.MouseButton.LeftButton)
    assert "Syndicat mixte des transports du Douaisis" not in page.visible_names()
    assert page.form.heading.text() == "Nouvelle organisation"
    assert ctx.undo_stack.undoText() == "Suppression de l'organisation « SMTD »"
    ctx.undo_stack.undo()
    assert "Syndicat mixte des transports du Douaisis" in page.visible_names()
    assert DirectoryService(ctx.store).organisation(douaisis["SMTD"]).kind is OrgKind.SYNDICAT


def test_edit_then_undo(dialog, qtbot, ctx, douaisis):
    page = dialog.organisations
    page.select(douaisis["Douai"])
    page.form.name_edit.setText("Ville de Douai")
    assert page.form.save_button.isEnabled()
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert "Ville de Douai" in page.visible_names()
    assert not page.form.save_button.isEnabled()  # saved: nothing left to save
    ctx.undo_stack.undo()
    assert "Commune de Douai" in page.visible_names() and "Ville de Douai" not in page.visible_names()
    assert page.form.name_edit.text() == "Commune de Douai"


def test_add_a_person(dialog, qtbot, ctx, douaisis):
    dialog.tabs.setCurrentIndex(PERSONS_TAB)
    page = dialog.persons
    form = page.form
    qtbot.mouseClick(form.new_button, Qt.MouseButton.LeftButton)
    assert form.errors.text("last_name") == ""
    type_text(form.last_name_edit, "X")
    form.last_name_edit.clear()  # touched, then emptied
    assert form.errors.text("last_name") == "Le nom de famille de la personne est obligatoire."
    form.civility_box.setCurrentText("M.")
    form.first_name_edit.setFocus()
    type_text(form.first_name_edit, "Frédéric")
    type_text(form.last_name_edit, "DELANNOY")
    form.function_edit.setText("Président")
    form.organisation_box.setCurrentIndex(form.organisation_box.findText("Communauté de communes Cœur d'Ostrevent"))
    form.email_edit.setText("f.delannoy@")
    assert not form.save_button.isEnabled()
    form.email_edit.setText("president@coeurdostrevent.fr")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert [page.proxy.index(0, c).data() for c in range(6)] == [
        "M.", "Frédéric", "DELANNOY", "Président", "CCCO", "president@coeurdostrevent.fr"]
    assert ctx.undo_stack.undoText() == "Ajout de M. Frédéric DELANNOY"
    page.filter_edit.setText("frederic")
    assert page.visible_names(2) == ["DELANNOY"]
    page.filter_edit.setText("")
    page.organisation_box.setCurrentIndex(page.organisation_box.findText("DA"))
    assert page.visible_names(2) == []


def test_person_signing_a_contract_cannot_be_deleted(dialog, qtbot, ctx, douaisis):
    from crte_desktop.domain.directory import Person

    d = DirectoryService(ctx.store)
    poiret = Person("POIRET", "Christian", "M.", "Président", douaisis["DA"])
    d.save_person(poiret)
    contracts = ContractService(ctx.store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    bundle.signatories = [Signatory(0, douaisis["DA"], poiret.id, "Président")]
    contracts.save(bundle)
    dialog.tabs.setCurrentIndex(PERSONS_TAB)
    dialog.persons.select(poiret.id)
    qtbot.mouseClick(dialog.persons.form.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.persons.form.message.text().startswith(
        "La fiche de M. Christian POIRET ne peut pas être supprimée : cette personne signe un contrat.")


def test_deleting_an_organisation_detaches_its_persons_and_undo_reattaches(dialog, qtbot, ctx, douaisis):
    from crte_desktop.domain.directory import Person

    d = DirectoryService(ctx.store)
    agent = Person("MARTIN", "Claire", "Mme", "Chargée de mission", douaisis["SMTD"])
    d.save_person(agent)
    dialog.organisations.select(douaisis["SMTD"])
    qtbot.mouseClick(dialog.organisations.form.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.persons.proxy.index(0, 4).data() == ""
    ctx.undo_stack.undo()
    assert dialog.persons.proxy.index(0, 4).data() == "SMTD"


def test_models_pass_the_model_tester(qtmodeltester, ctx, douaisis):
    from crte_desktop.views.directory.directory_models import FoldFilterProxy, OrganisationModel, PersonModel

    d = DirectoryService(ctx.store)
    organisations = OrganisationModel()
    organisations.set_records(d.organisations())
    qtmodeltester.check(organisations)
    proxy = FoldFilterProxy()
    proxy.setSourceModel(organisations)
    proxy.set_text("douai")
    qtmodeltester.check(proxy)
    persons = PersonModel()
    persons.set_records(d.persons(), {o.id: o.label for o in d.organisations()})
    qtmodeltester.check(persons)


def test_column_choice_is_remembered(ctx, qtbot, douaisis):
    first = DirectoryDialog(ctx)
    qtbot.addWidget(first)
    first.organisations.set_column_visible(4, False)  # Courriel
    first.organisations.table.horizontalHeader().resizeSection(0, 333)
    first.reject()
    again = DirectoryDialog(ctx)
    qtbot.addWidget(again)
    header = again.organisations.table.horizontalHeader()
    assert header.isSectionHidden(4) and not header.isSectionHidden(3)
    assert header.sectionSize(0) == 333
