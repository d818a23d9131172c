"""A read-only window (the demo opened a second time): the main window's writing actions and the fiche
action's fields and buttons only show, each saying who holds the file; reading and writing out stay."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from crte_desktop.views.actions.action_form import ActionForm


def test_the_main_window_greys_its_writing_actions_with_the_reason(read_only):
    window = read_only.window
    window.actions_page.table.selectRow(0)
    window._update_actions()
    read_only.assert_locked(window.act_new_action, window.act_delete_action, window.act_save, window.act_undo,
                            window.act_redo, window.act_import_spreadsheet, window.act_import_xlsx,
                            window.act_new_contract)
    read_only.assert_available(window.act_open_action, window.act_export_xlsx, window.act_save_copy,
                               window.act_versions, window.act_search, window.act_dashboard, window.act_meetings)
    toolbar_button = window.toolbar.widgetForAction(window.act_new_action)
    assert not toolbar_button.isEnabled() and read_only.holder in toolbar_button.toolTip()


def test_the_action_form_shows_its_fields_without_writing(read_only, qtbot):
    window = read_only.window
    action_id = window.actions_model.action_id(0)
    form = window.open_action(action_id)
    assert isinstance(form, ActionForm)
    general, financing, indicators = form.general, form.financing, form.indicators
    read_only.assert_locked(general.title, general.reference, general.section, general.progress, general.start,
                            general.cost, general.description, form.save_button, financing.add_button,
                            financing.remove_button, indicators.add_indicator_button,
                            indicators.remove_indicator_button, indicators.add_measurement_button,
                            form.assessment.adaptation)
    assert general.title.text()  # shown, and can be selected and copied
    financing.table.selectRow(0)  # a selection enables « Supprimer la ligne » elsewhere: not here
    read_only.assert_locked(financing.remove_button, financing.detail.ds_number, financing.detail.add_payment)
    assert financing.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    partners = general.partners
    assert all(not partners.list.item(r).flags() & Qt.ItemFlag.ItemIsUserCheckable
               for r in range(partners.list.count()))
    assert not partners.search.isReadOnly()  # the list is still searched
    qtbot.keyClicks(general.title, "X")
    assert not form.is_dirty
    read_only.assert_available(form.close_button)


def test_the_contract_window_shows_the_contract_without_writing(read_only):
    window = read_only.window
    form = window.open_window("contract", 1)
    signatories, amendments, sections, logo = form.signatories, form.amendments, form.sections, form.logo
    assert signatories.table.rowCount() > 0
    read_only.assert_locked(form.name_edit, form.title_edit, form.signature_edit, form.duration_spin,
                            form.generation_combo, form.description_edit, form.save_button, form.revert_button,
                            logo.choose_button, logo.remove_button, signatories.add_button,
                            signatories.remove_button, signatories.up_button, signatories.table.cellWidget(0, 1),
                            amendments.add_button, amendments.remove_button, sections.add_top_button,
                            sections.add_child_button, sections.rename_button, sections.delete_button,
                            sections.up_button, sections.detail_title, sections.apply_button)
    assert form.name_edit.text() == "CRTE du Valenciennois" or form.name_edit.text()
    form.load(1)  # filled again (a change elsewhere): the signatories' choices stay locked
    read_only.assert_locked(signatories.table.cellWidget(0, 1))
    read_only.assert_available(form.close_button)
