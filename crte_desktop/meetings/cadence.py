"""The cadence rule of each committee (COPIL at least once a year, COTECH twice…), for the dashboard."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from crte_desktop.db.meeting_queries import committees_brief, contract_years, held_counts


class CadenceRow(NamedTuple):
    """One committee in one year: meetings held against the yearly minimum (a 4-tuple)."""

    committee: str
    year: int
    count: int
    minimum: int

    @property
    def is_short(self) -> bool:
        return self.count < self.minimum


def cadence_rows(conn_or_store, contract_id: int, today: date | None = None) -> list[CadenceRow]:
    """(committee name, year, meetings held, yearly minimum) for each committee of the contract and each
    year from the contract's first year to the current one (not beyond the contract's end), plus any
    other year with a meeting held (the current year when the contract has no start year). Only meetings
    with the status "tenue" count."""
    today = today or date.today()
    start, duration = contract_years(conn_or_store, contract_id)
    counts: dict[tuple[int, int], int] = {}
    for committee_id, _name, _minimum, year, count in held_counts(conn_or_store, contract_id):
        counts[(committee_id, year)] = count
    years = {year for _cid, year in counts}
    if start is not None:
        last = min(today.year, start + (duration or 1) - 1)
        years |= set(range(start, last + 1))
    else:
        years.add(today.year)
    rows = []
    for committee_id, name, minimum in committees_brief(conn_or_store, contract_id):
        for year in sorted(years):
            rows.append(CadenceRow(name, year, counts.get((committee_id, year), 0), minimum))
    return rows
