"""Issue 9.1 — one writer at a time: the claim beside the workspace, read-only for the others, stale
claims taken over; writing commands refuse with the holder's name and exit code 1, without a traceback."""

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta

import pytest

from crte_desktop.db.claim import ClaimedError, claim_path, read_claim, refuse_if_claimed
from crte_desktop.db.store import Store
from tests.fixtures.make_fixtures import fill

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "contrat.crte"
    with Store.create(p) as store:
        fill(store)
    return p


def _holder_process(path, ready):
    """Another process that opens the workspace for writing and keeps it open until killed."""
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {ROOT!r})
        from crte_desktop.db.store import Store
        s = Store.open({str(path)!r})
        open({str(ready)!r}, "w").write("ok")
        time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code])
    for _ in range(200):
        if ready.exists():
            return proc
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the holder process did not start")


def test_a_second_store_of_the_same_process_is_refused_and_names_the_holder(path, digest):
    with Store.open(path) as first:
        before = digest(path)
        with pytest.raises(ClaimedError) as err:
            Store.open(path)
        assert first.claim is not None
        message = str(err.value)
        assert "est ouvert en modification par" in message and first.user in message
        assert "ce poste" in message and "depuis le" in message
        assert digest(path) == before
        with Store.open_read_only(path) as reader:  # reading is always allowed
            assert reader.read_only and reader.holder is not None and reader.holder.pid == os.getpid()
    assert not claim_path(path).exists()  # released on close
    Store.open(path).close()


def test_another_process_holds_it_then_its_claim_goes_stale_when_it_dies(path, tmp_path, digest):
    proc = _holder_process(path, tmp_path / "ready")
    try:
        held = read_claim(path)
        assert held is not None and held.pid == proc.pid and not held.is_stale
        before = digest(path)
        with pytest.raises(ClaimedError):
            Store.open(path)
        with pytest.raises(ClaimedError):
            refuse_if_claimed(path)  # what a writing command other than Store.open calls
        assert digest(path) == before
    finally:
        proc.kill()
        proc.wait()
    assert read_claim(path).is_stale  # killed: its claim is left, and is stale
    with Store.open(path) as store:  # taken over silently
        assert read_claim(path).pid == os.getpid() == store.claim.pid


def test_import_command_refuses_with_the_holder_and_exit_1_without_traceback(path, tmp_path, digest):
    proc = _holder_process(path, tmp_path / "ready")
    try:
        before = digest(path)
        result = subprocess.run([sys.executable, "-m", "crte_desktop", "import-xlsx", str(path),
                                 str(tmp_path / "absent.xlsx")], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 1
        assert "est ouvert en modification par" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert digest(path) == before
    finally:
        proc.kill()
        proc.wait()


def _write_claim(path, machine, since, pid=999_999):
    claim_path(path).write_text(json.dumps({"user": "marie", "machine": machine, "pid": pid,
                                            "since": since.isoformat(timespec="seconds"), "token": "x"}))


def test_a_claim_of_another_machine_is_taken_over_only_when_old_and_confirmed(path, digest):
    _write_claim(path, "PC-SECRETARIAT", datetime.now() - timedelta(minutes=5))
    with pytest.raises(ClaimedError) as err:
        Store.open(path)
    assert "marie sur le poste PC-SECRETARIAT" in str(err.value)
    assert not err.value.can_take_over
    with pytest.raises(ClaimedError):
        Store.open(path, take_over=True)  # recent: a colleague is probably working in it
    _write_claim(path, "PC-SECRETARIAT", datetime.now() - timedelta(days=2))
    with pytest.raises(ClaimedError) as err:
        Store.open(path)
    assert err.value.can_take_over and "reprendre la main" in str(err.value)
    with Store.open(path, take_over=True) as store:
        assert read_claim(path).machine == socket.gethostname() and store.claim is not None


def test_a_garbage_claim_file_does_not_lock_the_workspace_forever(path):
    claim_path(path).write_text("")
    Store.open(path).close()
    claim_path(path).write_text("{pas du json")
    Store.open(path).close()
