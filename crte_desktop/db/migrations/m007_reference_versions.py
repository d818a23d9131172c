"""Schema 7: a version on the reference data two windows may edit at once (issue 9.1)."""

import sqlite3

# the reference tables whose rows get a ``row_version`` (the « Données de référence » window edits them)
VERSIONED_TABLES = ("funder", "scheme", "fonds_vert_mesure")


def migrate(conn: sqlite3.Connection) -> None:
    """Version 7: ``row_version`` on funders, schemes and Fonds vert mesures, as on the records of schema 6.
    Every write increases it; a save, a deletion or an undo over a funder, a scheme or a mesure whose version
    moved since it was loaded is refused instead of silently overwriting the other change. Existing rows
    start at version 1."""
    for table in VERSIONED_TABLES:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
