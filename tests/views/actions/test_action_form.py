"""The action form's "Général" tab: creating an action, typing French amounts, rules shown as you type."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.money import NBSP
from tests.views.actions.test_action_form_fixtures import fw, make_action, open_form, replace_text, type_text  # noqa: F401
from tests.in_transaction import InTransaction


def test_create_an_action_through_the_form(qtbot, fw):
    form = open_form(qtbot, fw)
    general = form.general
    assert general.reference.text() == "2024-1"  # next free reference of the year
    assert general.section.currentText() == "Axe 1.1 — Développer l'usage du vélo"
    assert general.boxes["title"].error() == "L'intitulé est obligatoire."
    assert not form.save_button.isEnabled()

    replace_text(general.reference, "2021-4")
    general.title.setFocus()
    type_text(general.title, "Boucle cyclable de la vallée de l'Aunelle")
    general.cost.setFocus()
    type_text(general.cost, "283 000,50")
    general.description.setFocus()
    type_text(general.description, "Boucle de 48 km, liaison avec le RAVeL en Wallonie.")
    assert general.boxes["title"].error() == ""
    assert form.save_button.isEnabled()
    assert form.is_dirty

    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    action = ActionRepository(fw.store).get(saved.args[0])
    assert action.reference == "2021-4"
    assert action.title == "Boucle cyclable de la vallée de l'Aunelle"
    assert action.total_cost == Decimal("283000.50")
    assert action.section_id == fw.sections["velo"]
    assert action.inscription_year == 2024
    assert action.description == "Boucle de 48 km, liaison avec le RAVeL en Wallonie."
    assert not form.is_dirty
    assert form.action_id == action.id
    assert not form.save_button.isEnabled()  # nothing left to save
    assert form.heading.text() == "2021-4 — Boucle cyclable de la vallée de l'Aunelle"


def test_cost_accepts_french_and_plain_formats_and_refuses_bad_text(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    cost = form.general.cost
    box = form.general.boxes["total_cost"]
    form.activateWindow()

    replace_text(cost, "abc")
    assert box.error() == "« abc » n'est pas un montant valide (exemple : 1 234,50 €)."
    assert not form.save_button.isEnabled()
    assert form.bundle.action.total_cost is None  # the text is not a value
    assert form.is_dirty

    replace_text(cost, "-5")
    assert box.error() == "Le coût total ne peut pas être négatif."
    assert not form.save_button.isEnabled()
    assert not form.save()

    replace_text(cost, "1234567.89")
    assert box.error() == ""
    assert form.bundle.action.total_cost == Decimal("1234567.89")
    form.general.title.setFocus()
    qtbot.waitUntil(lambda: cost.text() == f"1{NBSP}234{NBSP}567,89")

    replace_text(cost, "1 234 567,89 €")
    assert form.bundle.action.total_cost == Decimal("1234567.89")
    replace_text(cost, "12,345")
    assert "plus de deux décimales" in box.error()
    assert not form.save_button.isEnabled()


def test_end_before_start_is_refused_beside_the_field(qtbot, fw, digest):
    form = open_form(qtbot, fw, make_action(fw))
    general = form.general
    before = digest(fw.store.path)
    general.start.setFocus()
    type_text(general.start, "010623")  # digits only: 01/06/2023
    general.end.setFocus()  # leaving the field writes the date out
    assert general.start.text() == "01/06/2023"
    type_text(general.end, "31/1/23")
    assert form.bundle.action.start_date == date(2023, 6, 1)
    assert form.bundle.action.end_date == date(2023, 1, 31)
    assert general.boxes["end_date"].error() == "La date de fin ne peut pas précéder la date de début."
    assert general.end.styleSheet()  # red border
    assert not form.save_button.isEnabled()
    assert not form.save()
    assert digest(fw.store.path) == before

    replace_text(general.end, "31/03/2024")
    assert general.boxes["end_date"].error() == ""
    assert general.end.styleSheet() == ""
    assert form.save()
    assert ActionRepository(fw.store).get(form.action_id).end_date == date(2024, 3, 31)

    replace_text(general.end, "")  # clearing the date
    assert form.bundle.action.end_date is None
    assert form.save()
    assert ActionRepository(fw.store).get(form.action_id).end_date is None


def test_duplicate_reference_refused(qtbot, fw, digest):
    make_action(fw, "2021-1", "Réhabilitation de la friche Vallourec")
    form = open_form(qtbot, fw)
    before = digest(fw.store.path)
    replace_text(form.general.reference, "2021-1")
    form.general.title.setFocus()
    type_text(form.general.title, "Piste cyclable d'Onnaing")
    assert form.general.boxes["reference"].error() == "La référence « 2021-1 » existe déjà dans ce contrat."
    assert not form.save_button.isEnabled()
    assert "1 erreur à corriger" in form.status.text()
    assert not form.save()
    assert digest(fw.store.path) == before
    assert len(ActionRepository(fw.store).for_contract(fw.contract_id)) == 1
    assert fw.ctx.undo_stack.count() == 0

    replace_text(form.general.reference, "2021-2")
    assert form.save()
    assert len(ActionRepository(fw.store).for_contract(fw.contract_id)) == 2


def test_late_label_follows_end_date_and_status(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw, status=ActionStatus.EN_COURS, end_date=date(2023, 12, 31)))
    general = form.general
    assert general.late.isVisible()  # today is 15/06/2024 in the fixture
    general.status.setCurrentIndex(general.status.findText("Réalisée"))
    assert not general.late.isVisible()
    assert form.bundle.action.status is ActionStatus.REALISEE
    general.status.setCurrentIndex(general.status.findText("Bloquée"))
    assert general.late.isVisible()
    replace_text(general.end, "01/01/2025")
    assert not general.late.isVisible()


def test_progress_priority_year_and_texts(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    general = form.general
    general.progress.setFocus()
    general.progress.selectAll()
    type_text(general.progress, "75")
    general.priority.setCurrentIndex(general.priority.findText("Haute"))
    general.year.setValue(2022)
    general.notes.setFocus()
    type_text(general.notes, "Réunion de chantier prévue en août — à confirmer.")
    assert form.save()
    action = ActionRepository(fw.store).get(form.action_id)
    assert action.progress == 75
    assert action.priority.label == "Haute"
    assert action.inscription_year == 2022
    assert action.notes == "Réunion de chantier prévue en août — à confirmer."
    general.year.setValue(general.year.minimum())  # "—": no year
    assert general.year.text() == "—"
    assert form.save()
    assert ActionRepository(fw.store).get(form.action_id).inscription_year is None


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")  # completer popup, offscreen
def test_owner_search_ignores_accents_and_suggests_the_epci(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    owner = form.general.owner
    owner.lineEdit().setFocus()
    owner.lineEdit().selectAll()
    type_text(owner.lineEdit(), "metropole")
    popup = owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    assert popup.model().index(0, 0).data() == "Valenciennes Métropole (CAVM)"
    popup.setCurrentIndex(popup.model().index(0, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert form.bundle.action.owner_id == fw.orgs["cavm"]
    assert form.bundle.action.epci_id == fw.orgs["cavm"]  # an EPCI owner is its own territory
    assert form.general.epci.currentText() == "Valenciennes Métropole"

    owner.choose_id(fw.orgs["wallers"])  # a commune of the CAPH: the suggestion follows
    assert form.bundle.action.epci_id == fw.orgs["caph"]
    form.general.epci.setCurrentIndex(form.general.epci.findText("Valenciennes Métropole"))
    owner.choose_id(fw.orgs["denain"])  # an EPCI chosen by hand is kept
    assert form.bundle.action.epci_id == fw.orgs["cavm"]
    assert form.general.epci_hint.text() == "Suggéré : Communauté d'agglomération de la Porte du Hainaut"

    owner.lineEdit().setFocus()
    owner.lineEdit().selectAll()
    type_text(owner.lineEdit(), "n'existe pas")
    owner.lineEdit().editingFinished.emit()
    assert owner.lineEdit().text() == "Denain"  # unknown text goes back to the choice
    assert form.bundle.action.owner_id == fw.orgs["denain"]


def test_partners_and_communes_multi_select_with_search(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    partners = form.general.partners
    partners.search.setFocus()
    type_text(partners.search, "velo")
    assert partners.visible_labels() == ["Association droit au vélo (ADAV)"]
    partners.set_checked(fw.orgs["adav"], True)
    partners.search.clear()
    partners.set_checked(fw.orgs["dept"], True)
    assert form.bundle.action.partner_ids == [fw.orgs["adav"], fw.orgs["dept"]]
    assert partners.summary.text().startswith("2 partenaires : Association droit au vélo (ADAV), Département")
    communes = form.general.communes
    assert communes.visible_labels() == ["Denain", "Onnaing", "Quarouble", "Saultain", "Wallers"]
    communes.set_checked(fw.orgs["quarouble"], True)
    communes.set_checked(fw.orgs["onnaing"], True)
    assert form.save()
    action = ActionRepository(fw.store).get(form.action_id)
    assert action.partner_ids == [fw.orgs["adav"], fw.orgs["dept"]]
    assert action.commune_ids == [fw.orgs["quarouble"], fw.orgs["onnaing"]]
    communes.set_checked(fw.orgs["quarouble"], False)
    communes.set_checked(fw.orgs["quarouble"], True)  # ticked again: now the last one chosen
    assert form.bundle.action.commune_ids == [fw.orgs["onnaing"], fw.orgs["quarouble"]]


def test_ctrl_s_saves_and_close_asks_when_dirty(qtbot, fw):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    form = open_form(qtbot, fw, make_action(fw))
    form.general.title.setFocus()
    type_text(form.general.title, " (tranche 2)")
    with qtbot.waitSignal(form.saved):
        QTest.keyClick(form.general.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ActionRepository(fw.store).get(form.action_id).title.endswith("(tranche 2)")

    type_text(form.general.title, "!")
    answers = []

    def answer(text):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, lambda: answer("Annuler"))
    assert not form.request_close()
    assert "modifications non enregistrées" in answers[0]
    with qtbot.waitSignal(form.closed):
        QTimer.singleShot(0, lambda: answer("Fermer sans enregistrer"))
        assert form.request_close()
    assert ActionRepository(fw.store).get(form.action_id).title.endswith("(tranche 2)")


def test_close_without_changes_does_not_ask(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    assert not form.is_dirty
    with qtbot.waitSignal(form.closed):
        qtbot.mouseClick(form.close_button, Qt.MouseButton.LeftButton)


def test_status_labels_are_the_ones_the_user_chose(qtbot, fw):
    from crte_desktop.db.repos.directory import DirectoryRepository

    InTransaction(DirectoryRepository(fw.store)).save_status("en_pause", "Suspendue", "#f9a825")
    form = open_form(qtbot, fw, make_action(fw))
    status = form.general.status
    assert [status.itemText(i) for i in range(status.count())] == [
        "À venir", "En préparation", "En cours", "Réalisée", "Suspendue", "Bloquée", "Abandonnée"]
    status.setCurrentIndex(status.findText("Suspendue"))
    assert form.bundle.action.status is ActionStatus.EN_PAUSE
