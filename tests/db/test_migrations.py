"""Every released schema version has a fixture under tests/fixtures; each is migrated here.

An older file is backed up beside itself, then migrated; a failing migration leaves it at its
previous version with a French message."""

import re
import shutil
import sqlite3
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from crte_desktop.db import store as store_module
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.errors import WorkspaceError
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from crte_desktop.db.store import Store, migrate
from crte_desktop.db.versions import list_snapshots
from tests.fixtures.make_fixtures import fill

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_versions() -> list[int]:
    return sorted(int(re.fullmatch(r"workspace_v(\d+)\.crte", p.name).group(1))
                  for p in FIXTURES.glob("workspace_v*.crte"))


def _version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_schema_version():
    # The newest schema may still be in development: its fixture is written at release time by
    # tests/fixtures/make_fixtures.py. Every older one must be here.
    versions = fixture_versions()
    assert versions == list(range(1, versions[-1] + 1))
    assert versions[-1] >= LATEST_VERSION - 1, "run tests/fixtures/make_fixtures.py for the released version"
    for v in versions:
        assert _version_of(FIXTURES / f"workspace_v{v}.crte") == v


def test_every_migration_says_what_it_changes():
    for step in MIGRATIONS:
        assert step.__doc__ and len(step.__doc__.strip()) > 20, step


def _check_content(store: Store) -> None:
    """The fixture content, read through today's repositories."""
    [contract] = ContractRepository(store).contracts()
    assert contract.name == "CRTE du Douaisis" and contract.level_names == ["Axe", "Orientation"]
    assert contract.signature_date == date(2021, 7, 9)
    sections = ContractRepository(store).sections(contract.id)
    assert [(s.code, s.title) for s in sections] == [("1", "Transition écologique"), ("2", "Cohésion sociale")]
    actions = {a.reference: a for a in ActionRepository(store).for_contract(contract.id)}
    assert sorted(actions) == ["2021-1", "2021-2"]
    a1 = actions["2021-1"]
    assert a1.title == "Requalification de la friche Arc-en-Ciel" and a1.total_cost == D("1200000.00")
    lines = FinancingRepository(store).for_action(a1.id)
    assert [(l.requested, l.granted, l.paid) for l in lines] == [
        (D("500000.00"), D("450000.00"), D("100000.00")), (D("150000.50"), None, None)]
    assert len(FinancingRepository(store).for_action(actions["2021-2"].id)) == 2
    [ind] = IndicatorRepository(store).for_action(a1.id)
    assert ind.name == "Surface de friche requalifiée" and ind.latest.value == 12500.0


@pytest.mark.parametrize("version", fixture_versions())
def test_each_fixture_opens_at_the_latest_version_with_its_data(tmp_path, version):
    path = tmp_path / f"workspace_v{version}.crte"
    shutil.copy(FIXTURES / path.name, path)
    original = path.read_bytes()
    with Store.open(path) as store:
        assert store.version == LATEST_VERSION
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        _check_content(store)
        backups = sorted(tmp_path.glob("*.sauvegarde-*"))
        if version < LATEST_VERSION:
            assert store.backup is not None and backups == [store.backup]
            assert store.backup.read_bytes() == original
        else:
            assert store.backup is None and backups == []
            assert path.read_bytes() == original


# -- a fake next version, to exercise the backup + migrate path while v1 is the latest ------------

def _add_colour_to_sections(conn):
    """Version N+1 (test only): sections get a colour."""
    conn.execute("ALTER TABLE section ADD COLUMN colour TEXT NOT NULL DEFAULT '#2e7d32'")


def _broken(conn):
    """Version N+1 (test only): fails half-way, after a first change."""
    conn.execute("CREATE TABLE essai_migration(id INTEGER PRIMARY KEY)")
    conn.execute("ALTER TABLE section ADD COLUMN colour TEXT")
    raise sqlite3.OperationalError("colonne en double")


def _with_extra_migration(monkeypatch, step):
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, step])
    monkeypatch.setattr(store_module, "LATEST_VERSION", LATEST_VERSION + 1)


def _copy_latest_fixture(tmp_path) -> Path:
    """The fixture content in a workspace of today's version, alone in ``tmp_path``."""
    source = tmp_path / "source"
    source.mkdir()
    with Store.create(source / "Douaisis.crte") as store:
        fill(store)
    path = tmp_path / "Douaisis.crte"
    shutil.move(source / "Douaisis.crte", path)
    source.rmdir()
    return path


def test_older_file_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = _copy_latest_fixture(tmp_path)
    original = path.read_bytes()
    _with_extra_migration(monkeypatch, _add_colour_to_sections)
    with Store.open(path) as store:
        assert store.version == LATEST_VERSION + 1
        assert store.backup is not None and store.backup.parent == tmp_path
        assert re.fullmatch(rf"Douaisis\.sauvegarde-v{LATEST_VERSION}-\d{{8}}-\d{{6}}\.crte", store.backup.name)
        assert store.backup.read_bytes() == original
        colours = {r[0] for r in store.conn.execute("SELECT colour FROM section")}
        assert colours == {"#2e7d32"}
        _check_content(store)
    assert _version_of(path) == LATEST_VERSION + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["Douaisis.crte", store.backup.name,
                                                                 "Douaisis.versions"])
    [snapshot] = list_snapshots(path)  # issue 9: a version to go back to, before the migration
    assert snapshot.reason == "migration" and snapshot.schema == LATEST_VERSION
    with Store.open(path) as again:  # already migrated: no second backup
        assert again.backup is None
    assert len(list(tmp_path.glob("*.sauvegarde-*"))) == 1


def test_failing_migration_leaves_the_file_at_its_previous_version(tmp_path, monkeypatch, digest):
    path = _copy_latest_fixture(tmp_path)
    original = digest(path)
    _with_extra_migration(monkeypatch, _broken)
    with pytest.raises(WorkspaceError) as err:
        Store.open(path)
    msg = str(err.value)
    assert msg.startswith("La mise à jour de « Douaisis.crte » a échoué")
    assert "colonne en double" in msg
    [backup] = tmp_path.glob("*.sauvegarde-*")
    assert f"L'original est sauvegardé dans « {backup.name} »." in msg
    assert digest(backup) == original
    assert digest(path) == original  # rolled back to the very same bytes
    assert _version_of(path) == LATEST_VERSION
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(section)")}
    finally:
        conn.close()
    assert "essai_migration" not in tables and "colour" not in columns
    assert not list(tmp_path.glob("*-journal"))
    monkeypatch.undo()
    with Store.open(path) as store:  # still a sound workspace for this version
        _check_content(store)


def test_migrate_runs_each_step_in_order_and_reports_them(tmp_path):
    conn = sqlite3.connect(tmp_path / "nu.sqlite", isolation_level=None)
    try:
        assert migrate(conn) == list(range(1, LATEST_VERSION + 1))
        assert migrate(conn) == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()
