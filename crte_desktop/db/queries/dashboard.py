"""Queries behind the dashboard, aggregated in SQL over a ``summary_queries.Scope`` (its filters).

Each function returns plain rows; ``crte_desktop.dashboard`` turns them into figures.
"""

from __future__ import annotations

from crte_desktop.db.queries.summary import LATE, RETAINED, TERRITORY_OF_ACTION, Scope
from crte_desktop.db.store import Store

_OPEN = "a.status != 'abandonnee'"  # an abandoned action weighs in no progress and raises no financing alert


def progress_by_section(store: Store, scope: Scope) -> list[tuple]:
    """Per section of the actions (NULL = none), actions not abandoned:
    (section_id, count, costed count, sum of costs, sum of progress × cost, sum of progress)."""
    where, params = scope.actions_where()
    return store.conn.execute(
        "SELECT a.section_id, COUNT(*), COUNT(a.total_cost_cents), COALESCE(SUM(a.total_cost_cents), 0),"
        " COALESCE(SUM(a.progress * a.total_cost_cents), 0), COALESCE(SUM(a.progress), 0)"
        f" FROM action a WHERE a.contract_id = ? AND {_OPEN} {where} GROUP BY a.section_id",
        (scope.contract_id,) + params).fetchall()


def retained_on_costed(store: Store, scope: Scope) -> int:
    """Financing retained (FinancingLine.retained) by the scope's lines on actions that have a cost, in cents."""
    where, params = scope.lines_where()
    return store.conn.execute(
        f"SELECT COALESCE(SUM({RETAINED}), 0) FROM financing f JOIN action a ON a.id = f.action_id"
        f" WHERE a.contract_id = ? AND a.total_cost_cents IS NOT NULL {where}",
        (scope.contract_id,) + params).fetchone()[0]


def financing_balances(store: Store, scope: Scope, public_limit_ratio: tuple[int, int]) -> list[tuple]:
    """Actions of the scope (not abandoned, with a cost) whose whole financing plan (external financing plus the
    self-financing lines) does not match the cost or whose public aid exceeds ``public_limit_ratio`` (numerator,
    denominator) of it: (id, reference, title, cost, external retained, public retained, line count,
    self-financing lines retained), all lines of the action counted."""
    where, params = scope.actions_where()
    num, den = public_limit_ratio
    own = ",".join("?" * len(scope.own_funder_ids)) or "-1"  # no such id: never NULL (NOT NULL is not true)
    mine = f"f.funder_id IN ({own})"
    return store.conn.execute(
        "SELECT a.id, a.reference, a.title, a.total_cost_cents, COALESCE(fin.retained, 0), COALESCE(fin.public, 0),"
        " COALESCE(fin.lines, 0), COALESCE(fin.own, 0) FROM action a"
        f" LEFT JOIN (SELECT f.action_id, SUM(CASE WHEN {mine} THEN 0 ELSE {RETAINED} END) AS retained,"
        f" SUM(CASE WHEN fu.is_public = 1 AND NOT {mine} THEN {RETAINED} ELSE 0 END) AS public, COUNT(*) AS lines,"
        f" SUM(CASE WHEN {mine} THEN {RETAINED} ELSE 0 END) AS own"
        " FROM financing f JOIN funder fu ON fu.id = f.funder_id JOIN action a2 ON a2.id = f.action_id"
        " WHERE a2.contract_id = ? GROUP BY f.action_id) fin ON fin.action_id = a.id"
        f" WHERE a.contract_id = ? AND {_OPEN} AND a.total_cost_cents > 0 {where}"
        " AND (COALESCE(fin.retained, 0) + COALESCE(fin.own, 0) != a.total_cost_cents"
        " OR COALESCE(fin.public, 0) * ? > a.total_cost_cents * ?)"
        " ORDER BY a.reference COLLATE NOCASE",
        scope.own_funder_ids * 3 + (scope.contract_id, scope.contract_id) + params + (den, num)).fetchall()


