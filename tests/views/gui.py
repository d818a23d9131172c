"""Helpers of the GUI tests: an application context over a workspace, and typing accented text."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from crte_desktop.views.shell.context import AppContext
from tests.views.shell_workspace import settings_at


@contextmanager
def app_context(store, tmp_path, today: date | None = None):
    """An AppContext over ``store``, its settings in a file of the test's own; afterwards the undo stack is
    cleared and the change bus detached."""
    context = AppContext.create(store, settings_at(tmp_path))
    if today is not None:
        context.today = today
    yield context
    context.undo_stack.clear()
    context.bus.detach()


def type_text(widget, text: str) -> None:
    """Type ``text`` one key event per character (qtbot.keyClicks aborts on accents and €)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
