"""Committees and meetings of the demo workspace.

The compositions are the seed contracts' own (article "Gouvernance", ``committees`` in
crte_desktop/resources/demo/*.json). The meetings are illustrative, dated around ``today``: last year's COPIL, two
COTECH held this year (agenda, attendance, minutes, decisions and follow-ups filled in; the first one's
minutes validated at the second) and the coming COPIL, convened with its agenda prepared.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, time, timedelta

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.action import Action
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import (
    AgendaItemKind, AttendanceStatus, ChangeKind, Committee, CommitteeKind, CommitteeMember, DecisionOutcome,
    FollowUp, Meeting, MeetingStatus, MemberRole,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes import MinutesService
from crte_desktop.resources import demo_dir


def add_demo_meetings(store, contract_id: int, committees_json: list[dict], *, dataset: dict | None = None,
                      today: date | None = None) -> list[Committee]:
    """Create the contract's committees from ``committees_json`` (members given by the organisation and
    person keys of the demo data) and their demo meetings. ``dataset``: the whole JSON of the contract,
    to resolve the keys (found among crte_desktop/resources/demo/*.json when omitted). Returns the committees."""
    if not committees_json:
        return []
    today = today or date.today()
    dataset = dataset or _dataset_with(committees_json)
    orgs, persons = _resolve_keys(store, dataset)
    with store.transaction():
        committees = [_committee(store, contract_id, raw, orgs, persons) for raw in committees_json]
        actions = ActionRepository(store).for_contract(contract_id)
        place = _place(store, committees)
        copil = next((c for c in committees if c.kind is CommitteeKind.COPIL), None)
        cotech = next((c for c in committees if c.kind is CommitteeKind.COTECH), None)
        if cotech is not None:
            first = _weekday(today - timedelta(days=240))
            second = _weekday(today - timedelta(days=45))
            m1 = _held_meeting(store, cotech, first, place, actions, today, hybrid=False)
            m2 = _held_meeting(store, cotech, second, place, actions, today, hybrid=True)
            MinutesService(store, today).validate(m1.id, m2.id)
        if copil is not None:
            last_year = _weekday(date(today.year - 1, 12, 1))
            _held_meeting(store, copil, last_year, place, actions, today, hybrid=False)
            _coming_copil(store, copil, _weekday(today + timedelta(days=28)), place, actions, today)
    return committees


# -- keys of the demo data ----------------------------------------------------------------------------

def _dataset_with(committees_json: list[dict]) -> dict:
    for path in sorted((p for p in demo_dir().iterdir() if p.name.endswith(".json")), key=lambda p: p.name):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("committees") == committees_json:
            return data
    raise DomainError("Données de démonstration : composition des comités introuvable.")


def _resolve_keys(store, dataset: dict) -> tuple[dict[str, int], dict[str, int]]:
    """Organisation and person keys of the data → ids in the workspace (matched by name, as the loader does)."""
    directory = DirectoryRepository(store)
    by_name = {o.name: o.id for o in directory.organisations()}
    orgs = {o["key"]: by_name[o["name"]] for o in dataset.get("organisations", []) if o["name"] in by_name}
    by_identity = {(p.first_name, p.last_name, p.organisation_id): p.id for p in directory.persons()}
    persons = {}
    for p in dataset.get("persons", []):
        identity = (p.get("first_name", ""), p["last_name"], orgs.get(p.get("organisation")))
        if identity in by_identity:
            persons[p["key"]] = by_identity[identity]
    return orgs, persons


def _committee(store, contract_id: int, raw: dict, orgs: dict, persons: dict) -> Committee:
    service = CommitteeService(store)
    committee = service.new(contract_id, CommitteeKind.from_code(raw["kind"].lower()))
    committee.name = raw.get("name") or committee.name
    committee.min_per_year = int(raw.get("min_per_year", committee.min_per_year))
    for m in raw.get("members", []):
        org, person = m.get("organisation"), m.get("person")
        if org and org not in orgs or person and person not in persons:
            raise DomainError(f"Données de démonstration : membre inconnu « {person or org} » dans « {committee.name} ».")
        committee.members.append(CommitteeMember(orgs.get(org), persons.get(person), MemberRole.parse(m["role"])))
    service.save(committee)
    return committee


def _place(store, committees: list[Committee]) -> str:
    """The (sub-)prefecture co-chairing the committees hosts the meetings."""
    directory = DirectoryRepository(store)
    chairs = [directory.organisation(m.organisation_id) for c in committees for m in c.members
              if m.organisation_id and m.role is MemberRole.CO_PRESIDENT]
    for word in ("sous-préfecture", "préfecture"):
        for org in chairs:
            if org and word in org.name.lower():
                return f"{org.name}, salle des commissions"
    return "Salle du conseil"


def _weekday(day: date) -> date:
    """The Tuesday or Thursday on or after ``day``."""
    while day.weekday() not in (1, 3):
        day += timedelta(days=1)
    return day


# -- meetings -----------------------------------------------------------------------------------------

def _pick(actions: list[Action], n: int, *statuses: str) -> list[Action]:
    chosen = [a for a in actions if a.status.value in statuses] or actions
    return chosen[:n]


def _new_meeting(store, committee: Committee, on: date, place: str, status: MeetingStatus, today: date,
                 hybrid: bool) -> Meeting:
    meetings = MeetingService(store, today)
    m = meetings.new(committee.id, on, time(14, 30) if committee.kind is CommitteeKind.COTECH else time(10, 0),
                     time(16, 30) if committee.kind is CommitteeKind.COTECH else time(12, 0))
    m.place = place
    if hybrid:
        m.video_link = "https://webconf.numerique.gouv.fr/crte-cotech"
    m.status = status
    meetings.save(m)
    return m


def _held_meeting(store, committee: Committee, on: date, place: str, actions: list[Action], today: date,
                  hybrid: bool) -> Meeting:
    meetings = MeetingService(store, today)
    m = _new_meeting(store, committee, on, place, MeetingStatus.PLANNED, today, hybrid)
    meetings.mark_convocation_sent(m.id, on - timedelta(days=15))
    m = meetings.get(m.id)
    m.status = MeetingStatus.HELD
    m.introduction = (f"La séance est ouverte à {m.start_time.hour}h{m.start_time.minute:02d} par les co-présidents, "
                      "qui remercient les participants. Le quorum n'est pas requis ; les documents de séance ont été "
                      "adressés aux membres avec la convocation.")
    meetings.save(m)
    agenda = AgendaService(store)
    agenda.apply_template(m.id)
    focus = _pick(actions, 3, "en_cours")
    change = _pick(actions, 1, "en_preparation", "a_venir") or focus[:1]
    counts = Counter(a.status.label.lower() for a in actions)
    summary = ", ".join(f"{n} {label}{'s' if n > 1 and not label.endswith('s') else ''}"
                        for label, n in counts.most_common())
    for item in agenda.items(m.id):
        if item.kind is AgendaItemKind.PREVIOUS_MINUTES:
            item.notes = "Le compte rendu de la séance précédente est approuvé sans observation."
        elif item.kind is AgendaItemKind.PROGRESS and "suivi" in item.title:
            item.notes = (f"Le secrétariat présente le tableau de suivi : sur les {len(actions)} actions du programme, "
                          f"{summary}. Le taux de réalisation et la mobilisation des financements sont commentés.")
        elif item.kind is AgendaItemKind.PROGRESS:
            item.actions = [agenda.link(a.id) for a in focus]
            item.notes = (f"Les maîtres d'ouvrage des actions {', '.join(a.reference for a in focus)} font le point "
                          "sur leurs calendriers et leurs plans de financement. Aucun blocage n'est signalé ; "
                          "une notification de subvention reste attendue.")
        elif item.kind is AgendaItemKind.CHANGE_REQUEST:
            item.actions = [agenda.link(a.id) for a in change]
            refs = ", ".join(a.reference for a in change)
            item.notes = (f"Le maître d'ouvrage de l'action {refs} demande l'adaptation de son calendrier, "
                          "les études préalables ayant pris du retard. Le comité examine la demande.")
        elif item.kind is AgendaItemKind.ANNUAL_REVIEW:
            item.notes = ("Le comité technique présente l'évaluation annuelle du contrat sur la base des "
                          "indicateurs de suivi des fiches actions.")
        elif item.kind is AgendaItemKind.OTHER_BUSINESS:
            item.notes = "Aucune question diverse n'est soulevée. La séance est levée."
        else:
            item.notes = "Le point est présenté ; il n'appelle pas d'observation particulière."
        agenda.save_item(item)
    _attendance(store, m.id)
    _decisions(store, m, change, focus, today)
    return meetings.get(m.id)


def _attendance(store, meeting_id: int) -> None:
    service = AttendanceService(store)
    sheet = service.sheet(meeting_id)
    for i, e in enumerate(sheet):
        if i % 5 == 3:
            e.status = AttendanceStatus.EXCUSED
        elif i % 7 == 4:
            e.status = AttendanceStatus.REPRESENTED
            e.represented_by = "son directeur adjoint"
    sheet.append(service.guest(meeting_id, "Chargé de mission CRTE", "Agence nationale de la cohésion des territoires",
                               "Invité"))
    service.save(meeting_id, sheet)


def _decisions(store, meeting: Meeting, change: list[Action], focus: list[Action], today: date) -> None:
    service = DecisionService(store, today)
    items = {i.kind: i for i in AgendaService(store).items(meeting.id)}
    progress = items.get(AgendaItemKind.PROGRESS)
    request = items.get(AgendaItemKind.CHANGE_REQUEST)
    d1 = service.new_decision(meeting.id, progress.id if progress else None)
    d1.text = "Le tableau de suivi de l'exécution du CRTE est validé et sera adressé aux membres."
    service.save_decision(d1)
    d2 = service.new_decision(meeting.id, request.id if request else None)
    refs = ", ".join(a.reference for a in change)
    d2.text = (f"Avis favorable à l'adaptation du calendrier de l'action {refs} ; la demande sera soumise au "
               "comité de pilotage.")
    d2.actions = [AgendaService(store).link(a.id) for a in change]
    service.save_decision(d2)
    d3 = service.new_decision(meeting.id, progress.id if progress else None)
    if focus:
        d3.text = (f"Le point sur le plan de financement de l'action {focus[-1].reference} est reporté à la prochaine "
                   "séance, dans l'attente de la notification des subventions sollicitées.")
        d3.outcome = DecisionOutcome.POSTPONED
        d3.actions = [AgendaService(store).link(focus[-1].id)]
        service.save_decision(d3)
    owner = next((a for a in focus if a.owner_id), None)
    owner_name = ""
    if owner:
        org = DirectoryRepository(store).organisation(owner.owner_id)
        owner_name = org.label if org else ""
    done_until = min(meeting.date + timedelta(days=10), today)
    for text, who, due, done in (
            ("Adresser le tableau de suivi mis à jour aux membres du comité", "Secrétariat du CRTE",
             meeting.date + timedelta(days=14), True),
            (f"Transmettre le plan de financement actualisé de l'action {focus[-1].reference}" if focus else
             "Transmettre les plans de financement actualisés", owner_name or "Maître d'ouvrage",
             meeting.date + timedelta(days=30), False),
            ("Préparer la présentation de l'évaluation annuelle", "Secrétariat du CRTE",
             meeting.date + timedelta(days=75), False)):
        service.save_follow_up(FollowUp(meeting_id=meeting.id, text=text, owner=who, due_date=due, done=done,
                                        done_on=done_until if done else None, decision_id=d1.id if done else None))


def _coming_copil(store, copil: Committee, on: date, place: str, actions: list[Action], today: date) -> Meeting:
    meetings = MeetingService(store, today)
    m = _new_meeting(store, copil, on, place, MeetingStatus.PLANNED, today, hybrid=False)
    agenda = AgendaService(store)
    agenda.apply_template(m.id)
    change = _pick(actions, 1, "en_preparation", "a_venir")
    done = _pick(actions, 2, "realisee")
    for item in agenda.items(m.id):
        if item.kind is AgendaItemKind.CHANGE_REQUEST:
            item.actions = [agenda.link(a.id) for a in change]
            item.change_kind = ChangeKind.ADAPTATION
            item.description = "Demande présentée par le comité technique, avis favorable."
            agenda.save_item(item)
        elif item.kind is AgendaItemKind.PROGRESS:
            item.actions = [agenda.link(a.id) for a in done]
            item.description = "Actions réalisées depuis le précédent comité et programmation de l'année à venir."
            agenda.save_item(item)
    meetings.mark_convocation_sent(m.id, today - timedelta(days=3))
    return meetings.get(m.id)
