"""What the global search shows: one hit per record, with a French title and a detail line, grouped by kind
(actions, séances, décisions, suites à donner, personnes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crte_desktop.db.queries import search as search_queries
from crte_desktop.db.store import Store
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import CommitteeKind, DecisionOutcome, MeetingStatus

KIND_LABELS = {"action": "Action", "meeting": "Séance", "decision": "Décision", "follow_up": "Suite à donner",
               "person": "Personne"}


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    detail: str
    meeting_id: int | None = None
    contract_id: int | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _date(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def _committee(kind: str) -> str:
    return CommitteeKind.from_code(kind).label


def _short(text: str, size: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _hit(row: search_queries.SearchRow) -> Hit:
    f = row.fields
    if row.kind == "action":
        reference, title, owner, contract = f
        return Hit("action", row.id, f"{reference} — {title}", " — ".join(p for p in (owner, contract) if p),
                   contract_id=row.contract_id)
    if row.kind == "meeting":
        kind, name, on, place, status = f
        detail = " — ".join(p for p in (name, place, MeetingStatus.from_code(status).label) if p)
        return Hit("meeting", row.id, f"{_committee(kind)} du {_date(on)}", detail, row.meeting_id, row.contract_id)
    if row.kind == "decision":
        number, text, kind, on, outcome, contract = f
        return Hit("decision", row.id, f"Décision n° {number} — {_short(text, 80)}",
                   f"{_committee(kind)} du {_date(on)} ({contract}) — {DecisionOutcome.from_code(outcome).feminine}",
                   row.meeting_id, row.contract_id)
    if row.kind == "follow_up":
        text, owner, due, done, kind, on, contract = f
        state = "fait" if done else (f"pour le {_date(due)}" if due else "à faire")
        detail = " — ".join(p for p in (owner, state, f"{_committee(kind)} du {_date(on)} ({contract})") if p)
        return Hit("follow_up", row.id, _short(text, 90), detail, row.meeting_id, row.contract_id)
    civility, first, last, function, organisation, email = f
    name = " ".join(p for p in (civility, first, last) if p)
    return Hit("person", row.id, name, " — ".join(p for p in (function, organisation, email) if p))


def search(store: Store, text: str, limit: int = 20) -> list[Hit]:
    """The hits for ``text`` (every word must appear), actions first, then meetings, decisions, follow-ups
    and persons; at most ``limit`` of each kind."""
    return [_hit(r) for r in search_queries.search(store, text, limit)]
