"""Undo/redo: one step per user action, replayed through the same services as the action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from crte_desktop.editing.actions import ActionBundle, ActionService


class SaveActionCommand(QUndoCommand):
    """Saving the action form (creation when ``before`` is None).

    Validate before pushing: ``QUndoStack.push`` runs ``redo`` at once."""

    def __init__(self, service: ActionService, before: ActionBundle | None, after: ActionBundle):
        verb = "Création" if before is None else "Modification"
        super().__init__(f"{verb} de l'action {after.action.reference}")
        self.service = service
        self.before = before.copy() if before else None
        self.after = after.copy()

    def redo(self) -> None:
        saved = self.after.copy()
        self.service.save(saved)
        self.after = saved  # keeps the ids given at the first save, so undo/redo reuse them

    def undo(self) -> None:
        if self.before is None:
            self.service.delete(self.after.action.id)
        else:
            self.service.save(self.before.copy())


class DeleteActionCommand(QUndoCommand):
    def __init__(self, service: ActionService, action_id: int, reference: str):
        super().__init__(f"Suppression de l'action {reference}")
        self.service = service
        self.action_id = action_id
        self.snapshot: ActionBundle | None = None

    def redo(self) -> None:
        self.snapshot = self.service.delete(self.action_id)

    def undo(self) -> None:
        if self.snapshot is not None:
            self.service.restore(self.snapshot)


class CallbackCommand(QUndoCommand):
    """Any other edit: ``do`` and ``undo`` call the same repository/service methods as the form."""

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object]):
        super().__init__(text)
        self._do = do
        self._undo = undo

    def redo(self) -> None:
        self._do()

    def undo(self) -> None:
        self._undo()
