"""Choosing where to write a meeting document (the last folder used is remembered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

LAST_DIR_KEY = "meetings/last_dir"

FILTERS = {
    ".pdf": "Document PDF (*.pdf)",
    ".docx": "Document Word (*.docx)",
    ".ics": "Invitation iCalendar (*.ics)",
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
