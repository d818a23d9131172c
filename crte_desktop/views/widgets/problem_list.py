"""A label listing the rule messages: errors in red, warnings in orange."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from crte_desktop.domain.errors import Problem
from crte_desktop.views.widgets.inputs import ERROR_COLOR, WARNING_COLOR


class ProblemList(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._messages: list[str] = []
        self.hide()

    def set_problems(self, problems: list[Problem], extra_errors: list[str] = ()) -> None:
        items = [(m, True) for m in extra_errors]
        items += [(p.message, p.is_error) for p in problems if p.is_error]
        items += [(p.message, False) for p in problems if not p.is_error]
        seen = set()
        lines = []
        self._messages = []
        for message, is_error in items:
            if message in seen:
                continue
            seen.add(message)
            self._messages.append(message)
            color, mark = (ERROR_COLOR, "✖") if is_error else (WARNING_COLOR, "⚠")
            lines.append(f'<div style="color:{color}">{mark} {html.escape(message)}</div>')
        self.setText("".join(lines))
        self.setVisible(bool(lines))

    def messages(self) -> list[str]:
        return list(self._messages)
