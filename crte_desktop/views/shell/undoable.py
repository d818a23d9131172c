"""Running one user edit through a service, then recording it as one undo step.

The edit runs first, outside the stack: a refusal (DomainError) reaches the caller and nothing is
pushed. The pushed command does not run it again; undo and redo then call the same service methods."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel

from crte_desktop.domain.errors import DomainError
from crte_desktop.views.shell.file_actions import open_warning
from crte_desktop.views.widgets.form_feedback import show_message
from crte_desktop.views.shell.undo_commands import CallbackCommand


class DoneCommand(CallbackCommand):
    """An edit already done when pushed: the first ``redo`` (run by ``QUndoStack.push``) does nothing.
    A replay the workspace can no longer follow drops the step and says why."""

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object]):
        super().__init__(text, do, undo)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._replay(super().redo)

    def undo(self) -> None:
        self._replay(super().undo)

    def _replay(self, step: Callable[[], None]) -> None:
        # The workspace moved on in a way this step cannot follow (e.g. edited elsewhere):
        # say why and drop the step rather than leave a half-applied undo.
        try:
            step()
        except DomainError as err:
            self.setObsolete(True)
            open_warning(QApplication.activeWindow(), str(err), "Annulation impossible")  # not blocking: inside undo()


def run_step(stack: QUndoStack, text: str, do: Callable[[], object], undo: Callable[[], object]):
    """Run ``do`` now; if it succeeds, push one undo step "``text``". Returns what ``do`` returned."""
    result = do()
    stack.push(DoneCommand(text, do, undo))
    return result


def run_step_or_show(stack: QUndoStack, message: QLabel, text: str, do: Callable[[], object],
                     undo: Callable[[], object]) -> bool:
    """``run_step``, with a refusal shown in ``message`` (a ``form_feedback.message_label``) instead of raised.
    True when the edit was done."""
    try:
        run_step(stack, text, do, undo)
    except DomainError as err:
        show_message(message, str(err))
        return False
    return True
