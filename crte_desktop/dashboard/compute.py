"""Computing the dashboard of a contract: every figure aggregated in SQL over the filters, then dressed.

Every function takes the Store to read (on a worker thread, a read-only one: ``Store.reader()``);
the views reach them through ``DashboardService`` (dashboard/service.py), owned by the Workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crte_desktop.dashboard.alerts import cadence_alerts, financing_alerts, indicator_alerts, lapse_alerts, late_alerts
from crte_desktop.dashboard.model import (FINANCING_GROUPS, LATE, Dashboard, DashboardFilter, FigureKey,
                                          IndicatorStatus, Kpis, SectionProgress, StatusCount)
from crte_desktop.db.queries import dashboard as q
from crte_desktop.db.queries import summary as sq
from crte_desktop.db.queries.action_table import action_rows, section_subtree
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.dates import from_iso
from crte_desktop.domain.enums import LATE_LABEL, ActionStatus, FinancingCategory
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.domain.lapse import LAPSE_WARNING_DAYS
from crte_desktop.domain.money import from_cents
from crte_desktop.domain.rules import PUBLIC_AID_LIMIT

LATE_COLOR = "#e65100"

# (committee name, year, meetings held, minimum per year) rows for a contract up to a date
CadenceProvider = Callable[[Store, int, date], list[tuple[str, int, int, int]]]


def scope_of(store: Store, f: DashboardFilter, today: date, *, external_only: bool = True) -> sq.Scope:
    """The figures' scope. The owner's own funds (« Autofinancement ») are left out of the financing lines,
    unless ``external_only`` is False (green shares: every line)."""
    sections = section_subtree(store, f.section_id) if f.section_id is not None else None
    own = tuple(sorted(DirectoryRepository(store).own_funds_funder_ids())) if external_only else ()
    return sq.Scope(contract_id=f.contract_id, section_ids=sections, owner_id=f.owner_id, territory_id=f.territory_id,
                    funder_id=f.funder_id, year=f.year, status=f.status, today=today.isoformat(),
                    own_funder_ids=own)


def default_cadence(store: Store, contract_id: int, today: date) -> list[tuple[str, int, int, int]]:
    """Meetings per committee and year, from the contract's first year to this one (none before meetings exist)."""
    contract = ContractRepository(store).contract(contract_id)
    first = contract.start_year if contract and contract.start_year else today.year
    last = min(today.year, contract.end_year) if contract and contract.end_year else today.year
    return q.committee_cadence(store, contract_id, first, last)


def compute_dashboard(store: Store, f: DashboardFilter, today: date,
                      cadence: CadenceProvider | None = default_cadence) -> Dashboard:
    scope = scope_of(store, f, today)
    a_where, a_params = scope.actions_where()
    l_where, l_params = scope.lines_where()
    contract = ContractRepository(store).contract(f.contract_id)

    colors = DirectoryRepository(store).status_colors()
    statuses = []
    for code, label, count in sq.actions_by_status(store, f.contract_id, scope.today, a_where, a_params):
        color = LATE_COLOR if code == LATE else colors.get(code, ("", "#9e9e9e"))[1]
        statuses.append(StatusCount(code, LATE_LABEL if code == LATE else label, color, count))

    cost_c, uncosted = sq.cost_total(store, f.contract_id, a_where, a_params)
    total = sq.financing_total(store, f.contract_id, l_where, l_params)
    retained_c = q.retained_on_costed(store, scope)
    sections = _sections(store, scope, f.contract_id)
    progress_rows = q.progress_by_section(store, scope)
    weight = sum(r[3] for r in progress_rows)
    kpis = Kpis(
        action_count=sum(s.count for s in statuses),
        total_cost=from_cents(cost_c),
        uncosted_count=uncosted,
        financing=total,
        retained_on_costed=from_cents(retained_c),
        coverage=(Decimal(retained_c) / Decimal(cost_c)).quantize(Decimal("0.0001")) if cost_c else None,
        self_financing=from_cents(q.self_financing_total(store, scope)),
        progress=sum(r[4] for r in progress_rows) / weight if weight else None,
    )

    financing = _financing(store, f.contract_id, l_where, l_params)
    indicators = _indicators(store, scope, f, contract.start_year if contract else None, today)
    alerts = (late_alerts(q.late_actions(store, scope), today)
              + financing_alerts(q.financing_balances(store, scope, PUBLIC_AID_LIMIT.as_integer_ratio()))
              + indicator_alerts(indicators, today)
              + lapse_alerts(q.lapse_candidates(store, scope, LAPSE_WARNING_DAYS), today))
    if cadence is not None and not f.is_narrowed:
        alerts += cadence_alerts(cadence(store, f.contract_id, today), today)
    from crte_desktop.dashboard.green import green_alerts, green_shares  # it builds on this module

    green = green_shares(store, f, today)
    alerts += green_alerts(store, f, green, today)
    return Dashboard(filter=f, today=today, contract_name=contract.name if contract else "", kpis=kpis,
                     statuses=statuses, financing=financing, sections=_roll_up(sections, progress_rows),
                     indicators=indicators, alerts=alerts, green=green)


