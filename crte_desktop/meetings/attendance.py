"""Attendance (présence) at a meeting: the committee's members and invited guests."""

from __future__ import annotations

from collections import Counter

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.meeting_minutes import MinutesRepository
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.meeting_rules import check_attendance, require_editable_minutes
from crte_desktop.domain.meetings import AttendanceEntry, AttendanceStatus
from crte_desktop.meetings.base import meeting_changes, refuse
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.meetings import MeetingService


class AttendanceService:
    def __init__(self, store):
        self.store = store
        self.repo = MinutesRepository(store)
        self.meetings = MeetingService(store)
        self.committees = CommitteeService(store)

    def saved(self, meeting_id: int) -> list[AttendanceEntry]:
        """The lines recorded so far (members first, then guests)."""
        return self.repo.attendance(meeting_id)

    def sheet(self, meeting_id: int) -> list[AttendanceEntry]:
        """The attendance sheet to show or print: the recorded lines, plus a line (not yet saved, marked
        present) for each current member of the committee who has none."""
        meeting = self.meetings.get(meeting_id)
        entries = self.repo.attendance(meeting_id)
        members_done = {e.member_id for e in entries if e.member_id is not None}
        committee = self.meetings.committee_of(meeting)
        new = [self._entry_for(meeting_id, view) for view in self.committees.member_views(committee)
               if view.member.id not in members_done]
        members = [e for e in entries if not e.is_guest]
        guests = [e for e in entries if e.is_guest]
        return members + new + guests

    @staticmethod
    def _entry_for(meeting_id: int, view) -> AttendanceEntry:
        role = view.role.label
        if view.function and view.person_name:
            role = f"{role} — {view.function}"
        return AttendanceEntry(meeting_id=meeting_id, name=view.person_name, organisation_name=view.organisation_name,
                               role_label=role, member_id=view.member.id, person_id=view.member.person_id,
                               organisation_id=view.member.organisation_id)

    def guest(self, meeting_id: int, name: str, organisation_name: str = "", role_label: str = "Invité",
              status: AttendanceStatus = AttendanceStatus.PRESENT) -> AttendanceEntry:
        return AttendanceEntry(meeting_id=meeting_id, name=name, organisation_name=organisation_name,
                               role_label=role_label, status=status, is_guest=True)

    def problems(self, entries: list[AttendanceEntry]) -> list[Problem]:
        problems = []
        for i, e in enumerate(entries):
            problems += [Problem(f"attendance[{i}].{p.field}", p.message, p.level) for p in check_attendance(e)]
        return problems

    def save(self, meeting_id: int, entries: list[AttendanceEntry]) -> Changes:
        """Record the whole sheet (lines left out are removed)."""
        require_editable_minutes(self.meetings.get(meeting_id))
        refuse(self.problems(entries))
        with self.store.transaction():
            self.repo.save_attendance(meeting_id, entries)
        return self.store.notify(meeting_changes(meeting_id))

    def add_guest(self, meeting_id: int, name: str, organisation_name: str = "", role_label: str = "Invité",
                  status: AttendanceStatus = AttendanceStatus.PRESENT) -> Changes:
        entries = self.sheet(meeting_id) + [self.guest(meeting_id, name, organisation_name, role_label, status)]
        return self.save(meeting_id, entries)

    def counts(self, meeting_id: int) -> dict[AttendanceStatus, int]:
        """How many lines per status among the recorded ones."""
        c = Counter(e.status for e in self.repo.attendance(meeting_id))
        return {s: c.get(s, 0) for s in AttendanceStatus}
