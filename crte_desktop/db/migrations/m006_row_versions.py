"""Schema 6: a version on every record two windows may edit at once (issue 9.1)."""

import sqlite3

# the tables whose rows get a ``row_version`` (action, financing, indicator, committee and meeting have one)
VERSIONED_TABLES = ("contract", "section", "organisation", "person", "agenda_item")


def migrate(conn: sqlite3.Connection) -> None:
    """Version 6: ``row_version`` on contracts, sections, organisations, persons and agenda items, as actions,
    financing lines, indicators, committees and meetings have since schema 1. Every write increases it; a save
    or an undo over a record whose version moved since it was loaded (another window, a colleague on a
    share whose locks lie) is refused instead of silently overwriting the other change. Existing rows start
    at version 1."""
    for table in VERSIONED_TABLES:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
