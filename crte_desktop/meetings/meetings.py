"""Meetings (séances): planning, status, convocation sent, deletion."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, time

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.queries.meeting import MeetingRow, meeting_rows
from crte_desktop.db.repos.committee import CommitteeRepository
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.meeting_rules import check_meeting
from crte_desktop.domain.meetings import Committee, Meeting, MeetingStatus, meeting_label
from crte_desktop.meetings.base import meeting_changes, refuse

# Fields whose change makes an invitation already sent out of date (the .ics SEQUENCE goes up).
_INVITATION_FIELDS = ("date", "start_time", "end_time", "place", "video_link", "status")


class MeetingService:
    def __init__(self, store, today: date | None = None):
        self.store = store
        self.today = today
        self.repo = MeetingRepository(store)
        self.committees = CommitteeRepository(store)

    def _today(self) -> date:
        return self.today or date.today()

    # -- reading ------------------------------------------------------------------------------------
    def get(self, meeting_id: int) -> Meeting:
        meeting = self.repo.get(meeting_id)
        if meeting is None:
            raise DomainError("Cette séance n'existe plus (elle a peut-être été supprimée).")
        return meeting

    def committee_of(self, meeting: Meeting) -> Committee:
        committee = self.committees.committee(meeting.committee_id)
        if committee is None:
            raise DomainError("Le comité de cette séance n'existe plus.")
        return committee

    def label(self, meeting: Meeting | int) -> str:
        """"COPIL du 12/03/2024"."""
        meeting = self.get(meeting) if isinstance(meeting, int) else meeting
        return meeting_label(self.committee_of(meeting), meeting)

    def contract_of(self, meeting_id: int) -> int:
        """The contract whose committee holds the meeting (its actions are the ones an agenda can link)."""
        contract_id = self.repo.contract_of(meeting_id)
        if contract_id is None:
            raise DomainError("Cette séance n'existe plus (elle a peut-être été supprimée).")
        return contract_id

    def rows(self, contract_id: int | None = None, committee_id: int | None = None) -> list[MeetingRow]:
        return meeting_rows(self.store, contract_id, committee_id)

    def for_committee(self, committee_id: int) -> list[Meeting]:
        return self.repo.for_committee(committee_id)

    def previous(self, meeting: Meeting) -> Meeting | None:
        return self.repo.previous(meeting)

    def following(self, meeting: Meeting) -> list[Meeting]:
        """Later meetings of the same committee (candidates to validate its minutes), by date."""
        return [m for m in self.repo.for_committee(meeting.committee_id)
                if m.id != meeting.id and m.date and meeting.date and m.date > meeting.date
                and m.status not in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)]

    def history(self, meeting_id: int):
        return MeetingHistory(self.store).for_meeting(meeting_id)

    def new(self, committee_id: int, on: date | None = None, start: time | None = time(14, 0),
            end: time | None = time(16, 0)) -> Meeting:
        return Meeting(committee_id=committee_id, date=on, start_time=start, end_time=end)

    # -- rules --------------------------------------------------------------------------------------
    def problems(self, meeting: Meeting) -> list[Problem]:
        problems = check_meeting(meeting, self._today())
        if self.committees.committee(meeting.committee_id) is None:
            problems.append(Problem("committee_id", "Le comité de cette séance n'existe plus."))
        return problems

    # -- writing ------------------------------------------------------------------------------------
    def save(self, meeting: Meeting) -> Changes:
        """Create or update a meeting. Changing the date, time or place of a convened meeting raises
        the invitation's sequence so that calendars replace the old one."""
        refuse(self.problems(meeting))
        with self.store.transaction():  # the version is read and written under the same write lock
            old = self.repo.get(meeting.id) if meeting.id is not None else None
            if old is not None and old.row_version != meeting.row_version:  # changed elsewhere since it was loaded
                raise ConcurrentChangeError(changed_elsewhere_message(
                    f"La séance du {format_date(old.date)}" if old.date else "La séance", [],
                    [(label, now or "", mine or "")
                     for label, now, mine in field_diff(old, meeting, skip=("uid", "ics_sequence"))]))
            if old is not None and old.minutes_locked and _minutes_fields_changed(old, meeting):
                raise DomainError("Le compte rendu de cette séance est validé : rouvrez-le avant de le modifier.")
            if old is not None and old.convocation_sent_on and any(
                    getattr(old, f) != getattr(meeting, f) for f in _INVITATION_FIELDS):
                meeting.ics_sequence = old.ics_sequence + 1
            self.repo.save(meeting)
        return self.store.notify(meeting_changes(meeting.id))

    def set_status(self, meeting_id: int, status: MeetingStatus) -> Changes:
        meeting = self.get(meeting_id)
        if meeting.minutes_locked and status is not MeetingStatus.HELD:
            raise DomainError("Le compte rendu de cette séance est validé : elle reste « tenue ».")
        meeting.status = status
        return self.save(meeting)

    def mark_convocation_sent(self, meeting_id: int, on: date | None = None) -> Changes:
        """Record the date the convocation went out; a planned meeting becomes convened."""
        meeting = self.get(meeting_id)
        on = on or self._today()
        if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED, MeetingStatus.HELD):
            raise DomainError(f"Cette séance est {meeting.status.label.lower()} : on ne la convoque plus.")
        if not meeting.place.strip() and not meeting.video_link.strip():
            raise DomainError("Indiquez le lieu ou le lien de visioconférence avant d'envoyer la convocation.")
        if meeting.date and on > meeting.date:
            raise DomainError(f"La convocation ne peut pas être envoyée après la séance du {format_date(meeting.date)}.")
        meeting.convocation_sent_on = on
        if meeting.status is MeetingStatus.PLANNED:
            meeting.status = MeetingStatus.CONVENED
        return self.save(meeting)

    def delete(self, meeting_id: int) -> Changes:
        """Delete a meeting with its agenda, documents, attendance, minutes, decisions and follow-ups.
        A decision already applied to the actions keeps its effect (and the actions' history)."""
        meeting = self.get(meeting_id)
        label = self.label(meeting)
        with self.store.transaction():
            self.repo.delete(meeting_id, label)
        return self.store.notify(meeting_changes(meeting_id))


_VALIDATION_FIELDS = {"minutes_status", "minutes_validated_on", "minutes_validated_at", "ics_sequence", "row_version"}


def _minutes_fields_changed(old: Meeting, new: Meeting) -> bool:
    """Whether a change touches what validated minutes record (anything but the validation itself)."""
    return any(getattr(old, f.name) != getattr(new, f.name) for f in fields(Meeting) if f.name not in _VALIDATION_FIELDS)
