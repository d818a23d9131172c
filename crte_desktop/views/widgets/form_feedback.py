"""Showing broken rules beside the fields of a form, and refusals in a message line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

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

    Problems whose field has no label go to the ``general`` label.

    A blank new record should not greet the user with "… est obligatoire": after ``start(fresh=True)`` an
    error beside a field waits until that field is edited (a warning, until any field is) or until ``reveal()``
    (the user tried to save). ``start(fresh=False)`` (an existing record) shows every message at once, as
    by default."""

    def __init__(self, general: QLabel | None = None):
        self.labels: dict[str, QLabel] = {}
        self.general = general
        self.touched: set[str] | None = None  # None: every field's messages show
        self._last: list[Problem] = []

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
        self._watch_edits(name, widget)
        return box

    def _watch_edits(self, name: str, widget: QWidget) -> None:
        edits = [widget] if isinstance(widget, (QLineEdit, QComboBox)) else widget.findChildren(QLineEdit)
        for w in edits:
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else w.textChanged
            signal.connect(lambda *_, n=name: self.touch(n))
            if isinstance(w, QComboBox) and w.isEditable():
                w.editTextChanged.connect(lambda *_, n=name: self.touch(n))

    def start(self, fresh: bool) -> None:
        """A record is being shown: a fresh (blank) one keeps its messages until its fields are edited."""
        self.touched = set() if fresh else None

    def touch(self, name: str) -> None:
        if self.touched is not None and name not in self.touched:
            self.touched.add(name)
            self.show(self._last)

    def reveal(self) -> None:
        """The user tried to save: every message shows."""
        self.touched = None
        self.show(self._last)

    def _waiting(self, problem: Problem) -> bool:
        """An error waits for its own field to be edited; a warning (advice, saving stays possible) only for
        the user to start filling the record."""
        if self.touched is None or problem.field not in self.labels or problem.field in self.touched:
            return False
        return problem.is_error or not self.touched

    def show(self, problems: list[Problem]) -> bool:
        """Display the problems (except those still waiting, see ``start``); True when none shown is an error."""
        self._last = list(problems)
        problems = [p for p in problems if not self._waiting(p)]
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
