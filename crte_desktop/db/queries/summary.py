"""Aggregates of actions and financing, computed in SQL (summary, dashboard, check)."""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.db.queries.action_table import section_subtree
from crte_desktop.db.store import Store

# Stage sums following domain.financing.counts_in_stage: cancelled lines count nowhere,
# refused lines only as planned and requested.
_STAGES = (
    "SUM(CASE WHEN f.status = 'annule' THEN 0 ELSE COALESCE(f.planned_cents, 0) END),"
    " SUM(CASE WHEN f.status = 'annule' THEN 0 ELSE COALESCE(f.requested_cents, 0) END),"
    " SUM(CASE WHEN f.status IN ('annule', 'refuse') THEN 0 ELSE COALESCE(f.granted_cents, 0) END),"
    " SUM(CASE WHEN f.status IN ('annule', 'refuse') THEN 0 ELSE COALESCE(f.paid_cents, 0) END)"
)

# The EPCI territory of an action: set on the action, else its owner's EPCI, else the owner if it is one.
TERRITORY = ("COALESCE(a.epci_id, o.epci_id, CASE WHEN o.kind = 'epci' THEN o.id END)")

# The same, as a self-contained expression on ``a`` (no join on the owner needed).
TERRITORY_OF_ACTION = ("COALESCE(a.epci_id, (SELECT COALESCE(o2.epci_id, CASE WHEN o2.kind = 'epci' THEN o2.id END)"
                   " FROM organisation o2 WHERE o2.id = a.owner_id))")

# The amount a line is expected to bring (FinancingLine.retained): granted, else requested, else planned;
# nothing when refused or cancelled. On a financing alias ``f``.
RETAINED = ("CASE WHEN f.status IN ('refuse', 'annule') THEN 0"
            " ELSE COALESCE(f.granted_cents, f.requested_cents, f.planned_cents, 0) END")

# An open action past its end date (Action.is_late); one parameter: today's ISO date.
LATE = "(a.end_date < ? AND a.status NOT IN ('realisee', 'abandonnee'))"


@dataclass(frozen=True)
class Scope:
    """The actions and financing lines a figure covers: the dashboard's filters, in SQL.

    Actions: those of the contract, in ``section_ids`` (a section and all below it), of the owner, of the
    EPCI territory, with the status ("late" = open and past the end date); with ``funder_id`` or ``year``,
    those having a financing line of that funder and year — or, for a year alone, inscribed that year.
    Financing lines: those of these actions, of the funder and year.
    """

    contract_id: int
    section_ids: tuple[int, ...] | None = None
    owner_id: int | None = None
    territory_id: int | None = None
    funder_id: int | None = None
    year: int | None = None
    status: str | None = None
    today: str = ""  # ISO date, for "late"
    own_funder_ids: tuple[int, ...] = ()  # the owner's own funds: self-financing, not financing

    def external(self, alias: str = "f") -> tuple[str, tuple]:
        """" AND f.funder_id NOT IN (…)": the line is external financing, not the owner's own funds."""
        if not self.own_funder_ids:
            return "", ()
        return f" AND {alias}.funder_id NOT IN ({','.join('?' * len(self.own_funder_ids))})", self.own_funder_ids

    def _line_match(self, alias: str) -> tuple[list[str], list]:
        clauses, params = [], []
        if self.funder_id is not None:
            clauses.append(f"{alias}.funder_id = ?")
            params.append(self.funder_id)
        if self.year is not None:
            clauses.append(f"{alias}.year = ?")
            params.append(self.year)
        return clauses, params

    def line_match(self, alias: str = "f") -> tuple[str, tuple]:
        """Conditions on the financing line alone (funder, year), as " AND …" and parameters."""
        clauses, params = self._line_match(alias)
        return "".join(f" AND {c}" for c in clauses), tuple(params)

    def actions_where(self) -> tuple[str, tuple]:
        """Conditions on the action alias ``a`` (beyond the contract), as " AND …" and parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.section_ids is not None:
            clauses.append(f"a.section_id IN ({','.join('?' * len(self.section_ids)) or 'NULL'})")
            params.extend(self.section_ids)
        if self.owner_id is not None:
            clauses.append("a.owner_id = ?")
            params.append(self.owner_id)
        if self.territory_id is not None:
            clauses.append(f"{TERRITORY_OF_ACTION} = ?")
            params.append(self.territory_id)
        if self.status == "late":
            clauses.append(LATE)
            params.append(self.today)
        elif self.status:
            clauses.append("a.status = ?")
            params.append(self.status)
        match, match_params = self._line_match("f2")
        if match:
            # not correlated: SQLite evaluates the list once (a correlated EXISTS may scan a funder's lines per action)
            financed = f"a.id IN (SELECT f2.action_id FROM financing f2 WHERE {' AND '.join(match)})"
            if self.funder_id is None:  # a year alone: also the actions inscribed that year
                clauses.append(f"(a.inscription_year = ? OR {financed})")
                params.append(self.year)
            else:
                clauses.append(financed)
            params.extend(match_params)
        return "".join(f" AND {c}" for c in clauses), tuple(params)

    def lines_where(self) -> tuple[str, tuple]:
        """Conditions on the action ``a`` and on the financing line ``f`` (external financing only), as
        " AND …" and parameters."""
        where, params = self.actions_where()
        match, match_params = self.line_match("f")
        external, external_params = self.external("f")
        return where + match + external, params + match_params + external_params


@dataclass
class StageSums:
    label: str
    planned: int
    requested: int
    granted: int
    paid: int
    key: object = None

    @property
    def cents(self) -> tuple[int, int, int, int]:
        return (self.planned, self.requested, self.granted, self.paid)


_GROUPS = {
    "funder": ("fu.id", "fu.name", "fu.id"),
    "scheme": ("COALESCE(sc.id, -fu.id)", "fu.short_name || ' — ' || COALESCE(sc.name, '(sans dispositif)')", "fu.id, sc.id"),
    "year": ("f.year", "COALESCE(CAST(f.year AS TEXT), '(sans année)')", "f.year"),
    "category": ("f.category", "f.category", "f.category"),
    "owner": ("o.id", "COALESCE(o.name, '(sans maître d''ouvrage)')", "o.name COLLATE NOCASE"),
    "territory": (TERRITORY, "COALESCE(t.name, '(hors EPCI)')", "t.name COLLATE NOCASE"),
    "section": ("a.section_id", "a.section_id", "a.section_id"),
    "status": ("f.status", "f.status", "f.status"),
    "phase": ("a.phase", "a.phase", "a.phase"),  # schema 4 and later
}


def has_phase(store: Store) -> bool:
    """Whether the workspace's actions have a phase (schema 4 and later)."""
    return any(r[1] == "phase" for r in store.conn.execute("PRAGMA table_info(action)"))


