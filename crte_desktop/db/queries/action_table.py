"""Queries behind the actions table: ids filtered and sorted in SQL, rows fetched in batches."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from crte_desktop.db.repos.meeting_agenda import action_labels
from crte_desktop.db.store import Store
from crte_desktop.domain.text import fold

# column key → SQL expression used for sorting
SORT_KEYS = {
    "reference": "a.reference COLLATE NOCASE",
    "title": "a.title COLLATE NOCASE",
    "section": "sp.path",
    "owner": "o.name COLLATE NOCASE",
    "status": "st.position",
    "progress": "a.progress",
    "total_cost": "a.total_cost_cents",
    "start_date": "a.start_date",
    "end_date": "a.end_date",
    "year": "a.inscription_year",
    "financed": "fin.retained",
}


@dataclass
class ActionFilter:
    contract_id: int | None = None
    section_ids: tuple[int, ...] | None = None  # a section and all below it
    text: str = ""
    status: str | None = None  # a status code, or "late"
    owner_id: int | None = None
    today: date | None = None
    without_section: bool = False  # only the actions attached to no section


@dataclass
class ActionRow:
    id: int
    reference: str
    title: str
    section_id: int | None
    owner: str
    status: str
    progress: int
    total_cost_cents: int | None
    start_date: str | None
    end_date: str | None
    year: int | None
    retained_cents: int


_FINANCED = (
    "LEFT JOIN (SELECT action_id, SUM(CASE WHEN status IN ('refuse', 'annule') THEN 0"
    " ELSE COALESCE(granted_cents, requested_cents, planned_cents, 0) END) AS retained"
    " FROM financing GROUP BY action_id) fin ON fin.action_id = a.id"
)


# Sections in tree order ("1", "1.2", "2"…): a sortable path of zero-padded positions.
_SECTION_PATH = (
    " LEFT JOIN (WITH RECURSIVE p(id, path) AS ("
    "SELECT id, printf('%06d.%09d', position, id) FROM section WHERE parent_id IS NULL"
    " UNION ALL SELECT s.id, p.path || '/' || printf('%06d.%09d', s.position, s.id)"
    " FROM section s JOIN p ON s.parent_id = p.id) SELECT id, path FROM p) sp ON sp.id = a.section_id"
)


_TEXT_MATCH = (
    "(fold(a.reference) LIKE ? ESCAPE '\\' OR fold(a.title) LIKE ? ESCAPE '\\'"
    " OR fold(o.name) LIKE ? ESCAPE '\\' OR fold(o.short_name) LIKE ? ESCAPE '\\'"
    " OR fold(a.description) LIKE ? ESCAPE '\\'"
    " OR a.id IN (SELECT fi.action_id FROM financing fi WHERE fi.funder_id IN (SELECT fu.id FROM funder fu"
    " WHERE fold(fu.name) LIKE ? ESCAPE '\\' OR fold(fu.short_name) LIKE ? ESCAPE '\\')"
    " OR fi.scheme_id IN (SELECT sc.id FROM scheme sc WHERE fold(sc.name) LIKE ? ESCAPE '\\')))"
)


def _where(f: ActionFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.contract_id is not None:
        clauses.append("a.contract_id = ?")
        params.append(f.contract_id)
    if f.section_ids is not None:
        clauses.append(f"a.section_id IN ({','.join('?' * len(f.section_ids)) or 'NULL'})")
        params.extend(f.section_ids)
    if f.without_section:
        clauses.append("a.section_id IS NULL")
    if f.owner_id is not None:
        clauses.append("a.owner_id = ?")
        params.append(f.owner_id)
    if f.status == "late":
        clauses.append("a.end_date < ? AND a.status NOT IN ('realisee', 'abandonnee')")
        params.append((f.today or date.today()).isoformat())
    elif f.status:
        clauses.append("a.status = ?")
        params.append(f.status)
    for word in fold(f.text).split():
        # each word must be found somewhere: reference, title, owner, description, or a funder or scheme of
        # the action's financing (funders and schemes are few: matched first, then the financing by index)
        clauses.append(_TEXT_MATCH)
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern] * _TEXT_MATCH.count("?"))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def action_ids(store: Store, f: ActionFilter, sort_key: str = "reference", descending: bool = False) -> list[int]:
    """Ids of the actions matching ``f``, in display order."""
    order = SORT_KEYS.get(sort_key, SORT_KEYS["reference"])
    direction = "DESC" if descending else "ASC"
    where, params = _where(f)
    join_fin = _FINANCED if sort_key == "financed" else ""
    if sort_key == "section":
        join_fin += _SECTION_PATH
    sql = (f"SELECT a.id FROM action a LEFT JOIN organisation o ON o.id = a.owner_id"
           f" JOIN action_status st ON st.code = a.status {join_fin}{where}"
           f" ORDER BY {order} {direction}, a.reference COLLATE NOCASE {direction}, a.id")
    return [r[0] for r in store.conn.execute(sql, params)]


def action_rows(store: Store, ids: list[int]) -> dict[int, ActionRow]:
    """The displayed values of the given actions (one batch)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sql = (f"SELECT a.id, a.reference, a.title, a.section_id, COALESCE(NULLIF(o.short_name, ''), o.name, ''),"
           f" a.status, a.progress, a.total_cost_cents, a.start_date, a.end_date, a.inscription_year,"
           f" COALESCE(fin.retained, 0)"
           f" FROM action a LEFT JOIN organisation o ON o.id = a.owner_id"
           f" LEFT JOIN (SELECT action_id, SUM(CASE WHEN status IN ('refuse', 'annule') THEN 0"
           f" ELSE COALESCE(granted_cents, requested_cents, planned_cents, 0) END) AS retained"
           f" FROM financing WHERE action_id IN ({marks}) GROUP BY action_id) fin ON fin.action_id = a.id"
           f" WHERE a.id IN ({marks})")
    return {r[0]: ActionRow(*r) for r in store.conn.execute(sql, list(ids) + list(ids))}


