"""Committees (COPIL, COTECH…) and their meetings: agenda, attendance, minutes, decisions, follow-ups.

Plain dataclasses and enums; the rules are in ``meeting_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import LabelledEnum
from crte_desktop.domain.text import fold


class CommitteeKind(LabelledEnum):
    COPIL = ("copil", "COPIL")
    COTECH = ("cotech", "COTECH")
    OTHER = ("autre", "Autre comité")

    @property
    def title(self) -> str:  # type: ignore[override]  # the committee kind's name, not str.title()
        return {"copil": "Comité de pilotage", "cotech": "Comité technique"}.get(self.value, "Comité")


class MemberRole(LabelledEnum):
    CO_PRESIDENT = ("co_president", "Co-président")
    MEMBER = ("membre", "Membre")
    PERMANENT_GUEST = ("invite_permanent", "Invité permanent")
    SECRETARIAT = ("secretariat", "Secrétariat")

    @classmethod
    def parse(cls, text: str) -> "MemberRole":
        """Read a code or a label, with hyphens or underscores ("co-president", "Co-président")."""
        key = fold(text).replace("-", "_").replace(" ", "_")
        for member in cls:
            if key in (member.value, fold(member.label).replace("-", "_").replace(" ", "_")):
                return member
        raise ValueError(text)


class MeetingStatus(LabelledEnum):
    PLANNED = ("prevue", "Prévue")
    CONVENED = ("convoquee", "Convoquée")
    HELD = ("tenue", "Tenue")
    CANCELLED = ("annulee", "Annulée")
    POSTPONED = ("reportee", "Reportée")

    @property
    def is_open(self) -> bool:
        """Still to come (planned or convened)."""
        return self in (MeetingStatus.PLANNED, MeetingStatus.CONVENED)


class AgendaItemKind(LabelledEnum):
    INFORMATION = ("information", "Information")
    PROGRESS = ("avancement", "Point d'avancement")
    DECISION = ("decision", "Décision")
    CHANGE_REQUEST = ("evolution", "Demande d'évolution")
    ANNUAL_REVIEW = ("evaluation", "Évaluation annuelle")
    PREVIOUS_MINUTES = ("validation_cr", "Validation du compte rendu précédent")
    OTHER_BUSINESS = ("questions_diverses", "Questions diverses")


class ChangeKind(LabelledEnum):
    """What a change request (demande d'évolution) asks for."""

    INCLUSION = ("inscription", "Inscription d'une action")
    ADAPTATION = ("adaptation", "Adaptation d'une action")
    ABANDONMENT = ("abandon", "Abandon d'une action")


class AttendanceStatus(LabelledEnum):
    PRESENT = ("present", "Présent")
    EXCUSED = ("excuse", "Excusé")
    REPRESENTED = ("represente", "Représenté")
    ABSENT = ("absent", "Absent")


class DecisionOutcome(LabelledEnum):
    ADOPTED = ("adopte", "Adopté")
    POSTPONED = ("ajourne", "Ajourné")
    REJECTED = ("rejete", "Rejeté")

    @property
    def feminine(self) -> str:
        """"adoptée": agreeing with "la décision"."""
        return self.label.lower() + "e"

    @property
    def decision_label(self) -> str:
        """« Adoptée », « Ajournée », « Rejetée »: the result as said of a decision."""
        return self.label + "e"


def decision_result(decision) -> str:
    """« Adoptée, appliquée le 12/03/2024 », « Adoptée », « Ajournée »."""
    from crte_desktop.domain.dates import format_date

    text = decision.outcome.decision_label
    if decision.applied_on:
        text += f", appliquée le {format_date(decision.applied_on)}"
    return text


class DecisionEffect(LabelledEnum):
    """How an adopted decision changes the programme of actions."""

    NONE = ("aucun", "Sans effet sur le programme")
    INCLUDE = ("inscription", "Inscription d'une nouvelle action")
    ADAPT = ("adaptation", "Adaptation d'une action")
    ABANDON = ("abandon", "Abandon d'une action")
    FINANCING = ("financement", "Modification d'un financement")

    @property
    def changes_programme(self) -> bool:
        return self is not DecisionEffect.NONE


class MinutesStatus(LabelledEnum):
    DRAFT = ("brouillon", "Brouillon")
    VALIDATED = ("valide", "Validé")


# -- committees ---------------------------------------------------------------------------------

@dataclass
class CommitteeMember:
    """A seat in a committee: an organisation, a named person, or both; with an optional substitute."""

    organisation_id: int | None = None
    person_id: int | None = None
    role: MemberRole = MemberRole.MEMBER
    substitute_id: int | None = None  # suppléant (a person)
    notes: str = ""
    id: int | None = None


@dataclass
class Committee:
    contract_id: int
    kind: CommitteeKind
    name: str
    min_per_year: int = 0
    description: str = ""
    members: list[CommitteeMember] = field(default_factory=list)
    id: int | None = None
    row_version: int = 1

    @property
    def short_label(self) -> str:
        return self.kind.label if self.kind is not CommitteeKind.OTHER else self.name


# -- meetings -----------------------------------------------------------------------------------

@dataclass
class Meeting:
    committee_id: int
    date: date | None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    video_link: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    convocation_sent_on: date | None = None  # type: ignore[valid-type]  # `date` is also a field name here
    minutes_status: MinutesStatus = MinutesStatus.DRAFT
    minutes_validated_on: date | None = None  # type: ignore[valid-type]  # `date` is also a field name here
    minutes_validated_at: int | None = None  # the meeting (of the same committee) that validated them
    introduction: str = ""  # opening remarks of the minutes
    uid: str = ""  # stable iCalendar UID
    ics_sequence: int = 0  # bumped each time the invitation changes after being sent
    id: int | None = None
    row_version: int = 1

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status is MinutesStatus.VALIDATED

    def starts_at(self) -> datetime | None:
        if self.date is None:
            return None
        return datetime.combine(self.date, self.start_time or time(0, 0))


@dataclass
class LinkedAction:
    """An action referred to by an agenda item or a decision. ``label`` keeps "2021-1 — Title" so that the
    reference survives the action's deletion (``action_id`` then becomes None)."""

    action_id: int | None
    label: str = ""

    @property
    def deleted(self) -> bool:
        return self.action_id is None


@dataclass
class Attachment:
    """A document attached to a meeting or one of its agenda items, stored inside the workspace."""

    meeting_id: int
    file_name: str
    mime_type: str = "application/octet-stream"
    size: int = 0
    agenda_item_id: int | None = None
    description: str = ""
    added_at: datetime | None = None
    id: int | None = None


@dataclass
class AgendaItem:
    meeting_id: int
    title: str
    kind: AgendaItemKind = AgendaItemKind.INFORMATION
    change_kind: ChangeKind | None = None  # for a change request
    presenter: str = ""
    duration_minutes: int = 0
    description: str = ""
    notes: str = ""  # the minutes of this item
    actions: list[LinkedAction] = field(default_factory=list)
    position: int = 0
    id: int | None = None
    row_version: int = 1  # increased by every write of the item (its place in the agenda aside)

    @property
    def action_ids(self) -> list[int]:
        return [a.action_id for a in self.actions if a.action_id is not None]


@dataclass
class AttendanceEntry:
    """One line of the attendance sheet: a committee member or an invited guest.

    ``name``/``organisation_name``/``role_label`` are copied when the line is created so that the sheet of
    a past meeting stays as it was, whatever happens to the directory later."""

    meeting_id: int
    name: str = ""
    organisation_name: str = ""
    role_label: str = ""
    status: AttendanceStatus = AttendanceStatus.PRESENT
    represented_by: str = ""
    comment: str = ""
    is_guest: bool = False
    member_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    position: int = 0
    id: int | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.organisation_name


@dataclass
class Decision:
    meeting_id: int
    text: str
    number: int = 0  # 1, 2… within the meeting; 0 = next free number
    outcome: DecisionOutcome = DecisionOutcome.ADOPTED
    effect: DecisionEffect = DecisionEffect.NONE
    agenda_item_id: int | None = None
    actions: list[LinkedAction] = field(default_factory=list)
    applied_on: datetime | None = None  # when its effect was applied to the actions
    id: int | None = None

    @property
    def applied(self) -> bool:
        return self.applied_on is not None


@dataclass
class FollowUp:
    """A "suite à donner": what, who, by when, done."""

    meeting_id: int
    text: str
    owner: str = ""
    due_date: date | None = None
    done: bool = False
    done_on: date | None = None
    decision_id: int | None = None
    agenda_item_id: int | None = None
    position: int = 0
    id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return bool(self.due_date and not self.done and self.due_date < today)


# -- labels -------------------------------------------------------------------------------------

_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


def format_long_date(value: date | None, weekday: bool = True) -> str:
    """"jeudi 12 mars 2024" (or "12 mars 2024"); "1er" for the first day of a month."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {_MONTHS[value.month - 1]} {value.year}"
    return f"{_DAYS[value.weekday()]} {text}" if weekday else text


def format_time(value: time | None) -> str:
    """"14h00"."""
    return f"{value.hour}h{value.minute:02d}" if value else ""


def format_duration(minutes: int) -> str:
    """"45 min", "1 h", "1 h 30"."""
    if not minutes:
        return ""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h" + (f" {m:02d}" if m else "")


def meeting_label(committee: Committee, meeting: Meeting) -> str:
    """"COPIL du 12/03/2024"."""
    when = format_date(meeting.date) if meeting.date else "date à fixer"
    return f"{committee.short_label} du {when}"


def decision_context(committee: Committee, meeting: Meeting, decision: Decision) -> str:
    """The text recorded with the history rows written when a decision is applied:
    "Décision du COPIL du 12/03/2024 — n° 3"."""
    return f"Décision du {meeting_label(committee, meeting)} — n° {decision.number}"


def schedule_text(meeting: Meeting) -> str:
    """"jeudi 12 mars 2024, de 14h00 à 16h00"."""
    text = format_long_date(meeting.date)
    if meeting.start_time and meeting.end_time:
        text += f", de {format_time(meeting.start_time)} à {format_time(meeting.end_time)}"
    elif meeting.start_time:
        text += f", à {format_time(meeting.start_time)}"
    return text
