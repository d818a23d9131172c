"""Green-share thresholds and deposit deadlines as undo steps (editing/steps.py), built by DashboardService:
saving a threshold (new year or new percent), saving a deadline (new or changed) and deleting one are undone
and redone; an undo leaves every table as it was; a refused save builds no step and writes nothing; a replay
over a change made since is refused."""

from __future__ import annotations

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.domain.errors import ValidationError
from crte_desktop.domain.obligations import DepositDeadline
from crte_desktop.workspace import Workspace
from tests.contents import contents, differing_tables

UNDO = "L'annulation aurait effacé ce changement plus récent"


@pytest.fixture
def dashboard(workspace):
    return Workspace(workspace).dashboard


def _dotation(dashboard, name: str) -> int:
    return next(sid for sid, n in dashboard.green_dotations() if n == name)


def _percent(dashboard, scheme_id: int, year: int) -> int | None:
    return next((p for _id, sid, _n, y, p in dashboard.green_thresholds() if sid == scheme_id and y == year), None)


def test_a_new_threshold_and_a_changed_one_are_undone_and_redone(dashboard, workspace):
    dsil = _dotation(dashboard, "DSIL")
    before = contents(workspace.path)
    added = dashboard.save_threshold_step(dsil, 2021, 25)
    assert added.label == "Seuil de part verte DSIL 2021 : 25 %"
    added.redo()
    assert _percent(dashboard, dsil, 2021) == 25
    original = _percent(dashboard, dsil, 2024)
    changed = dashboard.save_threshold_step(dsil, 2024, 35)
    changed.redo()
    assert _percent(dashboard, dsil, 2024) == 35
    changed.undo()
    assert _percent(dashboard, dsil, 2024) == original
    added.undo()
    assert differing_tables(before, contents(workspace.path)) == []
    added.redo()
    changed.redo()
    assert (_percent(dashboard, dsil, 2021), _percent(dashboard, dsil, 2024)) == (25, 35)


def test_a_threshold_out_of_range_builds_no_step_and_writes_nothing(dashboard, workspace, digest):
    before = digest(workspace.path)
    with pytest.raises(ValidationError, match="n'est pas entre 0 et 100"):
        dashboard.save_threshold_step(_dotation(dashboard, "DSIL"), 2025, 130).redo()
    assert digest(workspace.path) == before


def test_an_undo_over_a_threshold_changed_since_is_refused(dashboard, workspace, digest):
    detr = _dotation(dashboard, "DETR")
    step = dashboard.save_threshold_step(detr, 2026, 22)
    step.redo()
    dashboard.save_threshold(detr, 2026, 40)  # elsewhere, outside the stack
    before = digest(workspace.path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.undo()
    assert digest(workspace.path) == before


def test_deadlines_created_changed_and_deleted_are_undone_and_redone(dashboard, workspace):
    detr = _dotation(dashboard, "DETR")
    before = contents(workspace.path)
    created = dashboard.save_deadline_step(DepositDeadline(detr, 1, 15, "59", "Dépôt sur demarches-simplifiees.fr"))
    assert created.label == "Date limite de dépôt DETR (59)"
    created.redo()
    [d] = dashboard.deadlines()
    changed = dashboard.save_deadline_step(DepositDeadline(detr, 2, 28, "59", "Reportée", id=d.id))
    changed.redo()
    assert [(x.month, x.day, x.note) for x in dashboard.deadlines()] == [(2, 28, "Reportée")]
    deleted = dashboard.delete_deadline_step(d.id)
    assert deleted.label == "Suppression de la date limite DETR (59)"
    deleted.redo()
    assert dashboard.deadlines() == []
    deleted.undo()
    assert [(x.id, x.month, x.day, x.note) for x in dashboard.deadlines()] == [(d.id, 2, 28, "Reportée")]
    changed.undo()
    assert [(x.month, x.day, x.note) for x in dashboard.deadlines()] == [(1, 15, "Dépôt sur demarches-simplifiees.fr")]
    created.undo()
    assert differing_tables(before, contents(workspace.path)) == []
    created.redo()
    changed.redo()
    deleted.redo()
    assert dashboard.deadlines() == []


def test_a_second_deadline_for_the_same_scheme_and_department_builds_no_step(dashboard, workspace, digest):
    detr = _dotation(dashboard, "DETR")
    dashboard.save_deadline_step(DepositDeadline(detr, 1, 15, "59")).redo()
    before = digest(workspace.path)
    with pytest.raises(ValidationError, match="déjà une date limite pour le département 59"):
        dashboard.save_deadline_step(DepositDeadline(detr, 3, 1, "59")).redo()
    assert digest(workspace.path) == before


def test_an_undo_over_a_deadline_changed_since_is_refused(dashboard, workspace, digest):
    detr = _dotation(dashboard, "DETR")
    step = dashboard.save_deadline_step(DepositDeadline(detr, 1, 15, "59"))
    step.redo()
    [d] = dashboard.deadlines()
    dashboard.save_deadline(DepositDeadline(detr, 1, 31, "59", id=d.id))  # elsewhere
    before = digest(workspace.path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.undo()
    assert digest(workspace.path) == before
