"""Issue 9 — the kill -9 loop: a process of the application is killed at a random moment (fixed seed) while it
edits fiches, imports a workbook, migrates an older file and takes snapshots, at least 50 times each. After
every kill the data is as before or as after each transaction, never in between; ``check`` finds nothing;
no temporary file is left once the application has opened the file again."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from decimal import Decimal as D
from pathlib import Path

import pytest

from crte_desktop.check.report import check_workspace
from crte_desktop.db import versions
from crte_desktop.db.migrations import LATEST_VERSION
from crte_desktop.db.store import Store
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import fill

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")]
KILLS = 50
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _killed_at_random(rng: random.Random, work, max_delay: float) -> None:
    """Fork a child running ``work()`` (then exiting), kill -9 it after a random delay."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            work()
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0, max_delay))
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _no_stray_file(folder: Path, allowed: set[str]) -> None:
    stray = [p.name for p in folder.iterdir() if p.is_file() and p.name not in allowed
             and not p.name.endswith(".verrou")]
    assert stray == [], stray
    vfolder = [p for p in folder.iterdir() if p.is_dir()]
    for sub in vfolder:
        assert not [p.name for p in sub.iterdir() if p.name.endswith(".tmp")]


def _reopen_and_check(path: Path) -> None:
    with Store.open(path) as store:  # plays a journal back, sweeps temporaries, takes over the stale claim
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    report = check_workspace(path)
    assert report.integrity == [] and report.foreign_keys == []


def test_edits(tmp_path):
    rng = random.Random(9001)
    path = tmp_path / "edits.crte"
    with Store.create(path) as store:
        action_id = fill(store)["action1"]

    def edit_forever():
        with Store.open(path) as store:
            store.auto_snapshots = False
            service = ActionService(store)
            for i in range(1, 10_000):
                fiche = service.load(action_id)
                fiche.action.title = f"Titre {i}"
                fiche.financing[0].planned = D(i * 100)  # the same transaction: both or neither
                service.save(fiche)

    for _ in range(KILLS):
        _killed_at_random(rng, edit_forever, 0.25)
        _reopen_and_check(path)
        with Store.open_read_only(path) as store:
            fiche = ActionService(store).load(action_id)
        if fiche.action.title.startswith("Titre "):
            assert fiche.financing[0].planned == D(int(fiche.action.title.split()[1]) * 100)
        _no_stray_file(tmp_path, {"edits.crte"})


def test_import(tmp_path):
    import openpyxl

    from crte_desktop.demo.builder import write_demo
    from crte_desktop.excel.export import export_workbook
    from crte_desktop.excel.import_apply import apply_import
    from crte_desktop.excel.import_diff import plan_import

    rng = random.Random(9002)
    master = write_demo(tmp_path / "maitre.crte")
    work = tmp_path / "travail"
    work.mkdir()
    path = work / "demo.crte"
    with Store.open(master) as store:
        export_workbook(store, tmp_path / "classeur.xlsx", charts=False)
        titles = [r[0] for r in store.conn.execute("SELECT title FROM action ORDER BY id LIMIT 20")]
    wb = openpyxl.load_workbook(tmp_path / "classeur.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in titles:
                    cell.value = f"{cell.value} (importé)"
    wb.save(tmp_path / "classeur.xlsx")

    def import_once():
        with Store.open(path) as store:
            plan = plan_import(store, tmp_path / "classeur.xlsx")
            apply_import(store, plan)

    for n in range(KILLS):
        if n % 10 == 0:  # start again from the file before the import, now and then
            shutil.rmtree(work)
            work.mkdir()
            shutil.copyfile(master, path)
        _killed_at_random(rng, import_once, 0.8)
        _reopen_and_check(path)
        with Store.open_read_only(path) as store:
            imported = store.conn.execute("SELECT COUNT(*) FROM action WHERE title LIKE '% (importé)'").fetchone()[0]
        assert imported in (0, len(titles))  # the whole import or nothing
        _no_stray_file(work, {"demo.crte"})


def test_migration(tmp_path):
    rng = random.Random(9003)
    fixture = FIXTURES / f"workspace_v{LATEST_VERSION - 1}.crte"
    path = tmp_path / "ancien.crte"

    def migrate_once():
        Store.open(path).close()

    for n in range(KILLS):
        for p in tmp_path.iterdir():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copyfile(fixture, path)
        _killed_at_random(rng, migrate_once, 0.4)
        for backup in (p for p in tmp_path.glob("*.sauvegarde-*") if not p.name.startswith(".")):  # whole, or absent
            conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION - 1
            conn.close()
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError:  # a hot journal: the read-only reader cannot go past it
            version = None
        conn.close()
        assert version in (None, LATEST_VERSION - 1, LATEST_VERSION)  # never in between
        _reopen_and_check(path)
        names = {p.name for p in tmp_path.iterdir() if p.is_file()}
        assert {n for n in names if ".sauvegarde-" not in n and not n.endswith(".verrou")} == {"ancien.crte"}
        _no_stray_file(tmp_path, names - {n for n in names if n.endswith(".tmp")})


def test_snapshots(tmp_path):
    rng = random.Random(9004)
    path = tmp_path / "versions.crte"
    with Store.create(path) as store:
        fill(store)

    def snapshot_forever():
        with Store.open(path) as store:
            for _ in range(200):
                store.snapshot("manuel")

    for _ in range(KILLS):
        _killed_at_random(rng, snapshot_forever, 0.3)
        _reopen_and_check(path)
        for snap in versions.list_snapshots(path):  # every version listed is whole
            conn = sqlite3.connect(f"file:{snap.path}?mode=ro", uri=True)
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            conn.close()
        _no_stray_file(tmp_path, {"versions.crte"})
        assert not [p for p in versions.versions_folder(path).iterdir() if p.name.endswith(".tmp")]
