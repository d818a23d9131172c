"""Identifiers that are never given twice (see migrations/m003_id_sequence.py)."""

from __future__ import annotations

import sqlite3

# Tables whose ids leave the application (workbook rows, command line) and must never be reused.
SEQUENCED_TABLES = ("action", "financing", "indicator", "meeting", "committee", "decision",
                    "follow_up", "agenda_item", "campaign")


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """A new id for ``table``: above every id it holds and every id it ever gave. Inside a transaction."""
    if table not in SEQUENCED_TABLES:
        raise ValueError(table)
    return reserve_ids(conn, table, 1)[0]


def reserve_ids(conn: sqlite3.Connection, table: str, count: int) -> range:
    """``count`` new ids for ``table`` at once (bulk inserts), as ``next_id`` would give them one by one.
    A table outside the sequence (e.g. ``organisation``) gets the ids SQLite itself would give. Inside a
    transaction; ``table`` is one of the schema's names, never user input."""
    highest = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    if table not in SEQUENCED_TABLES:
        return range(highest + 1, highest + 1 + max(count, 0))
    if count <= 0:
        return range(0)
    last = conn.execute("SELECT last FROM id_sequence WHERE name = ?", (table,)).fetchone()
    first = max(last[0] if last else 0, highest) + 1
    conn.execute("INSERT INTO id_sequence(name, last) VALUES (?, ?)"
                 " ON CONFLICT(name) DO UPDATE SET last = excluded.last", (table, first + count - 1))
    return range(first, first + count)


def claim_id(conn: sqlite3.Connection, table: str, given: int | None) -> int:
    """``given`` when a row is put back with its old id (undo), else a new one."""
    return given if given is not None else next_id(conn, table)
