"""A write cut short (application killed, power cut) leaves a "-journal" beside the workspace.
Opening it again must restore the last saved state, not call the file damaged."""

import subprocess
import sys

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.store import Store
from tests.fixtures.make_fixtures import fill

CRASH = """
import os, sys
from crte_desktop.db.store import Store
store = Store.open(sys.argv[1])
store.conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file before the commit
store.conn.execute("BEGIN IMMEDIATE")
store.conn.execute("UPDATE action SET title = 'INTERROMPU ' || title")
store.conn.execute("CREATE TABLE bourrage(x)")
store.conn.executemany("INSERT INTO bourrage VALUES (?)", [(bytes(1000),) for _ in range(2000)])
os._exit(0)  # killed before COMMIT
"""


def test_workspace_opens_after_a_write_was_cut_short(tmp_path):
    path = tmp_path / "Douaisis.crte"
    with Store.create(path) as store:
        fill(store)
        titles = sorted(a.title for a in ActionRepository(store).all())
    out = subprocess.run([sys.executable, "-c", CRASH, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    journal = tmp_path / "Douaisis.crte-journal"
    assert journal.exists()  # the interrupted transaction is still pending
    with Store.open(path) as store:
        assert sorted(a.title for a in ActionRepository(store).all()) == titles
        assert store.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bourrage'").fetchone()[0] == 0
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not journal.exists()
