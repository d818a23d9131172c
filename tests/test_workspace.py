"""The Workspace: one Store, every service built once on it, a read-only twin for worker threads."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.errors import WorkspaceError
from crte_desktop.domain.contract import Contract
from crte_desktop.editing.contracts import ContractBundle
from crte_desktop.workspace import Workspace


def test_every_service_shares_the_one_store(workspace):
    ws = Workspace(workspace)
    services = [ws.actions, ws.contracts, ws.directory, ws.committees, ws.meetings, ws.agenda, ws.attendance,
                ws.minutes, ws.decisions, ws.dashboard]
    assert all(s.store is workspace for s in services)
    assert ws.path == workspace.path and ws.is_open


def test_setting_today_reaches_the_meeting_services(workspace):
    ws = Workspace(workspace)
    ws.today = date(2024, 6, 15)
    assert ws.meetings.today == ws.minutes.today == ws.decisions.today == date(2024, 6, 15)


def test_the_reader_sees_the_data_and_cannot_write(workspace):
    ws = Workspace(workspace)
    contract = Contract(name="CRTE du Douaisis")
    ws.contracts.save(ContractBundle(contract))
    with ws.reader() as reader:
        assert [c.name for c in reader.contracts.contracts()] == ["CRTE du Douaisis"]
        with pytest.raises(WorkspaceError):
            reader.contracts.save(ContractBundle(Contract(name="Autre")))
    assert [c.name for c in ws.contracts.contracts()] == ["CRTE du Douaisis"]


def test_closing_the_workspace_closes_its_store(workspace):
    ws = Workspace(workspace)
    ws.close()
    assert not ws.is_open and not workspace.is_open


def test_the_workspace_needs_no_qt():
    import subprocess
    import sys

    code = ("import sys, crte_desktop.workspace; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