def section_subtree(store: Store, section_id: int) -> tuple[int, ...]:
    return tuple(r[0] for r in store.conn.execute(
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
        " SELECT id FROM sub", (section_id,)))


def action_count(store: Store, contract_id: int | None = None) -> int:
    if contract_id is None:
        return store.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0]
    return store.conn.execute("SELECT COUNT(*) FROM action WHERE contract_id = ?", (contract_id,)).fetchone()[0]


@dataclass
class ActionTotals:
    count: int
    total_cost_cents: int
    retained_cents: int


def action_totals(store: Store, ids: list[int]) -> ActionTotals:
    """Count, total cost and retained financing of the given actions (the table's status bar).

    Takes the ids already filtered by ``action_ids`` so the text filter is not evaluated twice."""
    if not ids:
        return ActionTotals(0, 0, 0)
    sql = ("SELECT COUNT(*), COALESCE(SUM(a.total_cost_cents), 0), COALESCE((SELECT SUM(CASE WHEN status IN"
           " ('refuse', 'annule') THEN 0 ELSE COALESCE(granted_cents, requested_cents, planned_cents, 0) END)"
           " FROM financing WHERE action_id IN (SELECT value FROM json_each(?1))), 0)"
           " FROM action a WHERE a.id IN (SELECT value FROM json_each(?1))")
    return ActionTotals(*store.conn.execute(sql, (json.dumps(list(ids)),)).fetchone())


def section_counts(store: Store, contract_id: int) -> dict[int | None, int]:
    """Section id (None: no section) → number of actions attached directly to it."""
    return dict(store.conn.execute(
        "SELECT section_id, COUNT(*) FROM action WHERE contract_id = ? GROUP BY section_id", (contract_id,)))


def action_owners(store: Store, contract_id: int | None = None) -> list[tuple[int, str]]:
    """(id, label) of the organisations owning at least one action, by name."""
    where, params = ("WHERE a.contract_id = ?", [contract_id]) if contract_id is not None else ("", [])
    return [(r[0], r[1]) for r in store.conn.execute(
        "SELECT DISTINCT o.id, COALESCE(NULLIF(o.short_name, ''), o.name) AS label FROM action a"
        f" JOIN organisation o ON o.id = a.owner_id {where} ORDER BY label COLLATE NOCASE", params)]


class ActionTable:
    """These queries on an open store: what the screens call, through the Workspace."""

    def __init__(self, store: Store):
        self._store = store

    def ids(self, f: ActionFilter, sort_key: str = "reference", descending: bool = False) -> list[int]:
        return action_ids(self._store, f, sort_key, descending)

    def rows(self, ids: list[int]) -> dict[int, ActionRow]:
        return action_rows(self._store, ids)

    def totals(self, ids: list[int]) -> ActionTotals:
        return action_totals(self._store, ids)

    def count(self, contract_id: int | None = None) -> int:
        return action_count(self._store, contract_id)

    def section_counts(self, contract_id: int) -> dict[int | None, int]:
        return section_counts(self._store, contract_id)

    def section_subtree(self, section_id: int) -> tuple[int, ...]:
        return section_subtree(self._store, section_id)

    def owners(self, contract_id: int | None = None) -> list[tuple[int, str]]:
        return action_owners(self._store, contract_id)

    def labels(self, ids) -> dict[int, str]:
        """« reference — title » of each action (agenda items, decisions)."""
        return action_labels(self._store, ids)


def lever_names_by_action(store: Store, contract_id: int) -> dict[int, list[str]]:
    """The SGPE levers of each action of the contract (names, in the reference order); schema 4 and later."""
    result: dict[int, list[str]] = {}
    for action_id, name in store.conn.execute(
            "SELECT al.action_id, l.name FROM action_lever al JOIN sgpe_lever l ON l.id = al.lever_id"
            " JOIN action a ON a.id = al.action_id WHERE a.contract_id = ? ORDER BY al.action_id, l.position, l.id",
            (contract_id,)):
        result.setdefault(action_id, []).append(name)
    return result
