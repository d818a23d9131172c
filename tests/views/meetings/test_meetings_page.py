"""The meetings page as a secretary uses it: a meeting created, its agenda built and reordered, attendance
recorded, a decision and a follow-up added, the pack generated and printed; bad input refused in French;
each action one undo step."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, AttendanceStatus, CommitteeKind, Decision, DecisionEffect, DecisionOutcome, FollowUp,
    MeetingStatus,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.views.meetings.decision_dialogs import FollowUpDialog
from crte_desktop.views.meetings.meetings_page import AGENDA_TAB
from tests.meetings.conftest import TODAY, new_meeting
from tests.reports.pdf_text import bookmarks, page_texts


def _new_meeting_through_the_form(page, on="20/06/2024"):
    page.new_meeting()
    page.form.date_edit.setText(on)
    page.form.place_edit.setText("Sous-préfecture de Douai, salle Vauban")
    assert page.form.save()
    return page.meeting_id


def test_a_meeting_created_through_the_form_then_undone_and_redone(page, ctx):
    meeting_id = _new_meeting_through_the_form(page)
    meeting = MeetingService(ctx.store).get(meeting_id)
    assert meeting.date == date(2024, 6, 20) and meeting.place == "Sous-préfecture de Douai, salle Vauban"
    assert page.meetings.rowCount() == 1 and page.meetings.item(0, 0).text() == "20/06/2024"
    assert page.title.text() == "COTECH du 20/06/2024"
    ctx.undo_stack.undo()
    assert MeetingService(ctx.store).repo.get(meeting_id) is None
    assert page.meetings.rowCount() == 0
    ctx.undo_stack.redo()
    assert MeetingService(ctx.store).get(meeting_id).date == date(2024, 6, 20)
    assert page.meetings.rowCount() == 1


def test_a_meeting_without_a_date_is_refused(page, ctx, world, digest):  # noqa: F811
    before = digest(world.path)
    page.new_meeting()
    page.form.date_edit.setText("")
    assert page.form.errors.text("date") == "La date de la séance est obligatoire."
    assert not page.form.save_button.isEnabled()
    assert not page.form.save()
    page.form.date_edit.setText("31/02/2024")
    assert page.form.errors.text("date") == "« 31/02/2024 » n'est pas une date qui existe."
    page.form.date_edit.setText("20/06/2024")
    page.form.end_edit.setText("13h")
    assert page.form.errors.text("end_time") == "L'heure de fin doit suivre l'heure de début."
    page.form.end_edit.setText("25h")
    assert "n'est pas une heure valide" in page.form.errors.text("end_time")
    assert not page.form.save()
    assert digest(world.path) == before
    assert ctx.undo_stack.count() == 0


def test_agenda_items_added_reordered_by_dragging_and_undone(page, ctx, qtbot, world):  # noqa: F811
    meeting_id = _new_meeting_through_the_form(page)
    page.meeting_tabs.setCurrentIndex(AGENDA_TAB)
    editor = page.agenda
    for title, minutes in (("Validation du compte rendu", 5), ("Avancement de la friche", 20), ("Questions diverses", 10)):
        editor.new_item()
        editor.title_edit.setText(title)
        editor.duration_spin.setValue(minutes)
        assert editor.save_item()
    editor.new_item()
    editor.title_edit.setText("Point sans durée")
    editor.actions_editor.add(world.ids["action1"])
    assert editor.save_item()
    assert editor.titles() == ["Validation du compte rendu", "Avancement de la friche", "Questions diverses",
                               "Point sans durée"]
    assert editor.total_label.text() == "4 points — durée prévue : 35 min"
    steps = ctx.undo_stack.count()

    # drag "Questions diverses" to the top
    editor.items_list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    qtbot.waitUntil(lambda: editor.titles()[0] == "Questions diverses", timeout=3000)
    assert editor.titles() == ["Questions diverses", "Validation du compte rendu", "Avancement de la friche",
                               "Point sans durée"]
    assert editor.items_list.item(0).text().startswith("1. Questions diverses")
    assert ctx.undo_stack.count() == steps + 1
    ctx.undo_stack.undo()
    assert editor.titles()[0] == "Validation du compte rendu"
    assert [i.title for i in AgendaService(ctx.store).items(meeting_id)][0] == "Validation du compte rendu"

    # the action link is kept; an empty title is refused beside the field
    assert AgendaService(ctx.store).items(meeting_id)[3].action_ids == [world.ids["action1"]]
    editor.items_list.setCurrentRow(1)
    editor.title_edit.setText("  ")
    assert editor.errors.text("title") == "L'intitulé du point de l'ordre du jour est obligatoire."
    assert not editor.save_button.isEnabled()


def test_agenda_template_and_a_document(page, ctx, tmp_path):
    meeting_id = _new_meeting_through_the_form(page)
    editor = page.agenda
    assert editor.apply_template(page.committees.service.get(page.committees.current_id()).kind)
    assert len(editor.titles()) == 7 and editor.titles()[-1] == "Questions diverses"
    document = tmp_path / "Plan de financement – Somain.pdf"
    document.write_bytes(b"%PDF-1.4 financement")
    editor.items_list.setCurrentRow(1)
    assert editor.attach(str(document))
    assert editor.documents.count() == 1
    assert AgendaService(ctx.store).attachments(meeting_id)[0].file_name == "Plan de financement – Somain.pdf"
    editor.delete_item()  # the item and its document
    assert AgendaService(ctx.store).attachments(meeting_id) == []
    ctx.undo_stack.undo()  # both back
    assert len(editor.titles()) == 7
    assert AgendaService(ctx.store).attachment_data(AgendaService(ctx.store).attachments(meeting_id)[0].id) == \
        b"%PDF-1.4 financement"


def test_attendance_recorded_and_refused_when_incomplete(page, ctx, tmp_path):
    meeting_id = _new_meeting_through_the_form(page, on="14/06/2024")  # held the day before « today »
    editor = page.attendance
    assert editor.table.rowCount() == 4  # the COTECH's members
    editor.set_status(1, AttendanceStatus.REPRESENTED)
    assert not editor.save()
    assert "est représenté : indiquez par qui." in editor.message.text()
    editor.set_status(1, AttendanceStatus.REPRESENTED, "M. Paul LEROY")
    editor.set_status(2, AttendanceStatus.EXCUSED)
    row = editor.add_guest("Mme Anne LEFEBVRE", "ADEME")
    assert row == 4
    assert editor.save()
    saved = AttendanceService(ctx.store).saved(meeting_id)
    assert [e.status for e in saved] == [AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED,
                                         AttendanceStatus.EXCUSED, AttendanceStatus.PRESENT, AttendanceStatus.PRESENT]
    assert saved[-1].is_guest and saved[-1].name == "Mme Anne LEFEBVRE"
    assert "1 excusé" in editor.counts_label.text()
    sheet = tmp_path / "emargement.pdf"
    assert editor.export_sheet_pdf(str(sheet)) == str(sheet)
    assert "Représentée par M. Paul LEROY" in " ".join(page_texts(sheet))
    ctx.undo_stack.undo()
    assert AttendanceService(ctx.store).saved(meeting_id) == []


def test_a_decision_and_its_follow_up(page, ctx, world):  # noqa: F811
    meeting = new_meeting(ctx.store, world.cotech.id, date(2024, 5, 14), MeetingStatus.HELD)
    page.refresh_meetings(select=meeting.id)
    editor = page.minutes
    service = DecisionService(ctx.store, TODAY)
    decision = service.new_decision(meeting.id)
    decision.text = "Avis favorable à l'inscription de la friche Arc-en-Ciel"
    decision.actions = [AgendaService(ctx.store).link(world.ids["action1"])]
    assert editor.edit_decision(None, edited=decision)
    assert editor.decision_table.rowCount() == 1
    assert editor.decision_table.item(0, 1).text() == "Avis favorable à l'inscription de la friche Arc-en-Ciel"

    # a follow-up due before the meeting is refused in the dialog
    dialog = FollowUpDialog(service, service.new_follow_up(meeting.id), service.decisions(meeting.id), editor)
    dialog.text_edit.setPlainText("Transmettre le plan de financement")
    dialog.owner_edit.setText("Douaisis Agglo")
    dialog.due_edit.setText("30/04/2024")
    assert not dialog.validate()
    assert dialog.message.text() == "L'échéance (30/04/2024) ne peut pas précéder la séance du 14/05/2024."
    dialog.due_edit.setText("31/05/2024")
    assert dialog.validate()
    assert editor.edit_follow_up(None, edited=dialog.edited()[0])
    dialog.deleteLater()
    assert editor.follow_up_table.rowCount() == 1
    assert editor.follow_up_table.item(0, 4).text() == "En retard"  # 31/05 is past on 15/06/2024
    assert editor.follow_up_table.item(0, 0).foreground().color().name() == "#b71c1c"
    editor.follow_up_table.selectRow(0)
    assert editor.mark_done()
    assert editor.follow_up_table.item(0, 4).text() == "Fait le 15/06/2024"
    ctx.undo_stack.undo()
    assert editor.follow_up_table.item(0, 4).text() == "En retard"

    # registers: the follow-up in red, the decision listed
    registers = page.registers
    registers.state_combo.setCurrentIndex(2)  # "En retard"
    assert registers.follow_ups.rowCount() == 1
    assert registers.follow_ups.item(0, 0).foreground().color().name() == "#b71c1c"
    assert registers.decisions.rowCount() == 1


def test_an_adopted_abandonment_applied_to_the_programme_and_undone(page, ctx, world):  # noqa: F811
    meeting = new_meeting(ctx.store, world.copil.id, date(2024, 5, 20), MeetingStatus.HELD)
    page.committees.select(world.copil.id)
    page.refresh_meetings(select=meeting.id)
    service = DecisionService(ctx.store, TODAY)
    d = Decision(meeting.id, "Abandon de la Maison France Services de Somain", outcome=DecisionOutcome.ADOPTED,
                 effect=DecisionEffect.ABANDON, actions=[AgendaService(ctx.store).link(world.ids["action2"])])
    assert page.minutes.edit_decision(None, edited=d)
    decision_id = service.decisions(meeting.id)[0].id
    assert page.minutes.apply_decision(decision_id, confirm=False)
    assert ctx.workspace.actions.load(world.ids["action2"]).action.status.label == "Abandonnée"
    assert page.minutes.decision_table.item(0, 5).text() == format_today()
    ctx.undo_stack.undo()
    assert ctx.workspace.actions.load(world.ids["action2"]).action.status.label == "En préparation"
    assert not service.get(decision_id).applied
    ctx.undo_stack.redo()
    assert ctx.workspace.actions.load(world.ids["action2"]).action.status.label == "Abandonnée"


def format_today() -> str:
    return date.today().strftime("%d/%m/%Y")


def _agenda_with_actions(ctx, world, meeting_id):  # noqa: F811
    agenda = AgendaService(ctx.store)
    agenda.save_item(AgendaItem(meeting_id, "Avancement des actions", AgendaItemKind.PROGRESS, duration_minutes=30,
                                actions=[agenda.link(world.ids["action1"]), agenda.link(world.ids["action2"])]))


def test_the_pack_generated_from_the_page(page, ctx, world, qtbot, tmp_path):  # noqa: F811
    meeting_id = _new_meeting_through_the_form(page)
    _agenda_with_actions(ctx, world, meeting_id)
    target = tmp_path / "dossier.pdf"
    written = []
    page.pack_written.connect(written.append)
    op = page.generate_pack(str(target))
    assert op is not None and not page.pack_button.isEnabled()
    qtbot.waitUntil(lambda: page.pack_op is None, timeout=30000)
    assert written and written[0].page_count == len(page_texts(target))
    assert page.message.text().startswith("Dossier de séance écrit")
    titles = [t for t, _lvl, _p in bookmarks(target)]
    assert "2021-1 — Requalification de la friche Arc-en-Ciel" in titles
    assert page.pack_button.isEnabled()


def test_cancelling_the_pack_leaves_no_file(page, ctx, world, qtbot, tmp_path):  # noqa: F811
    meeting_id = _new_meeting_through_the_form(page)
    _agenda_with_actions(ctx, world, meeting_id)
    target = tmp_path / "annule.pdf"
    op = page.generate_pack(str(target))
    op.cancel()
    qtbot.waitUntil(lambda: page.pack_op is None, timeout=30000)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix not in (".ini", ".verrou") and p.name != "espace.crte"] == []
    assert page.message.text() == "Préparation annulée : aucun fichier n'a été écrit."


def test_the_pack_waits_for_unsaved_edits(page):
    _new_meeting_through_the_form(page)
    page.form.place_edit.setText("Mairie de Somain")
    assert page.is_dirty
    assert page.generate_pack("/nonexistent/never.pdf") is None
    assert "Enregistrez d'abord les modifications en cours" in page.message.text()


def test_printing_gives_the_pdf_layout(page, ctx, world, qtbot, tmp_path):  # noqa: F811
    meeting_id = _new_meeting_through_the_form(page)
    _agenda_with_actions(ctx, world, meeting_id)
    pdf = tmp_path / "dossier.pdf"
    page.generate_pack(str(pdf))
    qtbot.waitUntil(lambda: page.pack_op is None, timeout=30000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    page.print_to(printer)
    qtbot.waitUntil(lambda: page.pack_op is None, timeout=30000)
    assert page_texts(tmp_path / "imprime.pdf") == page_texts(pdf)
    assert "envoyé à l'impression" in page.message.text()


def test_the_convocation_message_is_opened_and_nothing_is_recorded_before_confirmation(page, ctx, tmp_path):
    meeting_id = _new_meeting_through_the_form(page)
    opened = []
    page.form.open_url = lambda url: opened.append(url.toLocalFile()) or True  # a mail program took it
    assert page.form.send_by_mail()
    draft = opened[0]
    assert draft.endswith(".eml")
    message = email.message_from_bytes(Path(draft).read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and "jean-marc.leblanc@nord.gouv.fr" in str(message["To"])
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "Convocation COTECH 2024-06-20.pdf", "Invitation COTECH 2024-06-20.ics"]
    meeting = MeetingService(ctx.store).get(meeting_id)
    assert meeting.convocation_sent_on is None and meeting.status is not MeetingStatus.CONVENED
    assert page.form.convocation_label.text() == "pas encore"
    assert "ouvert dans votre messagerie" in page.form.convocation_message.text()

    assert page.form.confirm_sent()  # the secretary confirms it left
    meeting = MeetingService(ctx.store).get(meeting_id)
    assert meeting.convocation_sent_on == TODAY and meeting.status is MeetingStatus.CONVENED
    assert page.form.convocation_label.text() == "le 15/06/2024"
    letter = tmp_path / "convocation.pdf"
    assert page.form.export_letter_pdf(str(letter)) == str(letter)
    assert "Nous avons l'honneur de vous convier" in " ".join(page_texts(letter))
    ctx.undo_stack.undo()
    assert MeetingService(ctx.store).get(meeting_id).convocation_sent_on is None
    assert page.form.convocation_label.text() == "pas encore"


def test_without_a_mail_program_the_message_is_saved_where_the_secretary_chooses(page, ctx, tmp_path, digest):
    meeting_id = _new_meeting_through_the_form(page)
    before = digest(ctx.store.path)
    page.form.open_url = lambda url: False  # nothing opened
    page.form.ask_mail_path = lambda name: None  # the secretary cancels
    assert not page.form.send_by_mail(with_pack=True)
    assert "n'a pas été enregistré" in page.form.convocation_message.text()
    target = tmp_path / "Convocation.eml"
    page.form.ask_mail_path = lambda name: str(target)
    assert page.form.send_by_mail(with_pack=True)
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert [p.get_filename() for p in message.iter_attachments()][-1] == "Dossier de séance COTECH 2024-06-20.pdf"
    assert "Aucune messagerie ne s'est ouverte" in page.form.convocation_message.text()
    assert digest(ctx.store.path) == before
    assert MeetingService(ctx.store).get(meeting_id).convocation_sent_on is None


def test_a_deleted_meeting_comes_back_with_its_agenda(page, ctx, world):  # noqa: F811
    meeting_id = _new_meeting_through_the_form(page, on="14/06/2024")
    _agenda_with_actions(ctx, world, meeting_id)
    DecisionService(ctx.store, TODAY).save_follow_up(FollowUp(meeting_id, "Relancer la Région", due_date=date(2024, 9, 1)))
    assert page.delete_meeting(confirm=False)
    assert page.meetings.rowCount() == 0
    ctx.undo_stack.undo()
    assert page.meetings.rowCount() == 1
    assert [i.title for i in AgendaService(ctx.store).items(meeting_id)] == ["Avancement des actions"]
    assert DecisionService(ctx.store).follow_ups(meeting_id)[0].text == "Relancer la Région"


def test_the_other_committees_template_is_applied_with_a_warning(page, ctx):
    _new_meeting_through_the_form(page)
    editor = page.agenda
    own = page.committees.service.get(page.committees.current_id()).kind
    other = CommitteeKind.COPIL if own is CommitteeKind.COTECH else CommitteeKind.COTECH
    assert editor.apply_template(None)  # "Ordre du jour type de ce comité"
    assert editor.message.isHidden() or not editor.message.text()
    count = len(editor.titles())
    assert editor.apply_template(other)
    assert len(editor.titles()) > count
    assert f"Ordre du jour type d'un {other.label} appliqué à une séance du {own.label}" in editor.message.text()


def test_confirmer_l_envoi_is_offered_only_to_a_meeting_one_can_still_convene(page, world):  # noqa: F811
    """A held, cancelled or postponed meeting is not convened any more: the button says so by being off
    (the service refuses it anyway); a planned one offers it."""
    planned = new_meeting(world.store, world.cotech.id, date(2024, 6, 28))
    page.form.load(planned.id)
    assert page.form.sent_button.isEnabled()
    for status in (MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        other = new_meeting(world.store, world.cotech.id, date(2024, 5, 2), status)
        page.form.load(other.id)
        assert not page.form.sent_button.isEnabled(), status
        assert page.form.letter_pdf_button.isEnabled()  # the letter can still be written out
