"""The action form with the undo stack, change notices, the history tab, and the file on disk."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.money import format_amount
from crte_desktop.domain.wording import plural
from crte_desktop.views.actions.action_form import ActionForm
from tests.views.actions.test_action_form_fixtures import fw, make_action, open_form, replace_text, type_text  # noqa: F401
from tests.in_transaction import InTransaction


def test_save_then_undo_and_redo_restore_store_and_form(qtbot, fw):
    action_id = make_action(fw, total_cost=Decimal("250000"))
    form = open_form(qtbot, fw, action_id)
    replace_text(form.general.title, "Boucle cyclable de l'Aunelle — tranche 2")
    replace_text(form.general.cost, "283 000")
    assert form.save()
    assert fw.ctx.undo_stack.count() == 1
    assert fw.ctx.undo_stack.undoText() == "Modification de l'action 2021-4"
    repo = ActionRepository(fw.store)
    assert repo.get(action_id).title == "Boucle cyclable de l'Aunelle — tranche 2"

    fw.ctx.undo_stack.undo()
    assert repo.get(action_id).title == "Boucle cyclable de la vallée de l'Aunelle"
    assert repo.get(action_id).total_cost == Decimal("250000.00")
    assert form.general.title.text() == "Boucle cyclable de la vallée de l'Aunelle"
    assert form.general.cost.text() == format_amount(Decimal("250000"), currency=False)
    assert not form.is_dirty

    fw.ctx.undo_stack.redo()
    assert repo.get(action_id).total_cost == Decimal("283000.00")
    assert form.general.title.text() == "Boucle cyclable de l'Aunelle — tranche 2"
    assert not form.is_dirty


def test_undo_of_a_creation_then_redo(qtbot, fw):
    form = open_form(qtbot, fw)
    form.general.title.setFocus()
    type_text(form.general.title, "Création d'une aire de covoiturage à Saultain")
    with qtbot.waitSignal(form.saved) as saved:
        assert form.save()
    action_id = saved.args[0]
    assert fw.ctx.undo_stack.undoText() == "Création de l'action 2024-1"
    fw.ctx.undo_stack.undo()
    assert ActionRepository(fw.store).get(action_id) is None
    assert form.banner.isVisible()
    assert "n'existe plus" in form.banner_text.text()
    assert not form.tabs.isEnabled()
    assert not form.save_button.isEnabled()
    assert not form.is_dirty
    fw.ctx.undo_stack.redo()
    assert ActionRepository(fw.store).get(action_id).title == "Création d'une aire de covoiturage à Saultain"
    assert not form.banner.isVisible()
    assert form.tabs.isEnabled()
    assert form.general.title.text() == "Création d'une aire de covoiturage à Saultain"


def test_change_elsewhere_reloads_a_clean_form_and_warns_a_dirty_one(qtbot, fw):
    action_id = make_action(fw)
    form = open_form(qtbot, fw, action_id)
    service = fw.ctx.workspace.actions

    other = service.load(action_id)  # another window saves the same action
    other.action.progress = 30
    service.save(other)
    assert form.general.progress.value() == 30
    assert not form.banner.isVisible()

    replace_text(form.general.title, "Boucle de l'Aunelle")
    other = service.load(action_id)
    other.action.progress = 60
    service.save(other)
    assert form.banner.isVisible()
    assert form.banner_text.text().startswith("Cette action a été modifiée ailleurs")
    assert form.general.progress.value() == 30  # the edits are kept until the user reloads
    assert form.general.title.text() == "Boucle de l'Aunelle"
    qtbot.mouseClick(form.reload_button, Qt.MouseButton.LeftButton)
    assert form.general.progress.value() == 60
    assert form.general.title.text() == "Boucle cyclable de la vallée de l'Aunelle"
    assert not form.banner.isVisible()
    assert not form.is_dirty


def test_other_actions_changes_are_ignored_and_new_funders_appear(qtbot, fw):
    from crte_desktop.domain.directory import Funder

    action_id = make_action(fw)
    form = open_form(qtbot, fw, action_id)
    replace_text(form.general.title, "Titre en cours de saisie")
    make_action(fw, "2021-5", "Autre action")
    assert not form.banner.isVisible()
    fw.store.notify(InTransaction(DirectoryRepository(fw.store)).save_funder(Funder("Fondation du patrimoine", "Fondation")))
    form.tabs.setCurrentWidget(form.financing)
    row = form.financing.add_line()
    from tests.views.actions.test_action_form_fixtures import cell_editor

    combo = cell_editor(form.financing.table, row, 0)
    assert "Fondation" in [combo.itemText(i) for i in range(combo.count())]
    assert form.general.title.text() == "Titre en cours de saisie"


def test_history_tab_lists_the_changes_with_old_and_new_values(qtbot, fw):
    action_id = make_action(fw, total_cost=Decimal("250000"))
    form = open_form(qtbot, fw, action_id)
    history = form.history.model
    assert [history.index(r, 2).data() for r in range(history.rowCount())] == ["création"]
    replace_text(form.general.cost, "283000")
    row = form.financing.add_line()
    assert form.save()
    rows = [[history.index(r, c).data() for c in range(6)] for r in range(history.rowCount())]
    by_field = {r[2]: r for r in rows}
    cost = by_field["Coût total"]
    assert cost[3] == format_amount(Decimal("250000"))
    assert cost[4] == format_amount(Decimal("283000"))
    assert cost[1] == fw.store.user
    assert cost[0].startswith(date.today().strftime("%d/%m/%Y"))  # dd/mm/yyyy hh:mm
    assert len(cost[0]) == 16
    assert by_field["ajout d'un financement"][4] == "État / 2021"
    assert rows[-1][2] == "création"  # newest first
    assert form.history.empty.text().startswith(plural(len(rows), "modification enregistrée"))
    assert row == 0


def test_saved_data_is_found_after_reopening_the_file(qtbot, fw, tmp_path):
    form = open_form(qtbot, fw)
    replace_text(form.general.reference, "2021-4")
    form.general.title.setFocus()
    type_text(form.general.title, "Boucle cyclable de la vallée de l'Aunelle")
    replace_text(form.general.cost, "1 250 000")
    form.financing.add_line()
    form.financing.model.setData(form.financing.model.index(0, 1), fw.scheme_id("DSIL relance"))
    form.financing.model.setData(form.financing.model.index(0, 6), "283 000")
    assert form.save()
    action_id = form.action_id
    dsil_relance = fw.scheme_id("DSIL relance")
    path = fw.store.path
    form.close()
    fw.ctx.undo_stack.clear()
    fw.ctx.bus.detach()
    fw.store.close()

    with Store.open(path) as store:
        action = ActionRepository(store).get(action_id)
        assert (action.reference, action.title, action.total_cost) == (
            "2021-4", "Boucle cyclable de la vallée de l'Aunelle", Decimal("1250000.00"))
        lines = FinancingRepository(store).for_action(action_id)
        assert [(l.scheme_id, l.granted) for l in lines] == [(dsil_relance, Decimal("283000.00"))]


def test_a_failed_save_is_reported_and_leaves_no_undo_step(qtbot, fw, digest):
    """The owner was deleted elsewhere after the form opened: the database refuses the save."""
    owner_id = fw.orgs["simouv"]
    action_id = make_action(fw)
    form = open_form(qtbot, fw, action_id)
    form.general.owner.choose_id(owner_id)
    fw.store.conn.execute("DELETE FROM organisation WHERE id = ?", (owner_id,))  # no notice: a stale form
    before = digest(fw.store.path)
    assert form.save_button.isEnabled()
    assert not form.save()
    assert form.status.text().startswith("L'enregistrement a échoué")
    assert form.status.text().endswith("L'espace de travail n'a pas été modifié.")
    assert fw.ctx.undo_stack.count() == 0
    assert form.is_dirty
    assert digest(fw.store.path) == before


def test_form_works_for_a_new_action_without_section(qtbot, fw):
    form = ActionForm(fw.ctx, None, fw.contract_id, None)
    qtbot.addWidget(form)
    assert form.general.section.currentText() == "(aucune section)"
    assert form.title() == "Nouvelle action 2024-1"
    assert not form.is_dirty
    assert form.history.empty.text().startswith("L'historique commencera")


def test_a_deleted_form_no_longer_listens_to_the_store(qtbot, fw):
    from PySide6.QtWidgets import QApplication

    action_id = make_action(fw)
    form = ActionForm(fw.ctx, action_id, fw.contract_id, None)
    form.deleteLater()
    QApplication.processEvents()
    other = fw.ctx.workspace.actions.load(action_id)
    other.action.progress = 10
    fw.ctx.workspace.actions.save(other)  # the notice reaches no deleted widget


def test_new_reference_data_keeps_the_text_being_typed(qtbot, fw):
    from crte_desktop.domain.directory import Organisation

    form = open_form(qtbot, fw, make_action(fw))
    replace_text(form.general.cost, "12 abc")
    fw.store.notify(InTransaction(DirectoryRepository(fw.store)).save_organisation(Organisation("Saint-Saulve")))
    assert form.general.cost.text() == "12 abc"
    assert "Saint-Saulve" in form.general.partners.visible_labels()
    assert form.general.owner.findText("Saint-Saulve") > 0
