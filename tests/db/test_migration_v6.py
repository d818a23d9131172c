"""Schema 6 (m006): contracts, sections, organisations, persons and agenda items carry a ``row_version``
(issue 9.1); the schema-5 fixture keeps every record, starts each at version 1, and is backed up first."""

from __future__ import annotations

import shutil
from pathlib import Path

from crte_desktop.db.migrations.m006_row_versions import VERSIONED_TABLES
from crte_desktop.db.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "workspace_v5.crte"


def _count(conn, table: str) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_schema_5_fixture_migrates_with_a_version_on_every_editable_record(tmp_path):
    path = tmp_path / "espace.crte"
    shutil.copy(FIXTURE, path)
    with Store.open(path) as store:
        conn = store.conn
        assert store.version >= 6
        assert set(VERSIONED_TABLES) == {"contract", "section", "organisation", "person", "agenda_item"}
        for table in VERSIONED_TABLES:
            columns = {r[1]: r for r in conn.execute(f"PRAGMA table_info({table})")}
            assert "row_version" in columns, table
            assert columns["row_version"][3] == 1  # NOT NULL
        assert [r[0] for r in conn.execute("SELECT DISTINCT row_version FROM contract")] == [1]
        assert _count(conn, "contract") == 1 and _count(conn, "section") == 2 and _count(conn, "organisation") == 3
        assert conn.execute("SELECT COUNT(*) FROM organisation WHERE row_version = 1").fetchone()[0] == 3
        assert _count(conn, "action") == 2
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.backup is not None and store.backup.read_bytes() == FIXTURE.read_bytes()


def test_a_new_workspace_gives_version_1_to_new_rows(tmp_path):
    with Store.create(tmp_path / "neuf.crte") as store:
        with store.transaction() as c:
            c.execute("INSERT INTO organisation(name, kind) VALUES ('Douai', 'commune')")
        assert store.conn.execute("SELECT row_version FROM organisation").fetchone()[0] == 1
