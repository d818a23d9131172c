"""Schema 7 (m007): funders, schemes and Fonds vert mesures — the reference data — carry a ``row_version``
(issue 9.1); the schema-6 fixture keeps every record, starts each at version 1, and is backed up first."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from crte_desktop.db.migrations.m007_reference_versions import VERSIONED_TABLES
from crte_desktop.db.store import Store
from crte_desktop.editing.directory import DirectoryService

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "workspace_v6.crte"


def _count(store: Store, table: str, where: str = "") -> int:
    return store.conn.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0]


def test_schema_6_fixture_migrates_with_a_version_on_every_reference_record(tmp_path):
    with closing(sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)) as fixture:
        before = {t: fixture.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in VERSIONED_TABLES}
        assert fixture.execute("PRAGMA user_version").fetchone()[0] == 6
    path = tmp_path / "espace.crte"
    shutil.copy(FIXTURE, path)
    with Store.open(path) as store:
        assert store.version >= 7
        assert set(VERSIONED_TABLES) == {"funder", "scheme", "fonds_vert_mesure"}
        for table in VERSIONED_TABLES:
            columns = {r[1]: r for r in store.conn.execute(f"PRAGMA table_info({table})")}
            assert "row_version" in columns, table
            assert columns["row_version"][3] == 1  # NOT NULL
            assert _count(store, table) == before[table] > 0
            assert _count(store, table, "WHERE row_version = 1") == before[table]
        assert _count(store, "action") == 2 and _count(store, "financing") == 4
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.backup is not None and store.backup.read_bytes() == FIXTURE.read_bytes()
        service = DirectoryService(store)
        assert {f.row_version for f in service.funders()} == {1}
        assert {m.row_version for m in service.national.mesures()} == {1}


def test_every_change_of_reference_data_moves_its_version(tmp_path):
    with Store.create(tmp_path / "neuf.crte") as store:
        service = DirectoryService(store)
        funder = service.funders()[0]
        funder.short_name = "Autre sigle"
        service.save_funder(funder)
        assert funder.row_version == 2 == service.funders()[0].row_version
        scheme = service.schemes(funder.id)[0]
        scheme.lapse_months = 24 if scheme.lapse_months != 24 else 36
        service.save_scheme(scheme)
        assert scheme.row_version == 2 == service.schemes(funder.id)[0].row_version
        mesure = service.national.mesures()[0]
        mesure.last_year = 2030
        service.save_mesure(mesure)
        assert mesure.row_version == 2 == service.national.mesure(mesure.id).row_version
        service.save_mesure(mesure)  # nothing changed: the version stays
        assert service.national.mesure(mesure.id).row_version == 2
