"""Reading a workspace or one of its versions for the comparison of versions: every action, financing line
and meeting with a readable label and its stored content (any schema version: columns are read as they are)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from crte_desktop.db.errors import translated

_LABELS = {
    "actions": ("action", "SELECT t.id, t.reference || ' — ' || t.title FROM action t"),
    "financing": ("financing",
                  "SELECT t.id, COALESCE(a.reference, '?') || ' — ' || COALESCE(f.name, '?')"
                  " || COALESCE(' ' || t.year, '') FROM financing t LEFT JOIN action a ON a.id = t.action_id"
                  " LEFT JOIN funder f ON f.id = t.funder_id"),
    "meetings": ("meeting",
                 "SELECT t.id, COALESCE(c.name, 'Séance') || ' du ' || t.date FROM meeting t"
                 " LEFT JOIN committee c ON c.id = t.committee_id"),
}
_IGNORED = {"row_version", "position"}


def labelled_rows(conn: sqlite3.Connection, kind: str) -> dict[int, tuple[str, dict]]:
    """{id: (label, {column: value})} for ``kind`` ("actions", "financing", "meetings"); empty when the
    file has no such table (an older schema)."""
    table, label_sql = _LABELS[kind]
    try:
        labels = dict(conn.execute(label_sql).fetchall())
        cursor = conn.execute(f"SELECT * FROM {table}")
    except sqlite3.OperationalError:  # no such table in this version
        return {}
    names = [d[0] for d in cursor.description]
    out = {}
    for row in cursor:
        content = {n: v for n, v in zip(names, row) if n not in _IGNORED}
        out[content["id"]] = (labels.get(content["id"], str(content["id"])), content)
    return out


@contextlib.contextmanager
def version_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a version file (its SQLite errors in French)."""
    with translated(path, "reading a version"):
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()


def restore_into(conn: sqlite3.Connection, snapshot: Path) -> None:
    """Replace the whole content of the workspace open on ``conn`` by the version file ``snapshot`` (checked
    first; then migrated if it is of an older schema)."""
    from crte_desktop.db.store import migrate
    from crte_desktop.domain.errors import DomainError

    with version_connection(snapshot) as source, translated(snapshot, "restoring a version"):
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DomainError(f"La version « {Path(snapshot).name} » est endommagée : elle n'a pas été restaurée.")
        source.backup(conn)
        migrate(conn)
