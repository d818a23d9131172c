import sqlite3

# The tables sequenced at version 3, frozen here: a table sequenced later (campaign) need not exist yet, and
# ``reserve_ids`` starts a table's sequence above its highest id the first time it gives one.
SEQUENCED_AT_V3 = ("action", "financing", "indicator", "meeting", "committee", "decision", "follow_up", "agenda_item")


def migrate(conn: sqlite3.Connection) -> None:
    """Version 3: identifiers are never reused. The workbook sent to partners names every action,
    financing line and indicator by its id; without this table SQLite gives a deleted row's id to the next
    new row, and a workbook exported before the deletion would then update an unrelated row. ``id_sequence``
    keeps, per table, the highest id ever given (as AUTOINCREMENT would, without rebuilding the tables)."""
    conn.execute("CREATE TABLE id_sequence (name TEXT PRIMARY KEY, last INTEGER NOT NULL)")
    for table in SEQUENCED_AT_V3:
        conn.execute(f"INSERT INTO id_sequence(name, last) SELECT ?, COALESCE(MAX(id), 0) FROM {table}", (table,))
