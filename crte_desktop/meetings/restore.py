"""Undo and redo of meeting edits: a meeting is photographed before and after a user action, and undoing
puts the photograph back — the meeting, its agenda (with its documents), attendance, decisions and
follow-ups — in one transaction, through the repositories (so the history records what was put back).

The photograph is of a state the services accepted; putting it back needs no rule again. A decision
applied to the programme also changed actions: ``restore_programme`` puts those back too."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.db.repos.meeting_agenda import AgendaRepository
from crte_desktop.db.repos.meeting_minutes import MinutesRepository
from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.meetings import AgendaItem, Attachment, AttendanceEntry, Decision, FollowUp, Meeting
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.domain.dates import format_date
from crte_desktop.editing.steps import Step, same_content
from crte_desktop.meetings.base import meeting_changes
from crte_desktop.meetings.meetings import MeetingService


@dataclass
class MeetingSnapshot:
    """A meeting as it was; ``meeting`` None: it did not exist. ``attachments`` None: the documents were not
    photographed (the action could not touch them) and are left as they are."""

    meeting_id: int
    meeting: Meeting | None = None
    items: list[AgendaItem] = field(default_factory=list)
    attendance: list[AttendanceEntry] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    attachments: list[tuple[Attachment, bytes]] | None = None
    validated_here: list[int] = field(default_factory=list)  # meetings whose minutes were validated at this one

    @property
    def action_ids(self) -> set[int]:
        ids = {a for i in self.items for a in i.action_ids}
        return ids | {a.action_id for d in self.decisions for a in d.actions if a.action_id is not None}


def snapshot(store, meeting_id: int, *, with_documents: bool = False) -> MeetingSnapshot:
    meetings = MeetingRepository(store)
    meeting = meetings.get(meeting_id)
    if meeting is None:
        return MeetingSnapshot(meeting_id)
    agenda, minutes = AgendaRepository(store), MinutesRepository(store)
    documents = None
    if with_documents:
        documents = [(a, agenda.attachment_data(a.id) or b"") for a in agenda.attachments(meeting_id)]
    return MeetingSnapshot(meeting_id, meeting, agenda.items(meeting_id), minutes.attendance(meeting_id),
                           minutes.decisions(meeting_id), minutes.follow_ups(meeting_id), documents,
                           [m.id for m in meetings.validated_by(meeting_id)])


def restore(store, snap: MeetingSnapshot, expected: MeetingSnapshot | None = None) -> Changes:
    """Make the meeting what the snapshot shows (deleting it if it did not exist). ``expected`` (a replay):
    the meeting as the step left it; refused (ConcurrentChangeError, nothing written) when it changed since."""
    before = snapshot(store, snap.meeting_id)
    with store.transaction():
        if expected is not None:
            refuse_if_meeting_changed(store, expected)
        _put_back(store, snap)
    return store.notify(meeting_changes(snap.meeting_id, snap.action_ids | before.action_ids))


def restore_programme(store, snap: MeetingSnapshot, bundles: list[ActionBundle], delete_ids: list[int],
                      left: dict[int, ActionBundle] | None = None, expected: MeetingSnapshot | None = None) -> Changes:
    """Put back the meeting and the actions a decision changed: ``bundles`` saved as they are, the actions
    ``delete_ids`` (created by the decision) deleted; one transaction. ``left`` (a replay): the actions as the
    step left them (an action absent from it did not exist), ``expected`` the meeting; an action or the meeting
    changed since refuses the whole (ConcurrentChangeError, worded for an undo, nothing written). Without
    ``left``, the actions are put back as they are."""
    actions = ActionService(store)
    with store.transaction():
        if expected is not None:
            refuse_if_meeting_changed(store, expected)
        for bundle in bundles:  # first, so that a decision put back can link an action created again
            mine = bundle.copy()
            if left is not None and mine.action.id in left:
                mine.action.row_version = actions.version_to_expect(left[mine.action.id])
            actions.save(mine, undoing=True, check_version=left is not None)
        _put_back(store, snap)  # before deleting: the links to an action created by the decision go first
        for action_id in delete_ids:
            if actions.actions.get(action_id) is not None:
                expected_version = actions.version_to_expect(left.get(action_id)) if left is not None else None
                actions.delete(action_id, expected_version=expected_version)
    ids = set(delete_ids) | {b.action.id for b in bundles}
    return store.notify(meeting_changes(snap.meeting_id, ids | snap.action_ids))


def refuse_if_meeting_changed(store, expected: MeetingSnapshot) -> None:
    """Refuse (ConcurrentChangeError, worded for an undo) when the meeting — its row, agenda, attendance,
    decisions, follow-ups (and documents, when photographed) — is no longer as ``expected``: a replay would
    erase a newer change. What it holds is compared, row versions aside: attendance, decisions and follow-ups
    have none, and a later step of the same stack that changed the meeting then was undone erased nothing."""
    now = snapshot(store, expected.meeting_id, with_documents=expected.attachments is not None)
    if same_content(now, expected):
        return
    meeting = now.meeting or expected.meeting
    what = f"La séance du {format_date(meeting.date)}" if meeting and meeting.date else "La séance"
    latest = MeetingHistory(store).for_meeting(expected.meeting_id)[:1]
    raise ConcurrentChangeError(changed_elsewhere_message(what, latest, _differences(now, expected), undo=True))


def _differences(now: MeetingSnapshot, mine: MeetingSnapshot) -> list[tuple[str, str, str]]:
    """(what, as saved now, as the step left it): what putting the photograph back would erase."""
    if now.meeting is None or mine.meeting is None:
        return [("Séance", "supprimée" if now.meeting is None else "présente",
                 "présente" if now.meeting is None else "supprimée")]
    out = [(label, n or "", m or "") for label, m, n in field_diff(mine.meeting, now.meeting, skip=("uid",))]
    items = {i.id: i for i in mine.items}
    for item in now.items:
        old = items.pop(item.id, None)
        if old is None:
            out.append((f"Point « {item.title} »", "ajouté", "absent"))
        elif not same_content(old, item):
            out.append((f"Point « {item.title} »", "modifié", "ancienne version"))
    out += [(f"Point « {item.title} »", "retiré", "présent") for item in items.values()]
    for label, a, b in (("Présence", now.attendance, mine.attendance), ("Décisions", now.decisions, mine.decisions),
                        ("Suites à donner", now.follow_ups, mine.follow_ups),
                        ("Documents joints", now.attachments, mine.attachments)):
        if a != b and not (a is not None and b is not None and same_content(_Box(a), _Box(b))):
            out.append((label, "modifié", "ancienne version"))
    return out


@dataclass
class _Box:
    """A list to compare with ``same_content`` (row versions aside)."""

    values: list


def _put_back(store, snap: MeetingSnapshot) -> None:
    meetings, agenda, minutes = MeetingRepository(store), AgendaRepository(store), MinutesRepository(store)
    mid = snap.meeting_id
    if snap.meeting is None:
        if meetings.get(mid) is not None:
            meetings.delete(mid, MeetingService(store).label(mid))
        return
    meetings.save(copy.deepcopy(snap.meeting))
    label = MeetingService(store).label(mid)

    wanted = {i.id for i in snap.items}
    for item in agenda.items(mid):
        if item.id not in wanted:
            agenda.delete_item(item.id)
    for item in snap.items:
        agenda.save_item(copy.deepcopy(item), label)
    agenda.set_positions(mid, [i.id for i in snap.items])

    if snap.attachments is not None:
        wanted = {a.id for a, _data in snap.attachments}
        present = {a.id for a in agenda.attachments(mid)}
        for att_id in present - wanted:
            agenda.delete_attachment(att_id)
        for att, data in snap.attachments:
            if att.id not in present:
                agenda.add_attachment(copy.deepcopy(att), data)

    minutes.save_attendance(mid, copy.deepcopy(snap.attendance))

    wanted = {d.id for d in snap.decisions}
    for d in minutes.decisions(mid):
        if d.id not in wanted:
            minutes.delete_decision(d.id)
    for d in snap.decisions:
        minutes.save_decision(copy.deepcopy(d), label)

    wanted = {f.id for f in snap.follow_ups}
    for f in minutes.follow_ups(mid):
        if f.id not in wanted:
            minutes.delete_follow_up(f.id)
    for f in snap.follow_ups:
        minutes.save_follow_up(copy.deepcopy(f))

    for other_id in snap.validated_here:
        other = meetings.get(other_id)
        if other is not None and other.minutes_validated_at != mid:
            other.minutes_validated_at = mid
            meetings.save(other)


# -- undo steps (editing/steps.py) ----------------------------------------------------------------------
def meeting_step(store, label: str, meeting_id: int | None, do: Callable[[], object], *,
                 created: Callable[[], int] | None = None, with_documents: bool = False) -> tuple[object, Step]:
    """Run ``do`` (a service call changing meeting ``meeting_id``) between two photographs of the meeting;
    return what it returned and the step: undo puts the first photograph back, redo the second. For a new
    meeting, ``meeting_id`` is None and ``created()`` gives its id afterwards. A refusal (DomainError)
    reaches the caller and no step is made."""
    before = snapshot(store, meeting_id, with_documents=with_documents) if meeting_id is not None else None
    result = do()
    mid = meeting_id if meeting_id is not None else created()
    before = before or MeetingSnapshot(mid)
    after = snapshot(store, mid, with_documents=with_documents)
    left = [after]  # the meeting as the last run left it: a replay refuses if it changed since

    def replay(target: MeetingSnapshot) -> None:
        restore(store, target, expected=left[0])
        left[0] = snapshot(store, mid, with_documents=with_documents)

    return result, Step(label, lambda: replay(after), lambda: replay(before))


def programme_step(store, label: str, meeting_id: int, do: Callable[[], object],
                   action_ids: list[int]) -> tuple[object, Step]:
    """Like ``meeting_step`` for applying a decision: the actions ``action_ids`` it changes are photographed
    too; the actions it creates are found afterwards on the decision's links."""
    actions = ActionService(store)
    before = snapshot(store, meeting_id)
    bundles_before = [actions.load(a) for a in action_ids if actions.actions.get(a) is not None]
    result = do()
    after = snapshot(store, meeting_id)
    touched = set(action_ids) | (after.action_ids - before.action_ids)
    created = sorted(after.action_ids - before.action_ids - set(action_ids))
    bundles_after = [actions.load(a) for a in sorted(touched) if actions.actions.get(a) is not None]
    # the actions and the meeting as the last run left them: a replay refuses if one changed since
    left = {b.action.id: b.copy() for b in bundles_after}
    meeting_left = [after]

    def replay(snap: MeetingSnapshot, bundles: list[ActionBundle], delete_ids: list[int]) -> None:
        restore_programme(store, snap, bundles, delete_ids, left, meeting_left[0])
        left.clear()
        left.update({a: actions.load(a) for a in sorted(touched) if actions.actions.get(a) is not None})
        meeting_left[0] = snapshot(store, meeting_id)

    return result, Step(label, lambda: replay(after, bundles_after, []),
                        lambda: replay(before, bundles_before, created))


class MeetingSteps:
    """The undo steps of the meeting screens, as ``Workspace.meeting_steps``: the views name the edit, this
    photographs the meeting around it (``meeting_step``, ``programme_step``)."""

    def __init__(self, store):
        self.store = store

    def edit(self, label: str, meeting_id: int | None, do: Callable[[], object], *,
             created: Callable[[], int] | None = None, with_documents: bool = False) -> tuple[object, Step]:
        return meeting_step(self.store, label, meeting_id, do, created=created, with_documents=with_documents)

    def apply_decision(self, label: str, meeting_id: int, do: Callable[[], object],
                       action_ids: list[int]) -> tuple[object, Step]:
        return programme_step(self.store, label, meeting_id, do, action_ids)
