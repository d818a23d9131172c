"""Issue 9.3 — a journal left by a crash: played back when the application opens the file, read past (in a
private copy) by read-only commands, and set aside — never played back — when it belongs to another file
(yesterday's copy put back in place)."""

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from crte_desktop.check.report import check_workspace
from crte_desktop.db.journal import belongs, has_journal, journal_path
from crte_desktop.db.store import Store
from crte_desktop.db.versions import versions_folder
from tests.fixtures.make_fixtures import fill

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _crash_during_write(path, title="à moitié écrit"):
    """Another process of the application starts a large write (spilling pages into the file) and is
    killed before committing."""
    code = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {ROOT!r})
        from crte_desktop.db.claim import claim_path
        from crte_desktop.db.store import Store
        s = Store.open({str(path)!r})
        s.auto_snapshots = False
        s.conn.execute("PRAGMA cache_size = 1")
        with s.transaction() as c:
            c.execute("UPDATE action SET title = ?", ({title!r},))
            c.executemany("INSERT INTO history(at, user, entity, entity_id, field)"
                          " VALUES ('2026-01-01', 'x', 'e', 1, ?)", [(str(i) * 50,) for i in range(3000)])
            claim_path({str(path)!r}).unlink()
            os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", code])
    assert has_journal(path)


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "contrat.crte"
    with Store.create(p) as store:
        fill(store)
    return p


def _titles(path):
    with Store.open_read_only(path) as s:
        return sorted(r[0] for r in s.conn.execute("SELECT title FROM action"))


def test_opening_plays_the_journal_back_and_says_so(path):
    titles = _titles(path)
    _crash_during_write(path)
    with Store.open(path) as store:
        assert any("remis dans son dernier état enregistré" in n for n in store.notices)
    assert not journal_path(path).exists()
    assert _titles(path) == titles
    assert check_workspace(path).integrity == []


def test_read_only_commands_work_with_a_leftover_journal_and_touch_nothing(path, digest):
    titles = _titles(path)
    _crash_during_write(path)
    before = digest(path), digest(journal_path(path))
    report = check_workspace(path)
    assert report.integrity == [] and report.action_count == 2
    assert _titles(path) == titles
    assert (digest(path), digest(journal_path(path))) == before


def test_a_journal_of_another_file_is_set_aside_not_played_back(path, tmp_path):
    yesterday = tmp_path / "hier.crte"
    shutil.copyfile(path, yesterday)  # yesterday's copy, on the USB key
    with Store.open(path) as store:  # today's work…
        store.conn.execute("UPDATE action SET title = 'travail du jour'")
    _crash_during_write(path)  # … then a crash
    shutil.copyfile(yesterday, path)  # the secretary puts yesterday's copy back in place
    assert has_journal(path) and not belongs(path)
    with Store.open(path) as store:  # the journal is not replayed into yesterday's copy
        assert any("mis de côté" in n for n in store.notices)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not journal_path(path).exists()
    assert [p.name for p in versions_folder(path).iterdir() if p.name.startswith("journal-écarté")]
    assert "travail du jour" not in _titles(path)
    assert check_workspace(path).integrity == []


def test_replaying_that_journal_would_have_damaged_the_copy(path, tmp_path):
    """The failure measured in issue 9, reproduced without the fix: SQLite alone plays it back."""
    yesterday = tmp_path / "hier.crte"
    shutil.copyfile(path, yesterday)
    with Store.open(path) as store:
        store.conn.executemany("INSERT INTO history(at, user, entity, entity_id, field) VALUES ('x','x','e',1,?)",
                               [(str(i) * 80,) for i in range(2000)])
    _crash_during_write(path)
    shutil.copyfile(yesterday, path)
    conn = sqlite3.connect(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        result = ["malformed"]
    finally:
        conn.close()
    assert result != [("ok",)]


def test_read_only_folder_with_a_journal_still_reads(path, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes everywhere")
    _crash_during_write(path)
    os.chmod(tmp_path, 0o555)
    try:
        assert check_workspace(path).integrity == []
    finally:
        os.chmod(tmp_path, 0o755)
