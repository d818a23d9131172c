"""SQLite-level integrity of a workspace: page structure and foreign keys (used by ``check``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class ForeignKeyViolation:
    table: str
    rowid: int | None
    parent: str

    @property
    def message(self) -> str:
        return (f"Table « {self.table} », ligne {self.rowid} : elle renvoie à un enregistrement absent "
                f"de la table « {self.parent} ».")


def integrity_errors(conn: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; an empty list when the file is sound."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def foreign_key_violations(conn: sqlite3.Connection) -> list[ForeignKeyViolation]:
    """Every row pointing to a missing parent (``PRAGMA foreign_key_check``)."""
    return [ForeignKeyViolation(r[0], r[1], r[2]) for r in conn.execute("PRAGMA foreign_key_check")]
