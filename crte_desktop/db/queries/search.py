"""The global search (Ctrl+K): actions, meetings, decisions, follow-ups and persons whose words contain every
word typed, accents and case folded. One query per kind, each capped."""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.db.store import Store
from crte_desktop.domain.text import fold


@dataclass(frozen=True)
class SearchRow:
    kind: str  # "action", "meeting", "decision", "follow_up", "person"
    id: int  # the record's id (for a decision or follow-up: its own id)
    meeting_id: int | None  # the meeting to open (meetings, decisions, follow-ups)
    contract_id: int | None
    fields: tuple  # the raw values the service turns into a title and a detail line


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _match(expressions: list[str], words: list[str]) -> tuple[str, list]:
    """Every word in one of the expressions (folded)."""
    haystack = " || ' ' || ".join(f"COALESCE({e}, '')" for e in expressions)
    clauses = [f"fold({haystack}) LIKE ? ESCAPE '\\'" for _w in words]
    return " AND ".join(clauses), [_like(w) for w in words]


_QUERIES = {
    "action": (
        "SELECT a.id, NULL, a.contract_id, a.reference, a.title, COALESCE(NULLIF(o.short_name, ''), o.name, ''),"
        " ct.name FROM action a LEFT JOIN organisation o ON o.id = a.owner_id JOIN contract ct ON ct.id = a.contract_id"
        " WHERE {where}"
        " ORDER BY a.reference COLLATE NOCASE LIMIT ?",
        ["a.reference", "a.title", "a.description", "o.name", "o.short_name"]),
    "meeting": (
        "SELECT m.id, m.id, c.contract_id, c.kind, c.name, m.date, m.place, m.status FROM meeting m"
        " JOIN committee c ON c.id = m.committee_id WHERE {where} ORDER BY m.date DESC LIMIT ?",
        ["c.name", "c.kind", "m.place", "m.introduction", "m.date",
         "substr(m.date, 9, 2) || '/' || substr(m.date, 6, 2) || '/' || substr(m.date, 1, 4)"]),
    "decision": (
        "SELECT d.id, d.meeting_id, c.contract_id, d.number, d.text, c.kind, m.date, d.outcome, ct.name"
        " FROM decision d JOIN meeting m ON m.id = d.meeting_id JOIN committee c ON c.id = m.committee_id"
        " JOIN contract ct ON ct.id = c.contract_id WHERE {where}"
        " ORDER BY m.date DESC, d.number LIMIT ?",
        ["d.text", "(SELECT group_concat(action_label, ' ') FROM decision_action da WHERE da.decision_id = d.id)"]),
    "follow_up": (
        "SELECT f.id, f.meeting_id, c.contract_id, f.text, f.owner, f.due_date, f.done, c.kind, m.date, ct.name"
        " FROM follow_up f JOIN meeting m ON m.id = f.meeting_id JOIN committee c ON c.id = m.committee_id"
        " JOIN contract ct ON ct.id = c.contract_id WHERE {where} ORDER BY f.done, f.due_date IS NULL, f.due_date LIMIT ?",
        ["f.text", "f.owner"]),
    "person": (
        "SELECT p.id, NULL, NULL, p.civility, p.first_name, p.last_name, p.function,"
        " COALESCE(NULLIF(o.short_name, ''), o.name, ''), p.email FROM person p"
        " LEFT JOIN organisation o ON o.id = p.organisation_id WHERE {where}"
        " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ?",
        ["p.first_name", "p.last_name", "p.function", "p.email", "o.name", "o.short_name"]),
}

KINDS = tuple(_QUERIES)


def search(store: Store, text: str, limit: int = 20) -> list[SearchRow]:
    """Up to ``limit`` records of each kind containing every word of ``text``; nothing for blank text."""
    words = fold(text).split()
    if not words:
        return []
    rows: list[SearchRow] = []
    for kind, (sql, expressions) in _QUERIES.items():
        where, params = _match(expressions, words)
        for r in store.conn.execute(sql.format(where=where), [*params, limit]):
            rows.append(SearchRow(kind, r[0], r[1], r[2], tuple(r[3:])))
    return rows
