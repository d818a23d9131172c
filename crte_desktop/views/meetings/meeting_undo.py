"""One undo step per user action on a meeting, built by ``meetings.restore`` (photographs of the meeting
before and after the action) and pushed on the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from crte_desktop.meetings import restore
from crte_desktop.views.shell.undoable import push_done


def meeting_step(ctx, text: str, meeting_id: int | None, do: Callable[[], object], *,
                 created: Callable[[], int] | None = None, with_documents: bool = False):
    """Run ``do`` (a service call changing meeting ``meeting_id``); if it succeeds, push one undo step.
    Returns what ``do`` returned (see ``meetings.restore.meeting_step``)."""
    result, step = restore.meeting_step(ctx.store, text, meeting_id, do, created=created, with_documents=with_documents)
    push_done(ctx.undo_stack, step)
    return result


def programme_step(ctx, text: str, meeting_id: int, do: Callable[[], object], action_ids: list[int]):
    """Like ``meeting_step`` for applying a decision (see ``meetings.restore.programme_step``)."""
    result, step = restore.programme_step(ctx.store, text, meeting_id, do, action_ids)
    push_done(ctx.undo_stack, step)
    return result
