"""What an undo must put back: every row of every table of a workspace file, read on a connection of its own.

The file's bytes cannot come back as they were (SQLite counts each write in the file's header), so tests of
undo compare this instead of the ``digest`` fixture; refusals still compare the bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def contents(path: Path | str) -> dict[str, list[tuple]]:
    """Table name → its rows, sorted."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def differing_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    """The tables whose rows differ; not ``id_sequence``, which remembers on purpose the ids an undone creation
    took, so that they are never given again (db/ids.py)."""
    return sorted(t for t in before.keys() | after.keys() if t != "id_sequence" and before.get(t) != after.get(t))
