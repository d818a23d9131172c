"""Issue 9.4 — damaged files: flipped bytes (fixed seed) through ``check`` and opening, a damaged index
that ``quick_check`` misses, French reports with a count and the first few items, recovery into a copy."""

import random
import shutil
import sqlite3

import pytest

from crte_desktop.check.report import check_workspace, report_lines
from crte_desktop.db.errors import DamagedWorkspaceError, WorkspaceError
from crte_desktop.db.integrity import FIRST_ITEMS
from crte_desktop.db.recover import recover_file
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import write_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(tmp_path_factory.mktemp("damage") / "demo.crte")


def _flipped(demo, target, rng, count=8):
    data = bytearray(demo.read_bytes())
    for _ in range(count):
        i = rng.randrange(100, len(data))  # the 100-byte header stays: the file still says it is a workspace
        data[i] ^= 1 << rng.randrange(8)
    target.write_bytes(bytes(data))
    return target


def _damage_an_index(path):
    """The index on financing(funder_id) made to describe another column: its entries no longer match the
    rows — the damage ``quick_check`` does not see (issue 9: six such files opened without a word)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX financing_funder ON financing(year)'"
                 " WHERE name = 'financing_funder'")
    conn.commit()
    conn.close()


def test_forty_files_with_flipped_bytes_never_raise_anything_but_a_french_error(demo, tmp_path, cli_main):
    rng = random.Random(20261204)
    outcomes = {"ok": 0, "refused": 0, "damaged": 0}
    for n in range(40):
        path = _flipped(demo, tmp_path / f"abime-{n}.crte", rng)
        try:
            report = check_workspace(path)
            lines = report_lines(report)
            assert len(lines) < 200  # never hundreds of lines
            outcomes["damaged" if report.integrity or report.foreign_keys else "ok"] += 1
        except WorkspaceError as exc:
            assert "Traceback" not in str(exc) and "malformed" not in str(exc)
            outcomes["refused"] += 1
        code, out, err = cli_main("check", path)
        assert code in (0, 1) and "Traceback" not in out + err
        try:
            Store.open(path).close()
        except WorkspaceError as exc:  # DamagedWorkspaceError among them: the window opens it read-only
            assert "malformed" not in str(exc) and "database" not in str(exc)
        try:
            Store.open_read_only(path, allow_damaged=True).close()
        except WorkspaceError:
            pass
    assert outcomes["damaged"] + outcomes["refused"] > 0


def test_a_damaged_index_is_found_when_opening_and_by_check(demo, tmp_path, digest):
    path = shutil.copyfile(demo, tmp_path / "index.crte")
    _damage_an_index(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # what the old opening check ran
    conn.close()
    before = digest(path)
    with pytest.raises(DamagedWorkspaceError) as err:
        Store.open(path)
    text = str(err.value)
    assert "est endommagé" in text and "problème" in text and "index « financing_funder »" in text
    assert text.count("\n  – ") <= FIRST_ITEMS
    assert err.value.readable
    assert digest(path) == before
    report = check_workspace(path)
    lines = report_lines(report)
    assert any("index « financing_funder »" in line for line in lines)
    assert any(line.strip().startswith("… et ") for line in lines)  # a count, not hundreds of lines
    assert len(lines) < 40
    with Store.open_read_only(path, allow_damaged=True) as store:  # what the window shows, read-only
        assert store.read_only and store.damage is not None


def test_recovery_writes_a_sound_copy_and_says_what_was_lost(demo, tmp_path, digest):
    path = shutil.copyfile(demo, tmp_path / "abime.crte")
    _damage_an_index(path)
    before = digest(path)
    report = recover_file(path, tmp_path / "recupere.crte")
    assert digest(path) == before
    assert report.kept > 0
    assert any("récupérée" in line for line in report.lines())
    fixed = check_workspace(tmp_path / "recupere.crte")
    assert fixed.integrity == [] and fixed.foreign_keys == []
    with Store.open(tmp_path / "recupere.crte") as store:
        assert store.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 58


def test_recovery_of_flipped_bytes_reports_losses_and_gives_a_file_that_opens(demo, tmp_path):
    rng = random.Random(7)
    recovered = 0
    for n in range(4):
        path = _flipped(demo, tmp_path / f"f{n}.crte", rng, count=30)
        try:
            report = recover_file(path, tmp_path / f"r{n}.crte")
        except Exception as exc:  # noqa: BLE001 - only French refusals are allowed
            assert isinstance(exc, WorkspaceError.__mro__[1]), exc
            continue
        recovered += 1
        assert check_workspace(tmp_path / f"r{n}.crte").integrity == []
        assert report.lines()[-1].endswith("n'a pas été modifié.")
    assert recovered > 0


@pytest.fixture
def cli_main(capsys):
    from crte_desktop.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
