"""Benchmarks of the CRTE-since-2023 figures (issue 8): cross tables over every financing line of the
workspace, green shares, and the revue de projets campaign's workbooks. Read-only on the workspace given
(the campaign is written in a copy)."""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from crte_desktop.dashboard.cross import cross_table
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.queries.summary import action_count, financing_count
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import Stage

CROSS_BUDGET_S = 0.300
GREEN_BUDGET_S = 0.100
CAMPAIGN_BUDGET_S = 30.0
CAMPAIGN_OWNERS = 200
CROSS_PAIRS = (("year", "territory"), ("owner", "scheme"), ("section", "funder"))


def time_cross_tables(path: Path, today: date | None = None) -> tuple[float, int]:
    """(slowest time to cross every contract's lines over one pair of dimensions, lines crossed)."""
    today = today or date.today()
    with Store.open_read_only(path) as store:
        contracts = [c.id for c in ContractRepository(store).contracts()]
        lines = financing_count(store)
        slowest = 0.0
        for rows, columns in CROSS_PAIRS:
            start = time.perf_counter()
            for cid in contracts:
                cross_table(store, DashboardFilter(cid), rows, columns, Stage.GRANTED, today)
            slowest = max(slowest, time.perf_counter() - start)
    return slowest, lines


def time_green_shares(path: Path, today: date | None = None) -> float:
    """Slowest time to compute a contract's green shares (with the actions behind the alerts)."""
    from crte_desktop.dashboard.green import green_alerts, green_shares

    today = today or date.today()
    slowest = 0.0
    with Store.open_read_only(path) as store:
        for contract in ContractRepository(store).contracts():
            f = DashboardFilter(contract.id)
            start = time.perf_counter()
            shares = green_shares(store, f, today)
            alerts = green_alerts(store, f, shares, today)
            _ = [a.message for a in alerts]
            slowest = max(slowest, time.perf_counter() - start)
    return slowest


def time_campaign(path: Path, owners: int | None = None) -> tuple[float, float, int]:
    """In a copy: the first contract's actions spread over ``owners`` organisations (default: 200, fewer on a
    small workspace — one per ten actions), then a campaign writing one workbook each.
    Returns (seconds, processor seconds, workbooks written)."""
    from crte_desktop.campaigns.generate import create_campaign
    from crte_desktop.db import bulk
    from crte_desktop.domain.campaign import default_campaign
    from crte_desktop.domain.directory import Organisation
    from crte_desktop.domain.enums import OrgKind

    with tempfile.TemporaryDirectory(prefix="crte-bench-campagne-") as tmp:
        copy = Path(tmp) / "campagne.crte"
        shutil.copyfile(path, copy)
        with Store.open(copy) as store:
            contract = ContractRepository(store).contracts()[0]
            if owners is None:
                actions = action_count(store, contract.id)
                owners = max(1, min(CAMPAIGN_OWNERS, actions // 10))
            with store.transaction():
                orgs = [Organisation(name=f"Commune de banc d'essai {i + 1:03d}", kind=OrgKind.COMMUNE)
                        for i in range(owners)]
                bulk.insert_organisations(store, orgs)
                bulk.spread_owners(store, contract.id, [o.id for o in orgs])
            start, cpu = time.perf_counter(), time.process_time()
            result = create_campaign(store, default_campaign(contract.id, date.today()), Path(tmp) / "classeurs")
            return time.perf_counter() - start, time.process_time() - cpu, len(result.files)


def run_crte2023_bench(path: Path) -> list[str]:
    from crte_desktop.bench.command import _thousands, seconds, verdict

    cross_s, lines = time_cross_tables(path)
    green_s = time_green_shares(path)
    campaign_s, campaign_cpu_s, books = time_campaign(path)
    rows = [(f"Tableau croisé, {_thousands(lines)} lignes de financement (le plus lent de {len(CROSS_PAIRS)})",
             seconds(cross_s), f"< {CROSS_BUDGET_S * 1000:.0f} ms", verdict(cross_s, CROSS_BUDGET_S)),
            ("Parts vertes, contrat le plus lourd", seconds(green_s), f"< {GREEN_BUDGET_S * 1000:.0f} ms",
             verdict(green_s, GREEN_BUDGET_S)),
            (f"Campagne de revue de projets, {books} classeurs de maîtres d'ouvrage (temps processeur "
             f"{seconds(campaign_cpu_s)})", seconds(campaign_s),
             f"< {CAMPAIGN_BUDGET_S:.0f} s", verdict(campaign_s, CAMPAIGN_BUDGET_S) if books >= CAMPAIGN_OWNERS
             else "(budget fixé pour 200 classeurs)")]
    return ["CRTE depuis 2023"] + [f"  {a} : {b} ({c}) {d}" for a, b, c, d in rows]
