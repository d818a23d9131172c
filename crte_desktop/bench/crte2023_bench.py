"""Benchmarks of the CRTE-since-2023 figures (issue 8): cross tables over every financing line of the
workspace, green shares, and the revue de projets campaign's workbooks. Read-only on the workspace given
(the campaign is written in a copy)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from crte_desktop.dashboard.cross import cross_table
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.contract_repo import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import Stage

CROSS_BUDGET_S = 0.300
CROSS_PAIRS = (("year", "territory"), ("owner", "scheme"), ("section", "funder"))


def time_cross_tables(path: Path, today: date | None = None) -> tuple[float, int]:
    """(slowest time to cross every contract's lines over one pair of dimensions, lines crossed)."""
    today = today or date.today()
    with Store.open_read_only(path) as store:
        contracts = [c.id for c in ContractRepository(store).contracts()]
        lines = store.conn.execute("SELECT COUNT(*) FROM financing").fetchone()[0]
        slowest = 0.0
        for rows, columns in CROSS_PAIRS:
            start = time.perf_counter()
            for cid in contracts:
                cross_table(store, DashboardFilter(cid), rows, columns, Stage.GRANTED, today)
            slowest = max(slowest, time.perf_counter() - start)
    return slowest, lines


def run_crte2023_bench(path: Path) -> list[str]:
    from crte_desktop.bench.command import _thousands, seconds, verdict

    cross_s, lines = time_cross_tables(path)
    rows = [(f"Tableau croisé, {_thousands(lines)} lignes de financement (le plus lent de {len(CROSS_PAIRS)})",
             seconds(cross_s), f"< {CROSS_BUDGET_S * 1000:.0f} ms", verdict(cross_s, CROSS_BUDGET_S))]
    return ["CRTE depuis 2023"] + [f"  {a} : {b} ({c}) {d}" for a, b, c, d in rows]
