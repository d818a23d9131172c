"""What every window needs, passed explicitly: the open Workspace (its store and every service), the undo
stack, the settings, and the Qt signal that relays the store's change notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from crte_desktop import paths
from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.workspace import Workspace


class StoreBus(QObject):
    """Relays ``Store.notify`` to the GUI as a Qt signal; views refresh from it."""

    changed = Signal(object)  # a db.changes.Changes

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        store.subscribe(self._relay)

    def _relay(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self._store.unsubscribe(self._relay)


@dataclass
class AppContext:
    workspace: Workspace
    undo_stack: QUndoStack
    bus: StoreBus
    settings: QSettings

    @classmethod
    def create(cls, store: Store, settings: QSettings | None = None, parent: QObject | None = None) -> "AppContext":
        workspace = Workspace(store, date.today())
        return cls(workspace=workspace, undo_stack=QUndoStack(parent), bus=StoreBus(store, parent),
                   settings=settings or QSettings(str(paths.settings_file()), QSettings.Format.IniFormat))

    @property
    def store(self) -> Store:
        """The workspace's store, for its path, its change notices and its transactions — never its connection."""
        return self.workspace.store

    @property
    def today(self) -> date:
        return self.workspace.today or date.today()

    @today.setter
    def today(self, value: date) -> None:
        self.workspace.today = value

    def close(self) -> None:
        self.undo_stack.clear()
        self.bus.detach()
        self.workspace.close()