def financing_by(store: Store, contract_id: int, group: str, where: str = "", params: tuple = ()) -> list[StageSums]:
    """Financing summed per stage, grouped by funder, scheme, year, category, owner, territory…"""
    key, label, order = _GROUPS[group]
    sql = (f"SELECT {key}, {label}, {_STAGES} FROM financing f"
           " JOIN action a ON a.id = f.action_id"
           " JOIN funder fu ON fu.id = f.funder_id"
           " LEFT JOIN scheme sc ON sc.id = f.scheme_id"
           " LEFT JOIN organisation o ON o.id = a.owner_id"
           f" LEFT JOIN organisation t ON t.id = {TERRITORY}"
           f" WHERE a.contract_id = ? {where} GROUP BY 1 ORDER BY {order}")
    return [StageSums(r[1], r[2], r[3], r[4], r[5], key=r[0]) for r in store.conn.execute(sql, (contract_id,) + params)]


def financing_by_groups(store: Store, contract_id: int, groups: tuple[str, ...], where: str = "",
                        params: tuple = ()) -> dict[str, list[StageSums]]:
    """``financing_by`` for several groups at once, in one pass over the lines: the same rows, in the same order."""
    columns: list[str] = []
    layout = []  # (group, first column, number of order columns, which order columns sort without case)
    for group in groups:
        key, label, order = _GROUPS[group]
        parts = [part.strip() for part in order.split(",")]
        nocase = [part.upper().endswith(" COLLATE NOCASE") for part in parts]
        parts = [part[: -len(" COLLATE NOCASE")] if n else part for part, n in zip(parts, nocase, strict=True)]
        layout.append((group, len(columns), len(parts), nocase))
        columns += [key, label, *parts]
    group_by = ", ".join(str(start + 1) for _, start, _, _ in layout)
    sql = (f"SELECT {', '.join(columns)}, {_STAGES} FROM financing f"
           " JOIN action a ON a.id = f.action_id"
           " JOIN funder fu ON fu.id = f.funder_id"
           " LEFT JOIN scheme sc ON sc.id = f.scheme_id"
           " LEFT JOIN organisation o ON o.id = a.owner_id"
           f" LEFT JOIN organisation t ON t.id = {TERRITORY}"
           f" WHERE a.contract_id = ? {where} GROUP BY {group_by}")
    sums: dict[str, dict] = {group: {} for group in groups}
    for r in store.conn.execute(sql, (contract_id,) + params):
        stages = r[-4:]
        for group, start, n, nocase in layout:
            entry = sums[group].get(r[start])
            if entry is None:
                # SQLite sorts NULL first; NOCASE folds ASCII letters
                order = tuple((v is not None, v.lower() if fold and isinstance(v, str) else v)
                              for v, fold in zip(r[start + 2:start + 2 + n], nocase, strict=True))
                sums[group][r[start]] = [order, r[start + 1], *stages]
            else:
                for i in range(4):
                    entry[2 + i] += stages[i]
    return {group: [StageSums(e[1], e[2], e[3], e[4], e[5], key=k)
                    for k, e in sorted(sums[group].items(), key=lambda item: item[1][0])]
            for group in groups}


