"""Reading a workspace or one of its versions for the comparison of versions: every action, financing line
and meeting with a readable label and its stored content (any schema version: columns are read as they are)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from crte_desktop.db.store import Store
from crte_desktop.db.versions import version_connection

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


def _labelled(conn: sqlite3.Connection, kind: str) -> dict[int, tuple[str, dict]]:
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


def labelled_rows(store: Store, kind: str) -> dict[int, tuple[str, dict]]:
    """{id: (label, {column: value})} for ``kind`` ("actions", "financing", "meetings") of the open workspace."""
    return _labelled(store.conn, kind)


def version_labelled_rows(snapshot: Path, kinds: Iterable[str]) -> dict[str, dict[int, tuple[str, dict]]]:
    """``labelled_rows`` of each of ``kinds`` in the version file ``snapshot``, read-only (any schema version:
    a kind whose table the file has not yet is empty)."""
    with version_connection(snapshot) as conn:
        return {kind: _labelled(conn, kind) for kind in kinds}