def self_financing_total(store: Store, scope: Scope) -> int:
    """The owners' self-financing (« reste à charge ») of the scope's actions that have a cost and are not
    abandoned, in cents: for each, its cost less its external financing retained (all its lines, whatever the
    funder and year filters), never below zero."""
    where, params = scope.actions_where()
    external, external_params = scope.external("f")
    return store.conn.execute(
        "SELECT COALESCE(SUM(MAX(a.total_cost_cents - COALESCE(ext.retained, 0), 0)), 0) FROM action a"
        f" LEFT JOIN (SELECT f.action_id, SUM({RETAINED}) AS retained FROM financing f"
        f" JOIN action a2 ON a2.id = f.action_id WHERE a2.contract_id = ? {external} GROUP BY f.action_id) ext"
        " ON ext.action_id = a.id"
        f" WHERE a.contract_id = ? AND {_OPEN} AND a.total_cost_cents IS NOT NULL {where}",
        (scope.contract_id,) + external_params + (scope.contract_id,) + params).fetchone()[0]


def lapse_candidates(store: Store, scope: Scope, horizon_days: int) -> list[tuple]:
    """Granted lines of the scope that may lapse (« caducité ») within ``horizon_days`` (or already have):
    a scheme with a lapse delay, a decision date, no declared start of works, nothing paid, not settled,
    refused or cancelled. The SQL date is a coarse pre-filter; the exact date is the domain's.
    (line id, action id, reference, title, funder label, scheme name, year, decision date ISO, lapse months,
    granted cents)."""
    where, params = scope.lines_where()
    return store.conn.execute(
        "SELECT f.id, a.id, a.reference, a.title, COALESCE(NULLIF(fu.short_name, ''), fu.name), s.name, f.year,"
        " f.decision_date, s.lapse_months, f.granted_cents"
        " FROM financing f JOIN action a ON a.id = f.action_id JOIN scheme s ON s.id = f.scheme_id"
        " JOIN funder fu ON fu.id = f.funder_id"
        " WHERE a.contract_id = ? AND s.lapse_months > 0 AND f.decision_date IS NOT NULL"
        " AND f.works_start_date IS NULL AND COALESCE(f.paid_cents, 0) = 0 AND f.granted_cents > 0"
        " AND f.status NOT IN ('refuse', 'annule', 'solde')"
        " AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.financing_id = f.id)"
        " AND date(f.decision_date, '+' || s.lapse_months || ' months', '-5 days') <= date(?, '+' || ? || ' days')"
        f" {where} ORDER BY f.decision_date, a.reference COLLATE NOCASE",
        (scope.contract_id, scope.today, horizon_days) + params).fetchall()


def late_actions(store: Store, scope: Scope) -> list[tuple]:
    """(id, reference, title, end date ISO) of the open actions past their end date."""
    where, params = scope.actions_where()
    return store.conn.execute(
        f"SELECT a.id, a.reference, a.title, a.end_date FROM action a WHERE a.contract_id = ? AND {LATE} {where}"
        " ORDER BY a.end_date, a.reference COLLATE NOCASE", (scope.contract_id, scope.today) + params).fetchall()


def indicator_rows(store: Store, scope: Scope, with_unattached: bool) -> list[tuple]:
    """Indicators of the scope's actions (and, when ``with_unattached``, the contract's and sections' own,
    within the section filter), with their latest measurement:
    (id, name, unit, baseline, target, due_date, action_id, action reference, section_id, action start_date,
    latest date, latest value)."""
    where, params = scope.actions_where()
    unattached = ""
    extra: tuple = ()
    if with_unattached:
        if scope.section_ids is None:
            unattached = " OR (i.action_id IS NULL AND i.contract_id = ?)"
            extra = (scope.contract_id,)
        else:
            marks = ",".join("?" * len(scope.section_ids)) or "NULL"
            unattached = f" OR (i.action_id IS NULL AND i.contract_id = ? AND i.section_id IN ({marks}))"
            extra = (scope.contract_id,) + tuple(scope.section_ids)
    return store.conn.execute(
        "SELECT i.id, i.name, i.unit, i.baseline, i.target, i.due_date, i.action_id, a.reference,"
        " COALESCE(i.section_id, a.section_id), a.start_date, m.date, m.value"
        " FROM indicator i LEFT JOIN action a ON a.id = i.action_id"
        " LEFT JOIN measurement m ON m.id = (SELECT m2.id FROM measurement m2 WHERE m2.indicator_id = i.id"
        " ORDER BY m2.date DESC LIMIT 1)"
        f" WHERE (i.action_id IN (SELECT a.id FROM action a WHERE a.contract_id = ? {where}){unattached})"
        " ORDER BY a.reference COLLATE NOCASE, i.position, i.id",
        (scope.contract_id,) + params + extra).fetchall()


