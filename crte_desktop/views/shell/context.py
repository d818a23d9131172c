"""What every window needs, passed explicitly: the store, the services, the undo stack,
and the Qt signal that relays the store's change notices."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from crte_desktop import paths
from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.editing.actions import ActionService


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
    store: Store
    undo_stack: QUndoStack
    bus: StoreBus
    settings: QSettings
    today: date = field(default_factory=date.today)

    @classmethod
    def create(cls, store: Store, settings: QSettings | None = None, parent: QObject | None = None) -> "AppContext":
        return cls(store=store, undo_stack=QUndoStack(parent), bus=StoreBus(store, parent),
                   settings=settings or QSettings(str(paths.settings_file()), QSettings.Format.IniFormat))

    @property
    def actions(self) -> ActionService:
        return ActionService(self.store)

    def close(self) -> None:
        self.undo_stack.clear()
        self.bus.detach()
        self.store.close()
