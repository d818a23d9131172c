"""A whole meeting kept in memory, so that its deletion can be undone (one step, same ids)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from crte_desktop.db.changes import Changes
from crte_desktop.db.meeting_agenda_repo import AgendaRepository
from crte_desktop.db.meeting_minutes_repo import MinutesRepository
from crte_desktop.db.meeting_repo import MeetingRepository
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import (
    AgendaItem, Attachment, AttendanceEntry, Decision, FollowUp, LinkedAction, Meeting, meeting_label,
)
from crte_desktop.meetings.base import meeting_changes
from crte_desktop.meetings.meetings import MeetingService


@dataclass
class MeetingSnapshot:
    meeting: Meeting
    items: list[AgendaItem] = field(default_factory=list)
    attachments: list[tuple[Attachment, bytes]] = field(default_factory=list)
    attendance: list[AttendanceEntry] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    validated_here: list[int] = field(default_factory=list)  # meetings whose minutes were validated at this one


def take(store, meeting_id: int) -> MeetingSnapshot:
    meeting = MeetingService(store).get(meeting_id)
    agenda, minutes = AgendaRepository(store), MinutesRepository(store)
    return copy.deepcopy(MeetingSnapshot(
        meeting=meeting, items=agenda.items(meeting_id),
        attachments=[(a, agenda.attachment_data(a.id)) for a in agenda.attachments(meeting_id)],
        attendance=minutes.attendance(meeting_id), decisions=minutes.decisions(meeting_id),
        follow_ups=minutes.follow_ups(meeting_id),
        validated_here=[m.id for m in MeetingRepository(store).validated_by(meeting_id)]))


def delete_with_snapshot(store, meeting_id: int) -> MeetingSnapshot:
    """Delete a meeting and return what ``restore`` needs to put it back."""
    snapshot = take(store, meeting_id)
    MeetingService(store).delete(meeting_id)
    return snapshot


def restore(store, snapshot: MeetingSnapshot) -> Changes:
    """Put a deleted meeting back with the same ids. Links to actions deleted since keep their text only."""
    s = copy.deepcopy(snapshot)
    repo = MeetingRepository(store)
    if repo.get(s.meeting.id) is not None:
        raise DomainError("Cette séance existe déjà.")
    meetings = MeetingService(store)
    committee = meetings.committees.committee(s.meeting.committee_id)
    if committee is None:
        raise DomainError("Le comité de cette séance n'existe plus : elle ne peut pas être rétablie.")
    label = meeting_label(committee, s.meeting)
    conn = store.conn

    def exists(table: str, row_id) -> bool:
        return row_id is not None and conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None

    def links(items: list[LinkedAction]) -> list[LinkedAction]:
        return [a if exists("action", a.action_id) else LinkedAction(None, a.label) for a in items]

    if s.meeting.minutes_validated_at is not None and not exists("meeting", s.meeting.minutes_validated_at):
        s.meeting.minutes_validated_at = None
    agenda, minutes = AgendaRepository(store), MinutesRepository(store)
    with store.transaction():
        repo.save(s.meeting)
        for item in s.items:
            item.actions = links(item.actions)
            agenda.save_item(item, label)
        for att, data in s.attachments:
            agenda.add_attachment(att, data)
        for e in s.attendance:
            e.member_id = e.member_id if exists("committee_member", e.member_id) else None
            e.person_id = e.person_id if exists("person", e.person_id) else None
            e.organisation_id = e.organisation_id if exists("organisation", e.organisation_id) else None
        minutes.save_attendance(s.meeting.id, s.attendance)
        for d in s.decisions:
            d.actions = links(d.actions)
            minutes.save_decision(d, label)
        for f in s.follow_ups:
            minutes.save_follow_up(f)
        for other_id in s.validated_here:
            other = repo.get(other_id)
            if other is not None and other.minutes_validated_at is None and other.minutes_locked:
                other.minutes_validated_at = s.meeting.id
                repo.save(other)
    return store.notify(meeting_changes(s.meeting.id))
