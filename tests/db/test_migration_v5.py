"""Schema 5 (m005): green thresholds seeded with the 2024 values, deposit deadlines and campaigns empty;
the schema-4 fixture keeps every record, and is backed up before it is migrated."""

from __future__ import annotations

import shutil
from pathlib import Path

from crte_desktop.db.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "workspace_v4.crte"


def test_schema_4_fixture_migrates_with_thresholds_and_empty_tables(tmp_path):
    path = tmp_path / "espace.crte"
    shutil.copy(FIXTURE, path)
    with Store.open(path) as before_check:
        assert before_check.version >= 5
        conn = before_check.conn
        thresholds = conn.execute(
            "SELECT s.name, t.first_year, t.percent FROM green_threshold t JOIN scheme s ON s.id = t.scheme_id"
            " ORDER BY t.percent DESC").fetchall()
        assert thresholds == [("DSIL", 2024, 30), ("DSID", 2024, 25), ("DETR", 2024, 20), ("FNADT", 2024, 15)]
        assert conn.execute("SELECT COUNT(*) FROM deposit_deadline").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM campaign").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 2
        assert "2024" in conn.execute("SELECT value FROM meta WHERE key = 'source.green_thresholds'").fetchone()[0]
        assert before_check.backup is not None and before_check.backup.read_bytes() == FIXTURE.read_bytes()
