"""A meeting's own fields — date, time, place or video link, status — validated as you type, and its
convocation: letter (PDF, DOCX), iCalendar invitation, and the message to the members — an .eml draft with
the letter, the invitation and (on request) the pack attached, opened in the mail program or saved; the
meeting becomes « Convoquée » only when the secretary confirms the sending."""

from __future__ import annotations

import copy
import re
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from crte_desktop.domain.dates import DateError, format_date, parse_date
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.meetings import Meeting, MeetingStatus, format_time
from crte_desktop.reports.files import write_bytes
from crte_desktop.views.widgets.date_edit import DateEdit
from crte_desktop.views.widgets.small_screen import FlowLayout
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label, show_message
from crte_desktop.views.meetings.meeting_files import ask_save_path, export_meeting_document, safe_name, show_info
from crte_desktop.views.meetings.meeting_undo import meeting_step
from crte_desktop.views.widgets import enum_combo

_TIME = re.compile(r"^(\d{1,2})\s*(?:[h:]\s*(\d{2})?)?$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """"14h00", "14h", "14:30", "9" → a time; "" → None. Raises DateError in French."""
    raw = (text or "").strip()
    if not raw:
        return None
    m = _TIME.match(raw)
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise DateError(f"« {raw} » n'est pas une heure valide (exemple : 14h30).")
    return time(int(m.group(1)), int(m.group(2) or 0))


class MeetingForm(QWidget):
    saved = Signal(int)  # the meeting id

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.meetings
        self.meeting: Meeting | None = None  # as loaded (a new one has no id)
        self.open_url = QDesktopServices.openUrl  # replaced in tests
        self.ask_mail_path = self._ask_mail_path  # replaced in tests

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.date_edit = DateEdit(today=ctx.today)
        self.start_edit = QLineEdit()
        self.start_edit.setPlaceholderText("14h00")
        self.end_edit = QLineEdit()
        self.end_edit.setPlaceholderText("16h00")
        for w in (self.date_edit, self.start_edit, self.end_edit):
            w.setMaximumWidth(130)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("ex. Sous-préfecture de Douai, salle Vauban")
        self.video_edit = QLineEdit()
        self.video_edit.setPlaceholderText("https://…")
        self.status_combo = QComboBox()
        enum_combo.fill(self.status_combo, MeetingStatus)
        self.convocation_label = QLabel()

        self.errors = FieldErrors()
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("de"))
        row.addWidget(self.errors.wrap("start_time", self.start_edit))
        row.addWidget(QLabel("à"))
        row.addWidget(self.errors.wrap("end_time", self.end_edit))
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("Date *", self.errors.wrap("date", self.date_edit))
        form.addRow("Horaire", times)
        form.addRow("Lieu", self.errors.wrap("place", self.place_edit))
        form.addRow("Visioconférence", self.errors.wrap("video_link", self.video_edit))
        form.addRow("Statut", self.errors.wrap("status", self.status_combo))
        form.addRow("Convocation envoyée", self.convocation_label)

        self.message = message_label()
        self.errors.general = self.message
        self.save_button = QPushButton("Enregistrer la séance")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Annuler les modifications")
        self.revert_button.clicked.connect(self.revert)

        self.letter_pdf_button = QPushButton("Lettre PDF…")
        self.letter_docx_button = QPushButton("Lettre DOCX…")
        self.ics_button = QPushButton("Invitation .ics…")
        self.mail_button = QPushButton("Préparer le courriel…")
        self.mail_button.setToolTip("Prépare le message aux membres, la lettre et l'invitation en pièces jointes, et "
                                    "l'ouvre dans votre messagerie (ou l'enregistre). Rien n'est noté avant que vous "
                                    "confirmiez l'envoi.")
        self.with_pack_check = QCheckBox("joindre le dossier de séance")
        self.sent_button = QPushButton("Confirmer l'envoi")
        self.sent_button.setToolTip("Noter la convocation comme envoyée aujourd'hui : la séance devient « Convoquée ».")
        self.sent_button.clicked.connect(self.confirm_sent)
        self.letter_pdf_button.clicked.connect(lambda: self.export_letter_pdf())
        self.letter_docx_button.clicked.connect(lambda: self.export_letter_docx())
        self.ics_button.clicked.connect(lambda: self.export_ics())
        self.mail_button.clicked.connect(self.send_by_mail)
        self.convocation_message = message_label()
        convocation = QGroupBox("Convocation")
        box = QVBoxLayout(convocation)
        box.addLayout(FlowLayout.of([self.letter_pdf_button, self.letter_docx_button, self.ics_button]))
        box.addLayout(FlowLayout.of([self.mail_button, self.with_pack_check, self.sent_button]))
        box.addWidget(self.convocation_message)

        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(convocation)
        layout.addStretch(1)

        for edit in (self.date_edit, self.start_edit, self.end_edit, self.place_edit, self.video_edit):
            edit.textChanged.connect(self.validate)
        self.status_combo.currentIndexChanged.connect(self.validate)
        self.clear()

    # -- loading -------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.meeting = None
        self.heading.setText("Aucune séance choisie")
        self._fill(Meeting(committee_id=0, date=None, start_time=None, end_time=None))
        self.setEnabled(False)

    def load(self, meeting_id: int) -> None:
        self.meeting = self.service.get(meeting_id)
        self.heading.setText(self.service.label(self.meeting))
        self.setEnabled(True)
        self._fill(self.meeting)

    def new(self, committee_id: int, on: date | None = None) -> None:
        """An unsaved meeting of the committee, 14h–16h, to fill in."""
        self.meeting = self.service.new(committee_id, on)
        committee = self.service.committees.committee(committee_id)
        self.heading.setText(f"Nouvelle séance du {committee.short_label if committee else 'comité'}")
        self.setEnabled(True)
        self._fill(self.meeting)
        self.date_edit.setFocus()

    def _fill(self, m: Meeting) -> None:
        self.date_edit.setText(format_date(m.date))
        self.start_edit.setText(format_time(m.start_time))
        self.end_edit.setText(format_time(m.end_time))
        self.place_edit.setText(m.place)
        self.video_edit.setText(m.video_link)
        enum_combo.set_current(self.status_combo, m.status)
        sent = m.convocation_sent_on
        self.convocation_label.setText(f"le {format_date(sent)}" if sent else "pas encore")
        saved = m.id is not None
        for b in (self.letter_pdf_button, self.letter_docx_button, self.ics_button, self.mail_button,
                  self.with_pack_check):
            b.setEnabled(saved)
        # a held, cancelled or postponed meeting is not convened any more (the service refuses it too)
        self.sent_button.setEnabled(saved and m.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED))
        show_message(self.convocation_message, "")
        self.validate()

    # -- editing -------------------------------------------------------------------------------------
    def edited(self) -> tuple[Meeting | None, list[Problem]]:
        """The meeting as typed, and what is wrong with it."""
        if self.meeting is None:
            return None, []
        m = copy.deepcopy(self.meeting)
        problems: list[Problem] = []
        for name, edit, parse in (("date", self.date_edit, parse_date), ("start_time", self.start_edit, parse_time),
                                  ("end_time", self.end_edit, parse_time)):
            try:
                setattr(m, name, parse(edit.text()))
            except DateError as err:
                problems.append(Problem(name, str(err)))
                setattr(m, name, getattr(self.meeting, name))
        m.place = self.place_edit.text().strip()
        m.video_link = self.video_edit.text().strip()
        m.status = enum_combo.current(self.status_combo, MeetingStatus)
        fields = {p.field for p in problems}
        problems += [p for p in self.service.problems(m) if p.field not in fields]
        return m, problems

    @property
    def is_dirty(self) -> bool:
        m, _ = self.edited()
        if m is None:
            return False
        return self.meeting.id is None or m != self.meeting

    def validate(self) -> bool:
        m, problems = self.edited()
        ok = self.errors.show(problems)
        self.save_button.setEnabled(m is not None and ok and self.is_dirty)
        self.revert_button.setEnabled(m is not None and self.is_dirty)
        return ok

    def revert(self) -> None:
        if self.meeting is not None:
            self._fill(self.meeting)

    def save(self) -> bool:
        m, problems = self.edited()
        if m is None:
            return False
        if any(p.is_error for p in problems):
            self.errors.show(problems)
            return False
        creating = m.id is None
        text = "Nouvelle séance" if creating else f"Modification de la séance du {format_date(m.date)}"
        try:
            meeting_step(self.ctx, text, m.id, lambda: self.service.save(m), created=lambda: m.id)
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self.load(m.id)
        self.saved.emit(m.id)
        return True

    # -- convocation ---------------------------------------------------------------------------------
    def _export(self, write, what: str, suffix: str, path: str | None) -> str | None:
        if self.meeting is None or self.meeting.id is None:
            return None
        return export_meeting_document(self, self.ctx, self.meeting.id, self.convocation_message, write, what, suffix,
                                       path or None)

    def export_letter_pdf(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.convocation_pdf, "Convocation", ".pdf", path)

    def export_letter_docx(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.convocation_docx, "Convocation", ".docx", path)

    def export_ics(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.ics, "Invitation", ".ics", path)

    def send_by_mail(self, with_pack: bool | None = None) -> bool:
        """Prepare the convocation message (.eml) and open it in the mail program; with none, save it where the
        secretary chooses. Nothing is recorded: « Confirmer l'envoi » does that once the message has left."""
        if self.meeting is None or self.meeting.id is None:
            return False
        meeting_id = self.meeting.id
        with_pack = self.with_pack_check.isChecked() if with_pack is None else with_pack
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            documents = self.ctx.workspace.documents
            draft = mail_folder() / safe_name(documents.mail_name(meeting_id))
            mail = documents.convocation_mail(meeting_id, draft, with_pack=with_pack)
        except DomainError as err:
            show_message(self.convocation_message, str(err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if self.open_url(QUrl.fromLocalFile(str(draft))):
            show_info(self.convocation_message, "Le message est ouvert dans votre messagerie : vérifiez-le et "
                                                "envoyez-le, puis cliquez « Confirmer l'envoi ». " + mail.summary())
            return True
        path = self.ask_mail_path(draft.name)
        if not path:
            show_message(self.convocation_message, "Aucune messagerie n'a pu ouvrir le message et il n'a pas été "
                                                   "enregistré : rien n'est envoyé.")
            return False
        try:
            write_bytes(path, draft.read_bytes())
        except DomainError as err:
            show_message(self.convocation_message, str(err))
            return False
        show_info(self.convocation_message, f"Aucune messagerie ne s'est ouverte : le message est enregistré dans "
                                            f"« {path} ». Ouvrez-le avec votre messagerie, envoyez-le, puis cliquez "
                                            f"« Confirmer l'envoi ». " + mail.summary())
        return True

    def _ask_mail_path(self, default_name: str) -> str | None:
        return ask_save_path(self, self.ctx.settings, "Enregistrer le message de convocation", default_name)

    def confirm_sent(self) -> bool:
        """The secretary confirms the convocation was sent: the date is recorded, the meeting is « Convoquée »."""
        if self.meeting is None or self.meeting.id is None:
            return False
        meeting_id = self.meeting.id
        try:
            meeting_step(self.ctx, "Envoi de la convocation", meeting_id,
                         lambda: self.ctx.workspace.meetings.mark_convocation_sent(meeting_id))
        except DomainError as err:
            show_message(self.convocation_message, str(err))
            return False
        self.load(meeting_id)
        show_info(self.convocation_message, f"Convocation notée comme envoyée le {format_date(self.ctx.today)}.")
        self.saved.emit(meeting_id)
        return True


def mail_folder() -> Path:
    """Where the drafts handed to the mail program are written (the system's temporary folder)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)) / "CRTE Desktop"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
