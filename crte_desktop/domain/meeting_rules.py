"""Rules on committees and meetings, each broken rule a Problem with a French message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from crte_desktop.domain import limits
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.limits import too_long
from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, AttendanceEntry, AttendanceStatus, Committee, Decision, DecisionEffect,
    DecisionOutcome, FollowUp, Meeting, MeetingStatus, MinutesStatus,
)

MAX_MEETINGS_PER_YEAR = 52
MAX_ITEM_MINUTES = 600
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_FILE_NAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def check_committee(committee: Committee, person_names: Mapping[int, str] | None = None,
                    organisation_names: Mapping[int, str] | None = None) -> list[Problem]:
    """``person_names``/``organisation_names`` (id → name) make the messages name the people concerned."""
    person_names = person_names or {}
    organisation_names = organisation_names or {}
    problems: list[Problem] = []
    if not (committee.name or "").strip():
        problems.append(Problem("name", "Le nom du comité est obligatoire."))
    if not isinstance(committee.min_per_year, int) or not 0 <= committee.min_per_year <= MAX_MEETINGS_PER_YEAR:
        problems.append(Problem("min_per_year",
                                f"Le nombre minimal de séances par an doit être compris entre 0 et {MAX_MEETINGS_PER_YEAR}."))
    seen: dict[int, str] = {}  # person id → the role already held
    seats: set[int] = set()  # organisations seated without a named person
    for i, m in enumerate(committee.members):
        where = f"members[{i}]"
        if m.organisation_id is None and m.person_id is None:
            problems.append(Problem(where, f"Membre {i + 1} : indiquez une organisation ou une personne."))
            continue
        if m.person_id is not None and m.person_id == m.substitute_id:
            name = person_names.get(m.person_id, "Cette personne")
            problems.append(Problem(where + ".substitute", f"{name} ne peut pas être son propre suppléant."))
        held = [(m.person_id, m.role.label.lower())]
        if m.substitute_id != m.person_id:
            held.append((m.substitute_id, f"suppléant d'un {m.role.label.lower()}"))
        for pid, role in held:
            if pid is None:
                continue
            if pid in seen:
                name = person_names.get(pid, "Une même personne")
                problems.append(Problem(where, f"{name} figure deux fois dans ce comité ({seen[pid]} et {role}) : "
                                               "une personne n'y tient qu'un rôle."))
            else:
                seen[pid] = role
        if m.person_id is None:
            if m.organisation_id in seats:
                org = organisation_names.get(m.organisation_id, "Cette organisation")
                problems.append(Problem(where, f"{org} figure déjà dans ce comité sans personne nommée."))
            seats.add(m.organisation_id)
    return problems


def check_meeting(meeting: Meeting, today: date | None = None) -> list[Problem]:
    problems: list[Problem] = []
    if meeting.date is None:
        problems.append(Problem("date", "La date de la séance est obligatoire."))
    if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        problems.append(Problem("end_time", "L'heure de fin doit suivre l'heure de début."))
    if meeting.end_time and not meeting.start_time:
        problems.append(Problem("start_time", "Indiquez l'heure de début avant l'heure de fin."))
    problems += too_long(meeting.place, limits.SHORT, "place", "Le lieu")
    link = (meeting.video_link or "").strip()
    if link and not _URL.match(link):
        problems.append(Problem("video_link", "Le lien de visioconférence doit commencer par https:// (ou http://)."))
    if today and meeting.date and meeting.status is MeetingStatus.HELD and meeting.date > today:
        problems.append(Problem("status", f"Une séance prévue le {format_date(meeting.date)} ne peut pas encore être "
                                          "marquée comme tenue."))
    if meeting.convocation_sent_on and meeting.date and meeting.convocation_sent_on > meeting.date:
        problems.append(Problem("convocation_sent_on", "La convocation ne peut pas être envoyée après la séance."))
    if meeting.minutes_status is MinutesStatus.VALIDATED and meeting.status is not MeetingStatus.HELD:
        problems.append(Problem("minutes_status", "Seul le compte rendu d'une séance tenue peut être validé."))
    return problems


def check_agenda_item(item: AgendaItem) -> list[Problem]:
    problems: list[Problem] = []
    if not (item.title or "").strip():
        problems.append(Problem("title", "L'intitulé du point de l'ordre du jour est obligatoire."))
    problems += too_long(item.title, limits.TITLE, "title", "L'intitulé du point")
    if not isinstance(item.duration_minutes, int) or not 0 <= item.duration_minutes <= MAX_ITEM_MINUTES:
        problems.append(Problem("duration_minutes",
                                f"La durée prévue doit être comprise entre 0 et {MAX_ITEM_MINUTES} minutes."))
    if item.kind is AgendaItemKind.CHANGE_REQUEST and item.change_kind is None:
        problems.append(Problem("change_kind", "Précisez la demande d'évolution : inscription, adaptation ou abandon "
                                               "d'une action."))
    ids = item.action_ids
    if len(ids) != len(set(ids)):
        problems.append(Problem("actions", "Une même action est liée deux fois à ce point."))
    return problems


def check_attendance(entry: AttendanceEntry) -> list[Problem]:
    problems: list[Problem] = []
    who = entry.display_name.strip()
    if not who:
        problems.append(Problem("name", "Indiquez le nom de la personne ou de l'organisation."))
    if entry.status is AttendanceStatus.REPRESENTED and not entry.represented_by.strip():
        problems.append(Problem("represented_by", f"{who or 'Ce participant'} est représenté : indiquez par qui."))
    if entry.status is not AttendanceStatus.REPRESENTED and entry.represented_by.strip():
        problems.append(Problem("represented_by", f"{who or 'Ce participant'} n'est pas marqué « représenté » : "
                                                  "effacez le nom du représentant ou changez la présence."))
    return problems


def check_decision(decision: Decision) -> list[Problem]:
    problems: list[Problem] = []
    if not (decision.text or "").strip():
        problems.append(Problem("text", "Le texte de la décision est obligatoire."))
    if not isinstance(decision.number, int) or decision.number < 0:
        problems.append(Problem("number", "Le numéro de la décision doit être un entier positif."))
    if decision.effect in (DecisionEffect.ADAPT, DecisionEffect.ABANDON, DecisionEffect.FINANCING) \
            and not decision.actions:
        problems.append(Problem("actions", f"{decision.effect.label} : liez la décision à l'action concernée."))
    ids = [a.action_id for a in decision.actions if a.action_id is not None]
    if len(ids) != len(set(ids)):
        problems.append(Problem("actions", "Une même action est liée deux fois à cette décision."))
    return problems


def check_follow_up(follow_up: FollowUp, meeting_date: date | None) -> list[Problem]:
    problems: list[Problem] = []
    if not (follow_up.text or "").strip():
        problems.append(Problem("text", "Décrivez la suite à donner."))
    if follow_up.due_date and meeting_date and follow_up.due_date < meeting_date:
        problems.append(Problem("due_date", f"L'échéance ({format_date(follow_up.due_date)}) ne peut pas précéder "
                                            f"la séance du {format_date(meeting_date)}."))
    if follow_up.done_on and not follow_up.done:
        problems.append(Problem("done_on", "Une date de réalisation suppose que la suite soit marquée faite."))
    if follow_up.done_on and meeting_date and follow_up.done_on < meeting_date:
        problems.append(Problem("done_on", f"La date de réalisation ({format_date(follow_up.done_on)}) ne peut pas "
                                           f"précéder la séance du {format_date(meeting_date)}."))
    return problems


def check_attachment(file_name: str, size: int) -> list[Problem]:
    problems: list[Problem] = []
    name = (file_name or "").strip()
    if not name:
        problems.append(Problem("file_name", "Le document joint doit avoir un nom."))
    elif _FILE_NAME_FORBIDDEN.search(name):
        problems.append(Problem("file_name", f"Le nom « {name} » contient des caractères non admis (\\ / : * ? \" < > |)."))
    if size > MAX_ATTACHMENT_BYTES:
        problems.append(Problem("data", f"« {name} » dépasse la taille maximale d'un document joint "
                                        f"({MAX_ATTACHMENT_BYTES // (1024 * 1024)} Mo)."))
    if size == 0:
        problems.append(Problem("data", f"« {name} » est vide."))
    return problems


def check_minutes_validation(meeting: Meeting, at_meeting: Meeting) -> list[Problem]:
    """Minutes are validated at a later meeting of the same committee."""
    problems: list[Problem] = []
    if meeting.status is not MeetingStatus.HELD:
        problems.append(Problem("status", "Seul le compte rendu d'une séance tenue peut être validé."))
    if meeting.minutes_locked:
        problems.append(Problem("minutes_status", "Ce compte rendu est déjà validé."))
    if at_meeting.committee_id != meeting.committee_id:
        problems.append(Problem("minutes_validated_at", "Le compte rendu se valide lors d'une séance du même comité."))
    if at_meeting.id == meeting.id or (at_meeting.date and meeting.date and at_meeting.date <= meeting.date):
        problems.append(Problem("minutes_validated_at", "Le compte rendu se valide lors d'une séance suivante."))
    if at_meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        problems.append(Problem("minutes_validated_at",
                                f"La séance choisie est {at_meeting.status.label.lower()} : elle ne peut rien valider."))
    return problems


def check_decision_applicable(meeting: Meeting, decision: Decision) -> list[Problem]:
    """A decision changes the programme only once, when adopted at a meeting that was held."""
    problems: list[Problem] = []
    if not decision.effect.changes_programme:
        problems.append(Problem("effect", "Cette décision n'a pas d'effet sur le programme d'actions."))
    if decision.outcome is not DecisionOutcome.ADOPTED:
        problems.append(Problem("outcome", f"La décision n° {decision.number} est {decision.outcome.feminine} : "
                                           "seule une décision adoptée s'applique aux actions."))
    if meeting.status is not MeetingStatus.HELD:
        problems.append(Problem("status", "La séance doit être tenue pour appliquer ses décisions."))
    if decision.applied:
        problems.append(Problem("applied_on", f"La décision n° {decision.number} a déjà été appliquée."))
    return problems


def require_editable_minutes(meeting: Meeting) -> None:
    """Raise when the minutes of ``meeting`` are validated (reopen them first)."""
    if meeting.minutes_locked:
        raise DomainError("Le compte rendu de cette séance est validé : rouvrez-le avant de le modifier.")
