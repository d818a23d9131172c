"""The one Qt adapter of undo: a ``Step`` (editing/steps.py, built by the services) on the QUndoStack.

The operation runs first, through its service, outside the stack: a refusal (DomainError) reaches the
caller and nothing is pushed. The pushed step is already done: the stack's first ``redo`` (run by
``QUndoStack.push``) does nothing; « Annuler » and « Rétablir » then call the step's ``undo`` and ``redo``,
the same service methods. See docs/architecture.md, "Undo"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.steps import Step
from crte_desktop.views.shell.file_actions import open_warning
from crte_desktop.views.widgets.form_feedback import show_message


CHANGED_ELSEWHERE_TITLE = "Modifié par ailleurs"


class StepCommand(QUndoCommand):
    """A step already done when pushed. A replay the workspace can no longer follow (e.g. the record was
    changed elsewhere) drops the step and says why, rather than leave a half-applied undo."""

    def __init__(self, step: Step):
        super().__init__(step.label)
        self.step = step
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push runs redo at once: the step is already done
            self._pushed = True
            return
        self._replay(self.step.redo)

    def undo(self) -> None:
        self._replay(self.step.undo)

    def _replay(self, run: Callable[[], object]) -> None:
        try:
            run()
        except DomainError as err:
            self.setObsolete(True)
            open_warning(QApplication.activeWindow(), str(err), "Annulation impossible")  # not blocking: inside undo()


def push_done(stack: QUndoStack, step: Step) -> None:
    """Record ``step``, whose operation has just run, as one undo step."""
    stack.push(StepCommand(step))


def run_or_show(stack: QUndoStack, message: QLabel, step: Step | Callable[[], Step | None]) -> bool:
    """Run a step a service built (its ``redo``) and push it. ``step`` may be the service call that builds
    it (None: nothing to do). A refusal, building or running, is shown in ``message`` (a
    ``form_feedback.message_label``) instead of raised, and nothing is pushed; a record changed elsewhere
    meanwhile (ConcurrentChangeError) is also said in a box, the typed values staying in the form. True when
    the edit was done."""
    try:
        built = step if isinstance(step, Step) else step()
        if built is None:
            return False
        built.redo()
    except DomainError as err:
        show_message(message, str(err))
        if isinstance(err, ConcurrentChangeError):
            open_warning(message.window(), str(err), CHANGED_ELSEWHERE_TITLE)
        return False
    push_done(stack, built)
    return True

