"""The demo workspace: the Douaisis table "Dotations DETR, DSIL et FNADT perçues entre 2017 et 2021" is given
back by the dashboard filtered by funder État, year and territory (the grants received are the paid stage)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crte_desktop.dashboard.compute import compute_dashboard, filter_options
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import load_datasets, write_demo
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.money import format_amount

TODAY = date(2024, 6, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = write_demo(tmp_path_factory.mktemp("demo") / "demo.crte")
    store = Store.open(path)
    data = dict(load_datasets())["douaisis.json"]
    contract = next(c for c in ContractRepository(store).contracts() if c.name == "CRTE du Douaisis")
    directory = DirectoryRepository(store)
    etat = next(f.id for f in directory.funders() if f.label == "État")
    epcis = {o.short_name.lower(): o.id for o in directory.organisations(OrgKind.EPCI)}
    yield store, contract.id, etat, epcis, data
    store.close()


def paid(rows, label):
    """The paid amount of the row named ``label`` (0 when there is no such row), in euros."""
    return next((Decimal(r.paid) / 100 for r in rows if r.label == label), Decimal(0))


def test_totals_2017_to_2021_per_territory(demo):
    store, contract_id, etat, epcis, data = demo
    totals = {epci: Decimal(0) for epci in data["grants_received_totals"]}
    for year in range(2017, 2022):
        d = compute_dashboard(store, DashboardFilter(contract_id, funder_id=etat, year=year), TODAY)
        rows = {r.key: Decimal(r.paid) / 100 for r in d.financing["territory"]}
        for epci, expected in data["grants_received_totals"].items():
            assert rows[epcis[epci]] == Decimal(expected[str(year)]), (epci, year)
            totals[epci] += rows[epcis[epci]]
    assert format_amount(totals["da"]) == "16\u00a0546\u00a0179,90\u00a0€"
    assert format_amount(totals["ccco"]) == "6\u00a0247\u00a0864,84\u00a0€"


def test_each_scheme_each_year_per_territory(demo):
    store, contract_id, etat, epcis, data = demo
    for row in data["grants_received"]:
        f = DashboardFilter(contract_id, funder_id=etat, year=row["year"], territory_id=epcis[row["epci"]])
        d = compute_dashboard(store, f, TODAY)
        assert paid(d.financing["scheme"], f"État — {row['scheme']}") == Decimal(row["amount"]), row


def test_2017_detr_of_both_territories(demo):
    store, contract_id, etat, epcis, _ = demo
    got = []
    for epci in ("da", "ccco"):
        d = compute_dashboard(store, DashboardFilter(contract_id, funder_id=etat, year=2017, territory_id=epcis[epci]),
                              TODAY)
        got.append(format_amount(paid(d.financing["scheme"], "État — DETR")))
    assert got == ["641\u00a0500,12\u00a0€", "243\u00a0568,77\u00a0€"]


def test_the_filters_offer_the_demo_values(demo):
    store, contract_id, etat, epcis, _ = demo
    options = filter_options(store, contract_id)
    assert {epcis["da"], epcis["ccco"]} <= {t for t, _ in options.territories}
    assert etat in {f for f, _ in options.funders}
    assert {2017, 2021} <= {y for y, _ in options.years}
