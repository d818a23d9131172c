"""Rows read by column name (``row["reference"]``), for repositories that map rows to domain objects:
a column added to a SELECT cannot shift the others."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def named_rows(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


def named_row(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> sqlite3.Row | None:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchone()
