"""Financing totals: by stage, retained amount, self-financing, public aid and coverage rates."""

from decimal import Decimal as D

from crte_desktop.domain.enums import FinancingStatus as S
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.financing import FinancingLine, compute_totals

ETAT, REGION, AUTOFIN, PRIVE = 1, 2, 3, 4
PUBLIC = {ETAT, REGION}


def line(funder=ETAT, status=S.PREVU, planned=None, requested=None, granted=None, paid=None):
    return FinancingLine(action_id=None, funder_id=funder, status=status, planned=_d(planned),
                         requested=_d(requested), granted=_d(granted), paid=_d(paid))


def _d(v):
    return None if v is None else D(v)


def test_no_line():
    t = compute_totals(D("100000.00"), [], PUBLIC)
    assert t.by_stage == {s: D("0") for s in Stage}
    assert t.retained == 0 and t.self_financing == D("100000.00")
    assert t.public_aid_rate == 0 and t.coverage_rate == 0


def test_totals_by_stage_add_every_line():
    lines = [
        line(ETAT, S.VERSE_PARTIEL, "400000", "400000", "350000", "100000"),
        line(REGION, S.SOLLICITE, "200000", "150000"),
        line(ETAT, S.PREVU, "50000.50"),
    ]
    t = compute_totals(D("1000000"), lines, PUBLIC)
    assert t.by_stage[Stage.PLANNED] == D("650000.50")
    assert t.by_stage[Stage.REQUESTED] == D("550000")
    assert t.by_stage[Stage.GRANTED] == D("350000")
    assert t.by_stage[Stage.PAID] == D("100000")
    assert all(isinstance(v, D) for v in t.by_stage.values())


def test_retained_is_granted_else_requested_else_planned():
    assert line(planned="100", requested="80", granted="60").retained == D("60")
    assert line(planned="100", requested="80").retained == D("80")
    assert line(planned="100").retained == D("100")
    assert line().retained == D("0")
    assert line(planned="100", requested="80", granted="0").retained == D("0")  # granted nothing is known
    t = compute_totals(D("1000"), [line(planned="100", requested="80", granted="60"), line(planned="30")], PUBLIC)
    assert t.retained == D("90")


def test_refused_line_counts_only_as_planned_and_requested_and_brings_no_money():
    t = compute_totals(D("1000"), [line(ETAT, S.REFUSE, "500", "400")], PUBLIC)
    assert t.by_stage[Stage.PLANNED] == D("500")
    assert t.by_stage[Stage.REQUESTED] == D("400")
    assert t.by_stage[Stage.GRANTED] == 0 and t.by_stage[Stage.PAID] == 0
    assert t.retained == 0 and t.public_retained == 0
    assert t.self_financing == D("1000")


def test_cancelled_line_counts_nowhere():
    t = compute_totals(D("1000"), [line(ETAT, S.ANNULE, "500", "400", "300", "100")], PUBLIC)
    assert t.by_stage == {s: D("0") for s in Stage}
    assert t.retained == 0 and t.coverage_rate == 0


def test_self_financing_is_the_rest_of_the_cost_never_negative():
    assert compute_totals(D("1000"), [line(planned="700")], PUBLIC).self_financing == D("300")
    assert compute_totals(D("1000"), [line(planned="1200")], PUBLIC).self_financing == D("0")
    assert compute_totals(None, [line(planned="700")], PUBLIC).self_financing is None


def test_public_aid_rate_excludes_non_public_funders():
    lines = [line(ETAT, planned="400"), line(REGION, planned="200"), line(AUTOFIN, planned="300"),
             line(PRIVE, planned="100")]
    t = compute_totals(D("1000"), lines, PUBLIC)
    assert t.public_retained == D("600")
    assert t.public_aid_rate == D("0.6000")
    assert t.coverage_rate == D("1.0000")


def test_rates_are_none_without_a_cost():
    for cost in (None, D("0")):
        t = compute_totals(cost, [line(planned="10")], PUBLIC)
        assert t.public_aid_rate is None and t.coverage_rate is None


def test_rates_are_exact_decimals():
    t = compute_totals(D("300000"), [line(granted="100000")], PUBLIC)
    assert t.coverage_rate == D("0.3333")
    assert isinstance(t.coverage_rate, D)
