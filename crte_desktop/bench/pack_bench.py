"""Benchmark of the meeting pack: in a copy of a (benchmark) workspace, a COPIL meeting with a 30-item agenda
linking 30 actions, then ``build_pack`` timed against its budget. The workspace given is never modified."""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date, time as clock
from pathlib import Path

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.pack import build_pack

PACK_BUDGET_S = 5.0
AGENDA_ITEMS = 30
MEETING_DAY = date(2024, 6, 20)


def prepare_meeting(store, items: int = AGENDA_ITEMS) -> tuple[int, int]:
    """Add to ``store`` a COPIL of its first contract (if it has none) with a meeting whose agenda has
    ``items`` points (fewer on a small workspace), each linked to a different action.
    Returns (meeting id, number of points)."""
    contracts = ContractRepository(store).contracts()
    if not contracts:
        raise DomainError("Le banc d'essai du dossier de séance demande un espace de travail avec un contrat.")
    contract = contracts[0]
    actions = [(a.id, a.reference, a.title) for a in ActionRepository(store).for_contract(contract.id)[:items]]
    if not actions:
        raise DomainError("Le banc d'essai du dossier de séance demande au moins une action dans un contrat.")
    committees = CommitteeService(store)
    copil = next((c for c in committees.committees(contract.id) if c.kind is CommitteeKind.COPIL), None)
    if copil is None:
        copil = committees.new(contract.id, CommitteeKind.COPIL)
        seats = DirectoryRepository(store).organisations()[:12]
        copil.members = [CommitteeMember(o.id, None, MemberRole.CO_PRESIDENT if i < 2 else MemberRole.MEMBER)
                         for i, o in enumerate(seats)]
        committees.save(copil)
    meetings = MeetingService(store, MEETING_DAY)
    meeting = meetings.new(copil.id, MEETING_DAY, clock(10, 0), clock(12, 0))
    meeting.place = "Sous-préfecture, salle des commissions"
    meetings.save(meeting)
    agenda = AgendaService(store)
    kinds = (AgendaItemKind.PROGRESS, AgendaItemKind.DECISION, AgendaItemKind.INFORMATION)
    for n, (action_id, reference, title) in enumerate(actions):
        item = AgendaItem(meeting_id=meeting.id, title=f"Point sur l'action {reference} — {title}"[:200],
                          kind=kinds[n % len(kinds)], presenter="Secrétariat du CRTE", duration_minutes=5,
                          actions=[agenda.link(action_id)])
        agenda.save_item(item)
    return meeting.id, len(actions)


def run_pack_bench(path: Path | str, items: int = AGENDA_ITEMS) -> list[str]:
    """Time the meeting pack of a new meeting (``items`` agenda points, as many actions) in a copy of the
    workspace at ``path``. Returns the report lines (French)."""
    from crte_desktop.bench.command import seconds, verdict

    with tempfile.TemporaryDirectory(prefix="crte-pack-bench-") as tmp:
        copy = Path(tmp) / "copie.crte"
        shutil.copyfile(path, copy)
        with Store.open(copy) as store:
            meeting_id, items = prepare_meeting(store, items)
            start = time.perf_counter()
            result = build_pack(store, meeting_id, Path(tmp) / "dossier.pdf", today=MEETING_DAY)
            elapsed = time.perf_counter() - start
    budget = f"< {PACK_BUDGET_S:.0f} s"
    return [f"Dossier de séance ({items} points, {items} fiches actions, {result.page_count} pages)  "
            f"{seconds(elapsed)}  {budget}  {verdict(elapsed, PACK_BUDGET_S)}"]