# -- the actions behind a figure ---------------------------------------------------------------------

_STAGE_COLUMNS = {"planned": "planned_cents", "requested": "requested_cents", "granted": "granted_cents",
                  "paid": "paid_cents"}

# group of financing_by → expression on the line ``f`` matched against that group's key
_LINE_GROUPS = {
    "funder": "f.funder_id",
    "scheme": "COALESCE(f.scheme_id, -f.funder_id)",
    "year": "f.year",
    "category": "f.category",
}


def action_ids(store: Store, scope: Scope, kind: str, value=None) -> list[int]:
    """Ids (in reference order) of the actions behind one figure of the dashboard.

    kind: "actions" (all of the scope), "cost" (those with a cost), "status" (a status code, open actions past
    their end date counted apart under "late"), "progress" (not abandoned), "section" (a section and all below
    it, not abandoned; None = without section), "stage" (a line of the scope with an amount at that stage:
    "planned"…), "funder"/"scheme"/"year"/"category"/"territory" (a line of the scope in that group;
    None = lines without it).
    """
    where, params = scope.actions_where()
    line_match, line_params = scope.line_match("f")
    cond, cparams = "", ()
    if kind == "actions":
        pass
    elif kind == "cost":
        cond = " AND a.total_cost_cents IS NOT NULL"
    elif kind == "status":
        if value == "late":
            cond, cparams = f" AND {LATE}", (scope.today,)
        else:
            cond, cparams = f" AND a.status = ? AND NOT {LATE}", (value, scope.today)
    elif kind == "progress":
        cond = f" AND {_OPEN}"
    elif kind == "section":
        if value is None:
            cond = f" AND {_OPEN} AND a.section_id IS NULL"
        else:
            cond = (f" AND {_OPEN} AND a.section_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                    " SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub)")
            cparams = (value,)
    elif kind == "stage" or kind in _LINE_GROUPS or kind == "territory":
        if kind == "stage":
            refused = "'annule', 'refuse'" if value in ("granted", "paid") else "'annule'"
            line_cond, lparams = f"f.{_STAGE_COLUMNS[value]} > 0 AND f.status NOT IN ({refused})", ()
            external, lparams = scope.external("f")
            line_cond += external
        elif kind == "territory":
            line_cond, lparams = "f.status != 'annule'", ()
            cond, cparams = f" AND {TERRITORY_OF_ACTION} IS ?", (value,)
        else:
            line_cond, lparams = f"{_LINE_GROUPS[kind]} IS ? AND f.status != 'annule'", (value,)
        cond += f" AND EXISTS (SELECT 1 FROM financing f WHERE f.action_id = a.id AND {line_cond}{line_match})"
        cparams += lparams + line_params
    else:
        raise ValueError(f"unknown figure kind: {kind}")
    return [r[0] for r in store.conn.execute(
        f"SELECT a.id FROM action a WHERE a.contract_id = ? {where}{cond} ORDER BY a.reference COLLATE NOCASE, a.id",
        (scope.contract_id,) + params + cparams)]


def indicator_action_ids(store: Store, scope: Scope, indicator_id: int) -> list[int]:
    """The action an indicator measures; for a section's or the contract's own indicator, the scope's actions
    of that section (and below it) or of the whole contract."""
    where, params = scope.actions_where()
    return [r[0] for r in store.conn.execute(
        "SELECT a.id FROM action a JOIN indicator i ON i.id = ?"
        " WHERE a.contract_id = ? AND (a.id = i.action_id OR (i.action_id IS NULL AND (i.section_id IS NULL"
        " OR a.section_id IN (WITH RECURSIVE sub(id) AS (SELECT i.section_id UNION ALL"
        " SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub))))"
        f" {where} ORDER BY a.reference COLLATE NOCASE, a.id", (indicator_id, scope.contract_id) + params)]


# -- what the filters offer ----------------------------------------------------------------------------

