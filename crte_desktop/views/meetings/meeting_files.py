"""Choosing where to write a meeting document (the last folder used is remembered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from crte_desktop.domain.errors import DomainError
from crte_desktop.meetings.document_data import meeting_header
from crte_desktop.views.widgets.form_feedback import show_message

LAST_DIR_KEY = "meetings/last_dir"

FILTERS = {
    ".pdf": "Document PDF (*.pdf)",
    ".docx": "Document Word (*.docx)",
    ".ics": "Invitation iCalendar (*.ics)",
    ".eml": "Message électronique (*.eml)",
    ".xlsx": "Classeur Excel (*.xlsx)",
}


def ask_save_path(parent: QWidget | None, settings, title: str, default_name: str) -> str | None:
    """A save dialog proposing ``default_name`` (whose suffix gives the file type); None when cancelled."""
    suffix = Path(default_name).suffix.lower()
    start = Path(str(settings.value(LAST_DIR_KEY, "") or Path.home())) / safe_name(default_name)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), FILTERS.get(suffix, ""))
    if not path:
        return None
    if suffix and not path.lower().endswith(suffix):
        path += suffix
    settings.setValue(LAST_DIR_KEY, str(Path(path).parent))
    return path


def safe_name(name: str) -> str:
    """A file name without the characters some systems refuse ("/", ":"…)."""
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name)


def show_info(label, text: str) -> None:
    """A message that reports success (green), in a label made by ``form_feedback.message_label``."""
    label.setStyleSheet("color: #1b5e20;")
    label.setText(text)
    label.setVisible(bool(text))


def export_meeting_document(parent: QWidget, ctx, meeting_id: int, message: QLabel, write, what: str, suffix: str,
                            path: str | None = None) -> str | None:
    """Write a document of the meeting with ``write(store, meeting_id, path)``; without ``path``, ask where,
    proposing "``what`` COPIL 2024-03-12``suffix``". The outcome (or the refusal) is shown in ``message``.
    Returns the path written, None when cancelled or refused."""
    if path is None:
        h = meeting_header(ctx.store, meeting_id)
        path = ask_save_path(parent, ctx.settings, what, f"{what} {h.committee.short_label} "
                                                         f"{h.meeting.date.isoformat()}{suffix}")
    if not path:
        return None
    try:
        write(ctx.store, meeting_id, path)
    except DomainError as err:
        show_message(message, str(err))
        return None
    show_info(message, f"Écrit : {path}")
    return path
