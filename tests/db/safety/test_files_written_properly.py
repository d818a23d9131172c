"""Issue 9.5 and 10.5 — every file written whole or not at all, with the usual permissions; the backup before
a migration is written to a temporary name, checked and renamed, and on a full disk nothing is left that
looks like a valid backup, with a French reason."""

import errno
import os
import shutil
import stat

import pytest

from crte_desktop.db import atomic
from crte_desktop.db import store as store_module
from crte_desktop.db.atomic import sweep_temporaries, temporary_name, write_atomically, write_text
from crte_desktop.db.errors import DiskFullError
from crte_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from tests.fixtures.make_fixtures import fill


def test_files_get_the_permissions_of_the_umask_not_0600(tmp_path):
    old = os.umask(0o002)
    try:
        write_text(tmp_path / "rapport.txt", "bonjour")
        with Store.create(tmp_path / "espace.crte") as store:
            store.save_copy(tmp_path / "copie.crte")
    finally:
        os.umask(old)
    for name in ("rapport.txt", "espace.crte", "copie.crte"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o664, name


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"ancien")

    def full(tmp):
        tmp.write_bytes(b"x" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DomainError, match="plein"):
        write_atomically(target, full)
    assert target.read_bytes() == b"ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]


def test_a_refused_check_keeps_nothing(tmp_path):
    def refuse(tmp):
        raise DomainError("copie incomplète")

    with pytest.raises(DomainError, match="incomplète"):
        write_atomically(tmp_path / "copie.crte", lambda tmp: tmp.write_bytes(b"SQLite"), check=refuse)
    assert list(tmp_path.iterdir()) == []


def test_temporaries_of_killed_processes_are_swept_but_not_those_of_live_ones(tmp_path):
    target = tmp_path / "demo.crte"
    mine = temporary_name(target)  # this process: alive
    dead = tmp_path / mine.name.replace(f"-{os.getpid()}.", "-999999.")
    dead.write_bytes(b"restes")
    other_machine = tmp_path / ".demo.crte.AUTREPOSTE-999999.abcd1234.tmp"
    other_machine.write_bytes(b"")
    assert sweep_temporaries(tmp_path) == [dead]
    assert mine.exists() and other_machine.exists() and not dead.exists()


def _older_file(tmp_path, monkeypatch):
    path = tmp_path / "ancien.crte"
    with Store.create(path) as store:
        fill(store)
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, lambda conn: conn.execute(
        "CREATE TABLE essai(id INTEGER PRIMARY KEY)")])
    monkeypatch.setattr(store_module, "LATEST_VERSION", LATEST_VERSION + 1)
    return path


def test_backup_before_migration_on_a_full_usb_key(tmp_path, monkeypatch, digest):
    path = _older_file(tmp_path, monkeypatch)
    before = digest(path)

    def full_key(src, dst, *a, **k):
        with open(dst, "wb") as out:
            out.write(b"SQLite format 3\x00" + b"\0" * 5000)  # a truncated copy…
        raise OSError(errno.ENOSPC, "No space left on device")  # … then the key is full

    monkeypatch.setattr(shutil, "copyfile", full_key)
    with pytest.raises(DiskFullError) as err:
        Store.open(path)
    assert "la clé USB (ou le disque) est pleine" in str(err.value) and "n'a pas été modifié" in str(err.value)
    assert digest(path) == before
    assert not list(tmp_path.glob("*sauvegarde*"))  # nothing that looks like a valid backup
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_all_migration_steps_run_in_one_transaction(tmp_path, monkeypatch, digest):
    """Two pending steps, the second failing: the file stays at its version, not at the one in between."""
    path = tmp_path / "ancien.crte"
    with Store.create(path) as store:
        fill(store)

    def fails(conn):
        raise RuntimeError("étape 2 en échec")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, lambda conn: conn.execute(
        "CREATE TABLE essai(id INTEGER PRIMARY KEY)"), fails])
    monkeypatch.setattr(store_module, "LATEST_VERSION", LATEST_VERSION + 2)
    before = digest(path)
    with pytest.raises(Exception, match="étape 2 en échec"):
        Store.open(path)
    assert digest(path) == before


def test_the_migration_is_recorded_for_the_about_box(tmp_path, monkeypatch):
    path = _older_file(tmp_path, monkeypatch)
    with Store.open(path) as store:
        notice = store.migration_notice()
    assert f"du schéma {LATEST_VERSION} au schéma {LATEST_VERSION + 1}" in notice and "sauvegarde" in notice
    with Store.open(path) as again:
        assert again.backup is None and again.migration_notice() == notice


def test_umask_is_read_without_changing_it():
    old = os.umask(0o027)
    try:
        assert atomic.usual_mode() == 0o640
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(old)
