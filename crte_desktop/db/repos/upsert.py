"""The one way a repository writes an aggregate's own row: insert it or update it, then record its history.

An object without a stored row is inserted: with its own id when it has one (an undo puts a deleted record
back with the same id), else with a new id (from the id sequence for the tables in ``db/ids.py``, so that a
deleted id is never given again). An object with a stored row is updated only when a field changed,
its ``row_version`` increased when the table has one. Inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from crte_desktop.db.ids import SEQUENCED_TABLES, claim_id


def writing(store) -> sqlite3.Connection:
    """The connection a repository writes with, inside its caller's transaction: a repository never opens
    one (the service does, so that a refusal later in the same user action takes back all it wrote)."""
    if not store.in_transaction:
        raise RuntimeError("a repository writes inside its caller's transaction (with store.transaction(): …)")
    return store.conn


def bump_version(conn: sqlite3.Connection, table: str, record_id: int) -> int:
    """A change of a record outside its own row (a contract's signatories, a section renumbered…): its
    ``row_version`` moves. Returns the new version."""
    conn.execute(f"UPDATE {table} SET row_version = row_version + 1 WHERE id = ?", (record_id,))
    return conn.execute(f"SELECT row_version FROM {table} WHERE id = ?", (record_id,)).fetchone()[0]


def upsert_with_history(conn: sqlite3.Connection, table: str, columns: Sequence[str], values: Sequence, record,
                        old, *, changed: Callable[[], list], record_history: Callable[[list], None],
                        versioned: bool = False, insert_extra: dict[str, object] | None = None,
                        force: bool = False) -> bool:
    """Write ``record`` (whose ``id`` is None or its id) to ``table``; ``old`` is the stored version (None:
    no row yet). ``changed()`` lists the changed fields as history rows (``(field, old, new)``) and
    ``record_history(rows)`` writes them; an insert passes its rows too (the caller's « création »).
    ``insert_extra``: columns written only when inserting (a position, a uuid…); ``force``: update even
    when no field of the history changed. Returns True when something was written; ``record.id`` (and
    ``record.row_version``) then hold the stored values."""
    if old is None:
        extra = insert_extra or {}
        names = [*columns, *extra, "id"]
        new_id = claim_id(conn, table, record.id) if table in SEQUENCED_TABLES else record.id
        row = [*values, *extra.values(), new_id]
        marks = ", ".join("?" * len(names))
        record.id = conn.execute(f"INSERT INTO {table}({', '.join(names)}) VALUES ({marks})", row).lastrowid
        record_history(changed())
        return True
    rows = changed()
    if not rows and not force:
        return False
    assignments = ", ".join(f"{name}=?" for name in columns)
    if versioned:
        assignments += ", row_version = row_version + 1"
    conn.execute(f"UPDATE {table} SET {assignments} WHERE id=?", [*values, record.id])
    if versioned:
        record.row_version = old.row_version + 1
    record_history(rows)
    return True