def _financing(store: Store, contract_id: int, where: str, params: tuple) -> dict[str, list[sq.StageSums]]:
    groups = sq.financing_by_groups(store, contract_id, tuple(FINANCING_GROUPS), where, params)
    # the categories in the contracts' order: France Relance, contractualisés, valorisés
    order = [c.value for c in FinancingCategory]
    groups["category"].sort(key=lambda r: order.index(r.key) if r.key in order else len(order))
    for r in groups["category"]:
        r.label = FinancingCategory.from_code(r.key).label if r.key in order else str(r.key)
    short = {fid: s for fid, _, s in q.funders(store, contract_id) if s}  # funders by short name, as on screen
    for r in groups["funder"]:
        r.label = short.get(r.key, r.label)
    return groups


def _sections(store: Store, scope, contract_id: int):
    """The contract's sections in tree order, narrowed to the section filter."""
    sections = ContractRepository(store).sections(contract_id)
    if scope.section_ids is not None:
        keep = set(scope.section_ids)
        sections = [s for s in sections if s.id in keep]
    return sections


def _roll_up(sections, rows) -> list[SectionProgress]:
    """Sums per section, each section with everything below it; "(sans section)" last when it has actions."""
    own = {r[0]: r for r in rows}
    parent = {s.id: s.parent_id for s in sections}
    totals: dict[int | None, list] = {s.id: [0, 0, 0, 0, 0] for s in sections}
    for section_id, *sums in rows:
        node = section_id if section_id in totals else None
        while node is not None:
            totals[node] = [a + b for a, b in zip(totals[node], sums, strict=True)]
            node = parent.get(node) if parent.get(node) in totals else None
    result = [_progress(s.id, s.code, s.title, s.depth, totals[s.id]) for s in sections]
    loose = own.get(None)
    if loose:
        result.append(_progress(None, "", "(sans section)", 0, loose[1:]))
    return result


def _progress(section_id, code, title, depth, sums) -> SectionProgress:
    count, costed, cost_c, weighted_sum, progress_sum = sums
    return SectionProgress(section_id, code, title, depth, count, costed, from_cents(cost_c),
                           weighted_sum / cost_c if cost_c else None, progress_sum / count if count else None)


def _indicators(store: Store, scope, f: DashboardFilter, start_year: int | None, today: date) -> list[IndicatorStatus]:
    # The contract's and sections' own indicators belong to no owner, funder, year or status.
    unattached = all(v is None for v in (f.owner_id, f.funder_id, f.year, f.status, f.territory_id))
    result = []
    for (ind_id, name, unit, baseline, target, due, action_id, reference, section_id, start, m_date,
         m_value) in q.indicator_rows(store, scope, unattached):
        ind = Indicator(contract_id=f.contract_id, name=name, unit=unit, baseline=baseline, target=target,
                        due_date=from_iso(due), action_id=action_id, section_id=section_id,
                        measurements=[Measurement(from_iso(m_date), m_value)] if m_date else [], id=ind_id)
        begin = from_iso(start) or (date(start_year, 1, 1) if start_year else None)
        result.append(IndicatorStatus(ind_id, name, unit, action_id, reference or "", baseline, target, m_value,
                                      from_iso(m_date), ind.due_date, ind.achievement, ind.is_behind(today, begin)))
    return result


# -- click-through -----------------------------------------------------------------------------------

def action_ids_for(store: Store, f: DashboardFilter, key: FigureKey, today: date) -> list[int]:
    """Ids of the actions behind one figure of the dashboard computed with the same filter, in reference order."""
    scope = scope_of(store, f, today)
    if key.kind == "indicator":
        return q.indicator_action_ids(store, scope, key.value)
    return q.action_ids(store, scope, key.kind, key.value)


@dataclass
class ActionListRow:
    id: int
    reference: str
    title: str
    status: str  # French label; "En retard" for an open action past its end date
    total_cost: Decimal | None


def action_list(store: Store, ids: list[int], today: date) -> list[ActionListRow]:
    """The actions behind a figure, as listed for the user (in the order of ``ids``)."""
    labels = DirectoryRepository(store).status_colors()
    rows = action_rows(store, list(ids))
    result = []
    for action_id in ids:
        r = rows.get(action_id)
        if r is None:
            continue
        late = bool(r.end_date and from_iso(r.end_date) < today and not ActionStatus.from_code(r.status).is_closed)
        result.append(ActionListRow(r.id, r.reference, r.title, LATE_LABEL if late else labels.get(r.status, (r.status,))[0],
                                    from_cents(r.total_cost_cents)))
    return result


# -- what the filters offer ---------------------------------------------------------------------------

@dataclass
class FilterOptions:
    """(value, French label) pairs for each filter; the value None ("Tous…") is not included."""

    sections: list[tuple[int, str]]
    owners: list[tuple[int, str]]
    funders: list[tuple[int, str]]
    years: list[tuple[int, str]]
    statuses: list[tuple[str, str]]
    territories: list[tuple[int, str]]


def filter_options(store: Store, contract_id: int) -> FilterOptions:
    sections = [(s.id, "\u2003" * s.depth + f"{s.code} {s.title}") for s in ContractRepository(store).sections(contract_id)]
    statuses = [(code, label) for code, (label, _) in DirectoryRepository(store).status_colors().items()]
    statuses.append((LATE, LATE_LABEL))
    own = DirectoryRepository(store).own_funds_funder_ids()
    return FilterOptions(
        sections=sections,
        owners=q.owners(store, contract_id),
        # the owners' own funds are self-financing, which no funder filter can show (the figures leave them out)
        funders=[(fid, short or name) for fid, name, short in q.funders(store, contract_id) if fid not in own],
        years=[(y, str(y)) for y in q.years(store, contract_id)],
        statuses=statuses,
        territories=q.territories(store, contract_id),
    )
