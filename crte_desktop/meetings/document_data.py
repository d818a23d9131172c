"""What the meeting documents show (minutes, convocation, attendance sheet, meeting pack), gathered once
and rendered by the DOCX and PDF writers alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import (
    AgendaItem, AttendanceEntry, AttendanceStatus, Committee, Decision, FollowUp, Meeting, MeetingStatus,
    MinutesStatus, format_duration, meeting_label, schedule_text,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.committees import CommitteeService, MemberView
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService


@dataclass
class MeetingHeader:
    meeting: Meeting
    committee: Committee
    contract_name: str
    label: str  # "COTECH du 12/03/2024"
    title: str  # "Comité technique"
    schedule: str  # "mardi 12 mars 2024, de 14h00 à 16h00"
    place: str
    video_link: str
    items: list[AgendaItem]
    members: list[MemberView]

    @property
    def status_note(self) -> str:
        """A warning line for a cancelled or postponed meeting, else ""."""
        if self.meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
            return f"Séance {self.meeting.status.label.lower()}."
        return ""


def meeting_header(store, meeting_id: int) -> MeetingHeader:
    meetings = MeetingService(store)
    meeting = meetings.get(meeting_id)
    committee = meetings.committee_of(meeting)
    contract = ContractRepository(store).contract(committee.contract_id)
    return MeetingHeader(
        meeting=meeting, committee=committee, contract_name=contract.name if contract else "",
        label=meeting_label(committee, meeting), title=committee.kind.title if committee.kind.value != "autre"
        else committee.name, schedule=schedule_text(meeting), place=meeting.place, video_link=meeting.video_link,
        items=AgendaService(store).items(meeting_id), members=CommitteeService(store).member_views(committee))


def item_meta(item: AgendaItem) -> str:
    """"Décision — présenté par M. X — 15 min"."""
    kind = item.kind.label
    if item.change_kind is not None:
        kind += f" ({item.change_kind.label.lower()})"
    parts = [kind]
    if item.presenter:
        parts.append(f"présenté par {item.presenter}")
    if item.duration_minutes:
        parts.append(format_duration(item.duration_minutes))
    return " — ".join(parts)


def action_text(links) -> str:
    return "\n".join(a.label + (" (action supprimée depuis)" if a.deleted else "") for a in links)


def attendance_text(e: AttendanceEntry) -> str:
    """"Présent", "Représenté par Mme Y"…"""
    if e.status is AttendanceStatus.REPRESENTED:
        return f"Représenté par {e.represented_by}"
    return e.status.label


def person_line(e: AttendanceEntry) -> str:
    """"M. X (CAVM)" or "CAVM"."""
    if e.name and e.organisation_name:
        return f"{e.name} ({e.organisation_name})"
    return e.display_name


@dataclass
class MinutesContent:
    header: MeetingHeader
    status_line: str
    attendance: list[AttendanceEntry]
    decisions: list[Decision]
    follow_ups: list[FollowUp]
    decisions_by_item: dict[int | None, list[Decision]] = field(default_factory=dict)
    attachments_by_item: dict[int | None, list[str]] = field(default_factory=dict)

    @property
    def members(self) -> list[AttendanceEntry]:
        return [e for e in self.attendance if not e.is_guest]

    @property
    def guests(self) -> list[AttendanceEntry]:
        return [e for e in self.attendance if e.is_guest]

    def decision_number(self, decision_id: int | None) -> str:
        return next((f"n° {d.number}" for d in self.decisions if d.id == decision_id), "")


def minutes_content(store, meeting_id: int) -> MinutesContent:
    header = meeting_header(store, meeting_id)
    meeting = header.meeting
    meetings = MeetingService(store)
    if meeting.minutes_status is MinutesStatus.VALIDATED:
        at = meetings.repo.get(meeting.minutes_validated_at) if meeting.minutes_validated_at else None
        where = f" lors du {meeting_label(header.committee, at)}" if at else \
            f" le {format_date(meeting.minutes_validated_on)}"
        status = f"Compte rendu validé{where}."
    else:
        status = "Projet de compte rendu, soumis à validation lors de la prochaine séance."
    decisions_service = DecisionService(store)
    decisions = decisions_service.decisions(meeting_id)
    by_item: dict[int | None, list[Decision]] = {}
    for d in decisions:
        by_item.setdefault(d.agenda_item_id, []).append(d)
    attachments: dict[int | None, list[str]] = {}
    for a in AgendaService(store).attachments(meeting_id):
        attachments.setdefault(a.agenda_item_id, []).append(a.file_name)
    return MinutesContent(header=header, status_line=status, attendance=AttendanceService(store).saved(meeting_id),
                          decisions=decisions, follow_ups=decisions_service.follow_ups(meeting_id),
                          decisions_by_item=by_item, attachments_by_item=attachments)


def follow_up_state(f: FollowUp) -> str:
    if f.done:
        return f"Fait le {format_date(f.done_on)}" if f.done_on else "Fait"
    return "À faire"
