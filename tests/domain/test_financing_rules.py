"""The financing rules (docs/architecture.md, « Rules the domain enforces »), each broken once, with the French message a user reads."""

from decimal import Decimal as D

import pytest

from crte_desktop.domain.enums import FinancingStatus as S
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.rules import check_financing, check_line, errors, warnings

NBSP = "\u00a0"
ETAT, REGION, AUTOFIN = 1, 2, 3
PUBLIC = {ETAT, REGION}


def line(funder=ETAT, status=S.PREVU, planned=None, requested=None, granted=None, paid=None, **kw):
    return FinancingLine(action_id=None, funder_id=funder, status=status, planned=_d(planned),
                         requested=_d(requested), granted=_d(granted), paid=_d(paid), **kw)


def _d(v):
    return None if v is None else D(v)


def eur(text):
    return text.replace(" ", NBSP) + NBSP + "€"


def test_a_sound_line_has_no_problem():
    ok = line(ETAT, S.VERSE_PARTIEL, "500000", "500000", "450000", "450000", year=2021)
    assert check_line(ok, 0) == []
    assert check_line(line(ETAT, S.ACCORDE, granted="100"), 0) == []  # granted without a request recorded


@pytest.mark.parametrize("stage, label", [("planned", "prévisionnel"), ("requested", "sollicité"),
                                          ("granted", "accordé"), ("paid", "versé")])
def test_negative_amounts_are_refused(stage, label):
    amounts = {"planned": None, "requested": None, "granted": None, "paid": None, stage: "-1"}
    problems = [p for p in check_line(line(**amounts), 2) if p.field == f"financing[2].{stage}"]
    assert problems[0].message == f"Ligne 3 : le montant {label} ne peut pas être négatif."
    assert problems[0].is_error


def test_granted_above_requested_is_refused():
    [p] = check_line(line(requested="100000", granted="100000.01"), 0)
    assert p.field == "financing[0].granted"
    assert p.message == f"Ligne 1 : le montant accordé ({eur('100 000,01')}) dépasse le montant sollicité ({eur('100 000,00')})."
    assert check_line(line(requested="100000", granted="100000"), 0) == []


def test_paid_above_granted_is_refused():
    [p] = check_line(line(requested="80000", granted="50000", paid="60000"), 0)
    assert p.field == "financing[0].paid"
    assert p.message == f"Ligne 1 : le montant versé ({eur('60 000,00')}) dépasse le montant accordé ({eur('50 000,00')})."
    assert check_line(line(granted="50000", paid="50000"), 0) == []


def test_paid_without_granted_is_refused():
    [p] = check_line(line(requested="80000", paid="10"), 1)
    assert p.message == "Ligne 2 : un montant versé suppose un montant accordé."
    assert check_line(line(requested="80000", paid="0"), 1) == []


def test_refused_request_cannot_have_money_granted_or_paid():
    [p] = check_line(line(status=S.REFUSE, requested="80000", granted="80000"), 0)
    assert p.message == "Ligne 1 : une demande refusée ne peut pas avoir de montant accordé ou versé."
    assert check_line(line(status=S.REFUSE, requested="80000", granted="0"), 0) == []


def test_line_year_and_decision_date():
    from datetime import date

    assert [p.message for p in check_line(line(year=202), 0)] == ["Ligne 1 : l'année doit être comprise entre 1990 et 2100."]
    bad = line(filing_date=date(2022, 3, 1), decision_date=date(2022, 2, 1))
    assert [p.message for p in check_line(bad, 0)] == ["Ligne 1 : la date de décision précède la date de dépôt."]


@pytest.mark.parametrize("stage, label", [("planned", "prévisionnel"), ("requested", "sollicité"),
                                          ("granted", "accordé"), ("paid", "versé")])
def test_total_financing_above_cost_is_refused_at_each_stage(stage, label):
    # Two lines, each within the cost, whose total exceeds it at one stage only.
    full = {"planned": "60000", "requested": "60000", "granted": "60000", "paid": "60000"}
    a = dict(full)
    b = {"planned": "30000", "requested": "30000", "granted": "30000", "paid": "30000"}
    b[stage] = "40000.01"
    if stage in ("requested", "planned"):
        b["granted"], b["paid"] = None, None
    if stage == "planned":
        b["requested"] = None
    if stage == "granted":
        b["requested"] = "40000.01"
    if stage == "paid":
        b["granted"] = b["requested"] = "40000.01"
        a["paid"] = "60000"
    problems = check_financing(D("100000"), [line(ETAT, **a), line(AUTOFIN, **b)], PUBLIC)
    msgs = [p.message for p in errors(problems) if p.field == "financing"]
    assert f"Le total {label} des financements ({eur('100 000,01')}) dépasse le coût total ({eur('100 000,00')})." in msgs


def test_total_equal_to_cost_is_accepted():
    lines = [line(ETAT, S.ACCORDE, "70000", "70000", "70000"), line(AUTOFIN, S.ACCORDE, "30000", "30000", "30000")]
    assert errors(check_financing(D("100000"), lines, PUBLIC)) == []


def test_no_cost_means_no_cap():
    assert check_financing(None, [line(planned="99999999")], PUBLIC) == []


def test_a_refused_request_replaced_by_another_funder_does_not_block_the_plan():
    # DSIL refused, the same amount then requested from DETR: a common path, it must stay saveable.
    lines = [line(ETAT, S.REFUSE, "80000", "80000"), line(ETAT, S.SOLLICITE, "80000", "80000"),
             line(AUTOFIN, S.PREVU, "20000")]
    assert errors(check_financing(D("100000"), lines, PUBLIC)) == []


def test_cancelled_lines_do_not_count_against_the_cost():
    lines = [line(ETAT, S.ANNULE, "90000", "90000", "90000"), line(ETAT, S.ACCORDE, "80000", "80000", "80000")]
    assert errors(check_financing(D("100000"), lines, PUBLIC)) == []


def test_public_aid_above_80_percent_is_a_warning_not_an_error():
    lines = [line(ETAT, planned="60000"), line(REGION, planned="20000.01"), line(AUTOFIN, planned="19999.99")]
    problems = check_financing(D("100000"), lines, PUBLIC)
    assert errors(problems) == []
    [w] = warnings(problems)
    assert w.level == "warning"
    assert w.message == ("Les aides publiques atteignent 80,0\u00a0% du coût : le maître d'ouvrage public doit "
                         "participer à hauteur d'au moins 20 %.")


def test_public_aid_well_above_80_percent_shows_the_rate():
    problems = check_financing(D("100000"), [line(ETAT, granted="90000")], PUBLIC)
    [w] = warnings(problems)
    assert w.message.startswith("Les aides publiques atteignent 90,0\u00a0% du coût")


def test_public_aid_of_exactly_80_percent_is_not_flagged():
    lines = [line(ETAT, planned="50000"), line(REGION, planned="30000"), line(AUTOFIN, planned="20000")]
    assert check_financing(D("100000"), lines, PUBLIC) == []


def test_non_public_money_above_80_percent_is_not_flagged():
    lines = [line(ETAT, planned="10000"), line(AUTOFIN, planned="90000")]
    assert check_financing(D("100000"), lines, PUBLIC) == []


def test_every_line_is_checked_and_named():
    lines = [line(requested="10", granted="20"), line(granted="10", paid="20")]
    fields = [p.field for p in check_financing(None, lines, PUBLIC)]
    assert fields == ["financing[0].granted", "financing[1].paid"]