def owners(store: Store, contract_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisations owning at least one action of the contract."""
    return store.conn.execute(
        "SELECT DISTINCT o.id, o.name FROM action a JOIN organisation o ON o.id = a.owner_id WHERE a.contract_id = ?"
        " ORDER BY o.name COLLATE NOCASE", (contract_id,)).fetchall()


def territories(store: Store, contract_id: int) -> list[tuple[int, str]]:
    """(id, name) of the EPCI territories of the contract's actions."""
    return store.conn.execute(
        f"SELECT DISTINCT t.id, t.name FROM action a JOIN organisation t ON t.id = {TERRITORY_OF_ACTION}"
        " WHERE a.contract_id = ? ORDER BY t.name COLLATE NOCASE", (contract_id,)).fetchall()


def funders(store: Store, contract_id: int) -> list[tuple[int, str, str]]:
    """(id, name, short name) of the funders of at least one line of the contract."""
    return store.conn.execute(
        "SELECT DISTINCT fu.id, fu.name, fu.short_name FROM financing f JOIN action a ON a.id = f.action_id"
        " JOIN funder fu ON fu.id = f.funder_id WHERE a.contract_id = ? ORDER BY fu.id", (contract_id,)).fetchall()


def all_funders(store: Store) -> list[tuple[int, str, str]]:
    """(id, name, short name) of every funder (the cross tables name theirs by short name)."""
    return store.conn.execute("SELECT id, name, short_name FROM funder").fetchall()


def scheme_labels(store: Store) -> tuple[list[tuple[int, str, int, str]], dict[int, str]]:
    """([(scheme id, scheme name, funder id, funder's short name or name)], {funder id: short name or name})
    of every scheme and funder."""
    rows = store.conn.execute("SELECT sc.id, sc.name, fu.id, COALESCE(NULLIF(fu.short_name, ''), fu.name) FROM scheme sc"
                              " JOIN funder fu ON fu.id = sc.funder_id").fetchall()
    funders = dict(store.conn.execute("SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM funder").fetchall())
    return rows, funders


def years(store: Store, contract_id: int) -> list[int]:
    """Years of inscription of the actions and years of their financing lines."""
    return [r[0] for r in store.conn.execute(
        "SELECT inscription_year FROM action WHERE contract_id = ? AND inscription_year IS NOT NULL"
        " UNION SELECT f.year FROM financing f JOIN action a ON a.id = f.action_id"
        " WHERE a.contract_id = ? AND f.year IS NOT NULL ORDER BY 1", (contract_id, contract_id))]


# -- committees ------------------------------------------------------------------------------------------

def has_committees(store: Store) -> bool:
    """Whether the workspace has the committee and meeting tables (schema version 2 and later)."""
    return store.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('committee', 'meeting')"
                        ).fetchone()[0] == 2


def committee_cadence(store: Store, contract_id: int, first_year: int, last_year: int) -> list[tuple[str, int, int, int]]:
    """(committee label — "COPIL", "COTECH" or its name —, year, meetings held that year, minimum per year) for
    each committee of the contract with a minimum and each year from ``first_year`` (or the year of the
    committee's first recorded meeting, if later) to ``last_year``; empty when the workspace has no committees."""
    if first_year > last_year or not has_committees(store):
        return []
    return store.conn.execute(
        "WITH RECURSIVE y(year) AS (SELECT ? UNION ALL SELECT year + 1 FROM y WHERE year < ?)"
        " SELECT CASE c.kind WHEN 'copil' THEN 'COPIL' WHEN 'cotech' THEN 'COTECH' ELSE c.name END, y.year,"
        " (SELECT COUNT(*) FROM meeting m WHERE m.committee_id = c.id AND m.status = 'tenue'"
        " AND m.date >= printf('%04d-01-01', y.year) AND m.date < printf('%04d-01-01', y.year + 1)), c.min_per_year"
        " FROM committee c CROSS JOIN y WHERE c.contract_id = ? AND c.min_per_year > 0"
        # a committee is judged from the first year the workspace records one of its meetings (the years
        # before the secretariat kept them here say nothing); with none recorded, from the last year
        " AND y.year >= COALESCE((SELECT MIN(CAST(substr(m.date, 1, 4) AS INTEGER)) FROM meeting m"
        " WHERE m.committee_id = c.id), ?)"
        " ORDER BY c.position, c.id, y.year", (first_year, last_year, contract_id, last_year)).fetchall()
