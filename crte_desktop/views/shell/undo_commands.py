"""Undo/redo: one step per user action, replayed through the same services as the action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from crte_desktop.domain.errors import DomainError
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
        self._version: int | None = None  # the action's version after this step's last redo/undo

    def redo(self) -> None:
        saved = self.after.copy()
        if self._version is not None:
            saved.action.row_version = self._version
        if not _refused(lambda: self.service.save(saved, undoing=self._version is not None), self):
            self.after = saved  # keeps the ids given at the first save, so undo/redo reuse them
            self._version = saved.action.row_version

    def undo(self) -> None:
        if self.before is None:
            _refused(lambda: self.service.delete(self.after.action.id, expected_version=self._version), self)
        else:
            before = self.before.copy()
            before.action.row_version = self._version if self._version is not None else before.action.row_version
            if not _refused(lambda: self.service.save(before, undoing=True), self):
                self._version = before.action.row_version


def _refused(step: Callable[[], object], command: QUndoCommand) -> bool:
    """Run an undo/redo step; a refusal (the fiche changed elsewhere since: it would be overwritten) drops
    the command from the stack and is told to the user. True when refused."""
    try:
        step()
    except DomainError as err:
        from PySide6.QtWidgets import QApplication

        from crte_desktop.views.shell.file_actions import open_warning

        command.setObsolete(True)
        open_warning(QApplication.activeWindow(), str(err), "Annulation impossible")
        return True
    return False


class DeleteActionCommand(QUndoCommand):
    def __init__(self, service: ActionService, action_id: int, reference: str):
        super().__init__(f"Suppression de l'action {reference}")
        self.service = service
        self.action_id = action_id
        self.snapshot: ActionBundle | None = None
        self._restored_version: int | None = None

    def redo(self) -> None:
        if self.snapshot is None:  # the first time: the user's own deletion
            self.snapshot = self.service.delete(self.action_id)
            return
        version = self.service.actions.version(self.action_id)
        _refused(lambda: self.service.delete(self.action_id, expected_version=self._restored_version
                                             if version is not None else None), self)

    def undo(self) -> None:
        if self.snapshot is not None and not _refused(lambda: self.service.restore(self.snapshot), self):
            self._restored_version = self.service.actions.version(self.action_id)


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
