"""The versions of the open workspace as the window uses them (Fichier → Versions antérieures…), reached
through ``Workspace.versions``: list, compare with today, restore whole or one deleted action, write one out."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.db import versions
from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.versions.compare import Comparison, compare_with_today
from crte_desktop.versions.restore import deleted_actions, restore_action, restore_whole

RETENTION = versions.RETENTION


class VersionsService:
    def __init__(self, store: Store):
        self.store = store

    @property
    def folder(self) -> Path:
        return versions.versions_folder(self.store.path)

    def snapshots(self) -> list[versions.Snapshot]:
        return versions.list_snapshots(self.store.path)

    def compare_with_today(self, snap: versions.Snapshot) -> Comparison:
        return compare_with_today(self.store, snap.path)

    def restore_whole(self, snap: versions.Snapshot) -> Changes:
        return restore_whole(self.store, snap)

    def deleted_actions(self, snap: versions.Snapshot) -> list[tuple[int, str]]:
        return deleted_actions(self.store, snap)

    def restore_action(self, snap: versions.Snapshot, action_id: int) -> Changes:
        return restore_action(self.store, snap, action_id)

    def write_out(self, snap: versions.Snapshot, out: Path | str) -> tuple[versions.Snapshot, Path]:
        """The version as a new workspace file ``out`` (the open one untouched)."""
        return versions.restore_to(self.store.path, snap.ident, out)
