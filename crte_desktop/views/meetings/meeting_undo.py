"""One undo step per user action on a meeting, built by ``Workspace.meeting_steps`` (meetings/restore.py:
photographs of the meeting before and after the action) and pushed on the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from crte_desktop.views.shell.undoable import push_done


def meeting_step(ctx, text: str, meeting_id: int | None, do: Callable[[], object], *,
                 created: Callable[[], int] | None = None, with_documents: bool = False):
    """Run ``do`` (a service call changing meeting ``meeting_id``); if it succeeds, push one undo step.
    Returns what ``do`` returned (see ``meetings.restore.MeetingSteps``)."""
    result, step = ctx.workspace.meeting_steps.edit(text, meeting_id, do, created=created, with_documents=with_documents)
    push_done(ctx.undo_stack, step)
    return result


def programme_step(ctx, text: str, meeting_id: int, do: Callable[[], object], action_ids: list[int]):
    """Like ``meeting_step`` for applying a decision (see ``meetings.restore.MeetingSteps``)."""
    result, step = ctx.workspace.meeting_steps.apply_decision(text, meeting_id, do, action_ids)
    push_done(ctx.undo_stack, step)
    return result
