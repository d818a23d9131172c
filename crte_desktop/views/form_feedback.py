"""Showing broken rules beside the fields of a form, and refusals in a message line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crte_desktop.domain.errors import Problem

ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8a5a00;"


def message_label(parent: QWidget | None = None) -> QLabel:
    """A wrapped label for one or more French messages, hidden while empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def show_message(label: QLabel, text: str, level: str = "error") -> None:
    label.setStyleSheet(ERROR_STYLE if level == "error" else WARNING_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


class FieldErrors:
    """One message label per field name; ``show`` puts each problem beside its field.

    Problems whose field has no label go to the ``general`` label."""

    def __init__(self, general: QLabel | None = None):
        self.labels: dict[str, QLabel] = {}
        self.general = general

    def wrap(self, name: str, widget: QWidget) -> QWidget:
        """The field with its message label underneath, to put in a form layout."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = message_label(box)
        layout.addWidget(label)
        self.labels[name] = label
        return box

    def show(self, problems: list[Problem]) -> bool:
        """Display the problems; True when none is an error."""
        per_field: dict[str, list[Problem]] = {}
        rest: list[Problem] = []
        for p in problems:
            (per_field.setdefault(p.field, []) if p.field in self.labels else rest).append(p)
        for name, label in self.labels.items():
            _show_problems(label, per_field.get(name, []))
        if self.general is not None:
            _show_problems(self.general, rest)
        return not any(p.is_error for p in problems)

    def text(self, name: str) -> str:
        return self.labels[name].text()


def _show_problems(label: QLabel, problems: list[Problem]) -> None:
    level = "error" if any(p.is_error for p in problems) else "warning"
    show_message(label, "\n".join(p.message for p in problems), level)
