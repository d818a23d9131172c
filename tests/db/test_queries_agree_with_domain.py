"""The SQL aggregates (actions table, summary, dashboard) give the same figures as the domain."""

from datetime import date
from decimal import Decimal as D

import pytest

from crte_desktop.db.queries import action_table as tq
from crte_desktop.db.queries import summary as sq
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.enums import ActionStatus, FinancingStatus, Stage
from crte_desktop.domain.financing import FinancingLine, compute_totals
from crte_desktop.domain.money import to_cents
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import scheme_id

TODAY = date(2024, 9, 1)


@pytest.fixture
def richer(filled):
    """The fixture content plus a cancelled line, a late action and a completed one past its end."""
    store, ids = filled
    service = ActionService(store)
    b = service.load(ids["action2"])
    b.action.end_date = date(2024, 6, 30)  # open and past its end: late
    fonds_vert = scheme_id(store, "État", "Fonds vert")
    b.financing.append(FinancingLine(None, fonds_vert[0], fonds_vert[1], year=2023, planned=D("40000"),
                                     requested=D("40000"), granted=D("30000"), status=FinancingStatus.ANNULE))
    service.save(b)
    c = service.new_bundle(ids["contract"], ids["axis2"], 2022)
    c.action.title, c.action.owner_id = "Cantine de Lallaing", ids["agglo"]
    c.action.status, c.action.end_date, c.action.total_cost = ActionStatus.REALISEE, date(2023, 1, 1), D("80000")
    autofin = scheme_id(store, "Autofinancement", "Fonds propres du maître d'ouvrage")
    c.financing = [FinancingLine(None, autofin[0], autofin[1], year=2022, planned=D("80000"), granted=D("80000"),
                                 paid=D("80000"), status=FinancingStatus.SOLDE)]
    service.save(c)
    ids["action3"] = c.action.id
    return store, ids, service


def test_retained_per_action_matches_the_domain(richer):
    store, ids, service = richer
    rows = tq.action_rows(store, [ids["action1"], ids["action2"], ids["action3"]])
    public = DirectoryRepository(store).public_funder_ids()
    for key in ("action1", "action2", "action3"):
        b = service.load(ids[key])
        assert rows[ids[key]].retained_cents == to_cents(compute_totals(b.action.total_cost, b.financing, public).retained)


def test_stage_totals_match_the_domain(richer):
    store, ids, service = richer
    public = DirectoryRepository(store).public_funder_ids()
    expected = {s: D("0") for s in Stage}
    for key in ("action1", "action2", "action3"):
        b = service.load(ids[key])
        for stage, value in compute_totals(b.action.total_cost, b.financing, public).by_stage.items():
            expected[stage] += value
    total = sq.financing_total(store, ids["contract"])
    assert total.cents == tuple(to_cents(expected[s]) for s in Stage)
    by_funder = sq.financing_by(store, ids["contract"], "funder")
    assert tuple(map(sum, zip(*(g.cents for g in by_funder)))) == total.cents


def test_late_actions_match_the_domain(richer):
    store, ids, service = richer
    late_domain = {a.id for a in (service.load(ids[k]).action for k in ("action1", "action2", "action3"))
                   if a.is_late(TODAY)}
    assert late_domain == {ids["action2"]}
    late_sql = set(tq.action_ids(store, tq.ActionFilter(contract_id=ids["contract"], status="late",
                                                               today=TODAY)))
    assert late_sql == late_domain
    counts = {code: n for code, _, n in sq.actions_by_status(store, ids["contract"], TODAY.isoformat())}
    assert counts["late"] == 1 and counts["realisee"] == 1 and counts["en_cours"] == 1


def test_text_filter_ignores_accents_and_case(richer):
    store, ids, _ = richer
    f = tq.ActionFilter(contract_id=ids["contract"], text="FRICHE arc")
    assert tq.action_ids(store, f) == [ids["action1"]]
    f = tq.ActionFilter(contract_id=ids["contract"], text="cœur d'ostrevent")  # the owner's name
    assert tq.action_ids(store, f) == [ids["action2"]]
    assert tq.action_ids(store, tq.ActionFilter(contract_id=ids["contract"], text="100%")) == []


def test_a_contracts_financing_read_at_once_is_each_actions_financing(filled):
    """The workbook reads a contract's lines in one go: the same lines, order and instalments as per action."""
    from crte_desktop.db.repos.action import ActionRepository
    from crte_desktop.db.repos.financing import FinancingRepository
    from crte_desktop.domain.enums import PaymentKind
    from crte_desktop.domain.financing import Payment

    store, ids = filled
    service = ActionService(store)
    b = service.load(ids["action1"])
    b.financing[0].payments = [Payment(PaymentKind.ACOMPTE, date(2023, 3, 1), D("1000"), "mandat 12")]
    b.financing[0].paid = D("1000")
    service.save(b)
    repo = FinancingRepository(store)
    together = repo.for_contract(ids["contract"])
    actions = ActionRepository(store).for_contract(ids["contract"])
    assert {a.id for a in actions if repo.for_action(a.id)} == set(together)
    for a in actions:
        assert together.get(a.id, []) == repo.for_action(a.id)
    assert [p.amount for p in together[ids["action1"]][0].payments] == [D("1000")]