def financing_cross(store: Store, contract_id: int, row_group: str, column_group: str, where: str = "",
                    params: tuple = ()) -> list[tuple[StageSums, StageSums]]:
    """Financing summed per stage for each pair (row group, column group), e.g. territory × year.

    Returns (row, cell) pairs: ``row`` carries the row's key and label (its sums are unused, zero),
    ``cell`` the column's key and label with the sums of that pair. ``where``/``params`` narrow the lines
    (conditions on ``a``, ``f``, ``fu``, ``sc``, ``o``, ``t``, as " AND …")."""
    row_key, row_label, row_order = _GROUPS[row_group]
    col_key, col_label, col_order = _GROUPS[column_group]
    sql = (f"SELECT {row_key}, {row_label}, {col_key}, {col_label}, {_STAGES} FROM financing f"
           " JOIN action a ON a.id = f.action_id"
           " JOIN funder fu ON fu.id = f.funder_id"
           " LEFT JOIN scheme sc ON sc.id = f.scheme_id"
           " LEFT JOIN organisation o ON o.id = a.owner_id"
           f" LEFT JOIN organisation t ON t.id = {TERRITORY}"
           f" WHERE a.contract_id = ? {where} GROUP BY 1, 3 ORDER BY {row_order}, {col_order}")
    return [(StageSums(r[1], 0, 0, 0, 0, key=r[0]), StageSums(r[3], r[4], r[5], r[6], r[7], key=r[2]))
            for r in store.conn.execute(sql, (contract_id,) + params)]


def group_key(group: str) -> str:
    """The SQL expression of a group's key (on the aliases of ``financing_cross``), to match one value with IS ?."""
    return _GROUPS[group][0]


def fixed_where(store: Store, fixed: dict[str, object]) -> tuple[str, tuple]:
    """" AND …" conditions (on the aliases of ``financing_cross``) holding each dimension of ``fixed`` at one
    value: a section with every section below it, any other dimension by its key (None: none)."""
    where, params = "", ()
    for dim, value in fixed.items():
        if dim == "section" and value is not None:
            ids = section_subtree(store, value)
            where += f" AND a.section_id IN ({','.join('?' * len(ids)) or 'NULL'})"
            params += tuple(ids)
        else:
            where += f" AND {group_key(dim)} IS ?"
            params += (value,)
    return where, params


def financing_total(store: Store, contract_id: int, where: str = "", params: tuple = ()) -> StageSums:
    r = store.conn.execute(
        f"SELECT {_STAGES} FROM financing f JOIN action a ON a.id = f.action_id"
        f" LEFT JOIN organisation o ON o.id = a.owner_id WHERE a.contract_id = ? {where}",
        (contract_id,) + params).fetchone()
    return StageSums("Total", *(v or 0 for v in r))


def actions_by_status(store: Store, contract_id: int, today_iso: str, where: str = "",
                      params: tuple = ()) -> list[tuple[str, str, int]]:
    """(status code, label, count) with the late actions counted apart under "late"."""
    rows = store.conn.execute(
        "SELECT CASE WHEN a.end_date < ? AND a.status NOT IN ('realisee', 'abandonnee') THEN 'late' ELSE a.status END,"
        f" COUNT(*) FROM action a WHERE a.contract_id = ? {where} GROUP BY 1",
        (today_iso, contract_id) + params).fetchall()
    counts = dict(rows)
    statuses = store.conn.execute("SELECT code, label FROM action_status ORDER BY position").fetchall()
    result = [(code, label, counts.get(code, 0)) for code, label in statuses]
    result.append(("late", "En retard", counts.get("late", 0)))
    return result


def cost_total(store: Store, contract_id: int, where: str = "", params: tuple = ()) -> tuple[int, int]:
    """(sum of total costs in cents, number of actions without a cost)."""
    r = store.conn.execute("SELECT COALESCE(SUM(a.total_cost_cents), 0), SUM(a.total_cost_cents IS NULL) FROM action a"
                     f" WHERE a.contract_id = ? {where}", (contract_id,) + params).fetchone()
    return r[0], r[1] or 0


def financing_count(store: Store) -> int:
    """Every financing line of the workspace."""
    return store.conn.execute("SELECT COUNT(*) FROM financing").fetchone()[0]


def action_count(store: Store, contract_id: int) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM action WHERE contract_id = ?", (contract_id,)).fetchone()[0]
