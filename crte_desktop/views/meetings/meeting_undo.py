"""One undo step per user action on a meeting: the meeting is photographed before and after the action
(``meetings.restore``); undo puts the first photograph back, redo the second."""

from __future__ import annotations

from collections.abc import Callable

from crte_desktop.meetings.restore import MeetingSnapshot, restore, restore_programme, snapshot
from crte_desktop.views.shell.undoable import DoneCommand


def meeting_step(ctx, text: str, meeting_id: int | None, do: Callable[[], object], *,
                 created: Callable[[], int] | None = None, with_documents: bool = False):
    """Run ``do`` (a service call changing meeting ``meeting_id``); if it succeeds, push one undo step.
    For a new meeting, ``meeting_id`` is None and ``created()`` gives its id afterwards. A refusal
    (DomainError) reaches the caller and nothing is pushed. Returns what ``do`` returned."""
    store = ctx.store
    before = snapshot(store, meeting_id, with_documents=with_documents) if meeting_id is not None else None
    result = do()
    mid = meeting_id if meeting_id is not None else created()
    before = before or MeetingSnapshot(mid)
    after = snapshot(store, mid, with_documents=with_documents)
    ctx.undo_stack.push(DoneCommand(text, lambda: restore(store, after), lambda: restore(store, before)))
    return result


def programme_step(ctx, text: str, meeting_id: int, do: Callable[[], object], action_ids: list[int]):
    """Like ``meeting_step`` for applying a decision: the actions ``action_ids`` it changes are photographed
    too; the actions it creates are found afterwards on the decision's links."""
    store = ctx.store
    actions = ctx.actions
    before = snapshot(store, meeting_id)
    bundles_before = [actions.load(a) for a in action_ids if actions.actions.get(a) is not None]
    result = do()
    after = snapshot(store, meeting_id)
    touched = set(action_ids) | (after.action_ids - before.action_ids)
    created = sorted(after.action_ids - before.action_ids - set(action_ids))
    bundles_after = [actions.load(a) for a in sorted(touched) if actions.actions.get(a) is not None]
    ctx.undo_stack.push(DoneCommand(
        text, lambda: restore_programme(store, after, bundles_after, []),
        lambda: restore_programme(store, before, bundles_before, created)))
    return result
