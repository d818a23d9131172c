"""A read-only window: committees, meetings, agenda, attendance, minutes, decisions and follow-ups only show,
each writing control saying who holds the file; letters, invitation, sheets, minutes and the pack are still
written out."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from crte_desktop.views.meetings.attendance_editor import STATUS
from crte_desktop.views.meetings.decision_dialogs import DecisionDialog


def _meeting_with_decisions(page) -> None:
    for row in range(page.meetings.rowCount()):
        page.meetings.selectRow(row)
        if page.minutes.decision_table.rowCount() and page.agenda.items_list.count():
            return
    raise AssertionError("no meeting of the demo's first committee has decisions")


def test_the_meetings_screens_only_show_and_write_out(read_only, qtbot):
    page = read_only.window.open_window("meetings", 1)
    _meeting_with_decisions(page)
    committees, form, agenda, attendance, minutes = page.committees, page.form, page.agenda, page.attendance, page.minutes
    committees.members.selectRow(0)
    agenda.items_list.setCurrentRow(0)
    minutes.decision_table.selectRow(0)
    read_only.assert_locked(
        committees.new_button, committees.add_member_button, committees.remove_member_button,
        page.new_meeting_button, page.delete_meeting_button,
        form.date_edit, form.place_edit, form.status_combo, form.save_button, form.sent_button,
        agenda.new_button, agenda.delete_button, agenda.up_button, agenda.template_button, agenda.title_edit,
        agenda.kind_combo, agenda.duration_spin, agenda.save_button, agenda.attach_button,
        agenda.remove_document_button, agenda.actions_editor.add_button,
        attendance.add_guest_button, attendance.save_button,
        minutes.validate_button, minutes.introduction_edit, minutes.notes_edit, minutes.save_text_button,
        minutes.new_decision_button, minutes.edit_decision_button, minutes.delete_decision_button,
        minutes.new_follow_up_button, minutes.done_button)
    assert attendance.table.rowCount()
    read_only.assert_locked(attendance.table.cellWidget(0, STATUS))  # each member's presence
    read_only.assert_available(page.pack_button, page.print_button, form.letter_pdf_button, form.ics_button,
                               form.mail_button, attendance.sheet_pdf_button, minutes.docx_button,
                               minutes.pdf_button, minutes.item_combo)
    assert form.place_edit.text()  # shown, to be selected and copied

    seen = {}

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DecisionDialog)
        seen["ok"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["text"] = dialog.text_edit
        seen["ok_enabled"], seen["ok_tip"] = seen["ok"].isEnabled(), seen["ok"].toolTip()
        seen["read_only"] = dialog.text_edit.isReadOnly()
        dialog.reject()

    QTimer.singleShot(0, look_and_close)
    assert not minutes.edit_decision(minutes.current_decision_id())  # a double-click shows the decision
    assert seen["read_only"] and not seen["ok_enabled"] and read_only.holder in seen["ok_tip"]
