"""Choosing where to write a meeting document (the last folder is remembered per kind of document) and
saying where it went, with « Ouvrir » / « Ouvrir le dossier »."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from crte_desktop.domain.errors import DomainError
from crte_desktop.views.widgets.export_files import (  # noqa: F401 - safe_name: for the callers
    ask_export_path, remember_dir, safe_name, show_written)
from crte_desktop.views.widgets.form_feedback import show_message

FILTERS = {
    ".pdf": "Document PDF (*.pdf)",
    ".docx": "Document Word (*.docx)",
    ".ics": "Invitation iCalendar (*.ics)",
    ".eml": "Message électronique (*.eml)",
    ".xlsx": "Classeur Excel (*.xlsx)",
}


def ask_save_path(parent: QWidget | None, settings, title: str, default_name: str) -> str | None:
    """A save dialog proposing ``default_name`` (whose suffix gives the file type) in the last folder used for
    this kind of document (``title``: "Convocation", "Dossier de séance"…); None when cancelled."""
    suffix = Path(default_name).suffix.lower()
    return ask_export_path(parent, settings, title, title, default_name, FILTERS.get(suffix, ""))


def show_info(label, text: str, path: str | None = None) -> None:
    """A message that reports success (green), in a label made by ``form_feedback.message_label``; with
    ``path``, followed by « Ouvrir » and « Ouvrir le dossier »."""
    if path:
        show_written(label, text, path)
        return
    label.setStyleSheet("color: #1b5e20;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setVisible(bool(text))


def export_meeting_document(parent: QWidget, ctx, meeting_id: int, message: QLabel, write, what: str, suffix: str,
                            path: str | None = None) -> str | None:
    """Write a document of the meeting with ``write(meeting_id, path)`` (a method of ``Workspace.documents``); without ``path``, ask where,
    proposing "``what`` COPIL 2024-03-12``suffix``". The outcome (or the refusal) is shown in ``message``.
    Returns the path written, None when cancelled or refused."""
    if path is None:
        h = ctx.workspace.documents.header(meeting_id)
        path = ask_save_path(parent, ctx.settings, what, f"{what} {h.committee.short_label} "
                                                         f"{h.meeting.date.isoformat()}{suffix}")
    if not path:
        return None
    try:
        write(meeting_id, path)
    except DomainError as err:
        show_message(message, str(err))
        return None
    remember_dir(ctx.settings, what, path)
    show_info(message, f"Écrit : {path}", path)
    return path
