"""The minutes (compte rendu) of a meeting: opening text, notes per agenda item, validation at a later
meeting of the same committee (after which they are locked until reopened)."""

from __future__ import annotations

from datetime import date

from crte_desktop.db.changes import Changes
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meeting_rules import check_minutes_validation, require_editable_minutes, require_meeting_reached
from crte_desktop.domain.meetings import Meeting, MinutesStatus
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.base import refuse
from crte_desktop.meetings.meetings import MeetingService


class MinutesService:
    def __init__(self, store, today: date | None = None):
        self.store = store
        self.today = today
        self.meetings = MeetingService(store, today)
        self.agenda = AgendaService(store)

    def set_introduction(self, meeting_id: int, text: str) -> Changes:
        meeting = self.meetings.get(meeting_id)
        require_meeting_reached(meeting, self.today or date.today(), "du compte rendu")
        require_editable_minutes(meeting)
        meeting.introduction = text
        return self.meetings.save(meeting)

    def set_item_notes(self, item_id: int, text: str) -> Changes:
        item = self.agenda.get(item_id)
        require_meeting_reached(self.meetings.get(item.meeting_id), self.today or date.today(), "du compte rendu")
        item.notes = text
        return self.agenda.save_item(item)

    def save_text(self, meeting_id: int, introduction: str, notes: dict[int, str]) -> Changes:
        """The opening text and the notes of several agenda items (id → text), in one transaction; only
        what differs from the workspace is written."""
        meeting = self.meetings.get(meeting_id)
        require_meeting_reached(meeting, self.today or date.today(), "du compte rendu")
        require_editable_minutes(meeting)
        items = {i.id: i for i in self.agenda.items(meeting_id)}
        unknown = [item_id for item_id in notes if item_id not in items]
        if unknown:
            raise DomainError("Un point de l'ordre du jour de ces notes n'existe plus : rechargez le compte rendu.")
        changes = Changes()
        with self.store.transaction():
            if introduction != meeting.introduction:
                changes.merge(self.set_introduction(meeting_id, introduction))
            for item_id, text in notes.items():
                if text != items[item_id].notes:
                    changes.merge(self.set_item_notes(item_id, text))
        return changes

    def candidates_for_validation(self, meeting_id: int) -> list[Meeting]:
        """The later meetings of the same committee at which these minutes can be validated."""
        return self.meetings.following(self.meetings.get(meeting_id))

    def validate(self, meeting_id: int, at_meeting_id: int) -> Changes:
        """Record that the minutes were approved at meeting ``at_meeting_id``; they are then locked."""
        meeting = self.meetings.get(meeting_id)
        at = self.meetings.get(at_meeting_id)
        refuse(check_minutes_validation(meeting, at))
        if at.date and at.date > (self.today or date.today()):
            raise DomainError(f"La séance du {format_date(at.date)} n'a pas encore eu lieu : le compte rendu y sera "
                              "validé le moment venu.")
        meeting.minutes_status = MinutesStatus.VALIDATED
        meeting.minutes_validated_on = at.date
        meeting.minutes_validated_at = at.id
        return self.meetings.save(meeting)

    def reopen(self, meeting_id: int) -> Changes:
        """Back to draft, to correct validated minutes (recorded in the history)."""
        meeting = self.meetings.get(meeting_id)
        if not meeting.minutes_locked:
            raise DomainError("Ce compte rendu est déjà un brouillon.")
        meeting.minutes_status = MinutesStatus.DRAFT
        meeting.minutes_validated_on = None
        meeting.minutes_validated_at = None
        return self.meetings.save(meeting)

    @staticmethod
    def require_editable(meeting: Meeting) -> None:
        require_editable_minutes(meeting)
