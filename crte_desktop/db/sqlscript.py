"""Running a multi-statement SQL script inside the current transaction."""

import sqlite3


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute SQL statements one by one (``executescript`` would commit the transaction first)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)
