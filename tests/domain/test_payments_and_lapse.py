"""Instalments (their sum is the paid amount, never above granted) and the lapse date with its alert."""

from datetime import date
from decimal import Decimal as D

from crte_desktop.domain import rules
from crte_desktop.domain.enums import FinancingStatus, PaymentKind
from crte_desktop.domain.financing import FinancingLine, Payment
from crte_desktop.domain.lapse import add_months, lapse_alert, lapse_date


def _line(**kw):
    base = dict(action_id=1, funder_id=1, scheme_id=1, year=2024, requested=D("100000"), granted=D("80000"),
                status=FinancingStatus.ACCORDE, decision_date=date(2024, 3, 15))
    base.update(kw)
    return FinancingLine(**base)


def test_paid_is_the_sum_of_the_instalments():
    line = _line(payments=[Payment(PaymentKind.ACOMPTE, date(2024, 9, 1), D("24000.00")),
                           Payment(PaymentKind.ACOMPTE, date(2025, 2, 1), D("16000.50"))])
    line.sync_paid()
    assert line.paid == D("40000.50")
    assert rules.check_line(line) == []


def test_instalments_above_granted_are_refused_naming_the_field():
    line = _line(payments=[Payment(PaymentKind.ACOMPTE, date(2024, 9, 1), D("50000")),
                           Payment(PaymentKind.SOLDE, date(2025, 2, 1), D("30000.01"))])
    line.sync_paid()
    messages = [p.message.replace("\u00a0", " ").replace("\u202f", " ")
                for p in rules.check_line(line, 0) if p.field == "financing[0].payments"]
    assert messages == ["Ligne 1 : versements : leur somme (80 000,01 €) dépasse le montant accordé (80 000,00 €)."]


def test_bad_instalments():
    line = _line(payments=[Payment(PaymentKind.SOLDE, date(2024, 9, 1), D("10")),
                           Payment(PaymentKind.ACOMPTE, date(2025, 1, 1), D("10")),
                           Payment(PaymentKind.ACOMPTE, None, D("0"))])
    line.sync_paid()
    text = " ".join(p.message for p in rules.check_line(line))
    assert "versement 3 : la date est obligatoire" in text
    assert "versement 3 : le montant doit être supérieur à zéro" in text
    assert "le solde doit être le dernier versement" in text
    ungranted = _line(granted=None, payments=[Payment(PaymentKind.AVANCE, date(2024, 9, 1), D("10"))])
    ungranted.sync_paid()
    assert any("un versement suppose un montant accordé" in p.message for p in rules.check_line(ungranted))


def test_a_paid_amount_that_is_not_the_sum_is_refused():
    line = _line(payments=[Payment(PaymentKind.ACOMPTE, date(2024, 9, 1), D("100"))], paid=D("200"))
    assert any(p.field == "paid" and "somme des versements" in p.message for p in rules.check_line(line))


def test_ds_number():
    assert rules.check_line(_line(ds_number="12345678")) == []
    [p] = rules.check_line(_line(ds_number="DS-12"))
    assert p.field == "ds_number" and "Démarches simplifiées" in p.message


def test_lapse_date_and_alert():
    line = _line()
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert lapse_date(line, 24) == date(2026, 3, 15)
    assert lapse_date(line, None) is None
    assert lapse_alert(line, 24, date(2025, 12, 1)) is None  # more than 90 days ahead
    alert = lapse_alert(line, 24, date(2026, 2, 1))
    assert alert.days_left == 42 and not alert.passed
    assert alert.message("DETR 2024") == ("DETR 2024 : caducité le 15/03/2026 (dans 42 jours) si les travaux "
                                          "ne commencent pas.")
    assert lapse_alert(line, 24, date(2026, 4, 1)).passed
    started = _line(works_start_date=date(2025, 6, 1))
    assert lapse_alert(started, 24, date(2026, 3, 1)) is None
    paid = _line(payments=[Payment(PaymentKind.ACOMPTE, date(2025, 6, 1), D("1000"))])
    assert lapse_alert(paid, 24, date(2026, 3, 1)) is None
    refused = _line(status=FinancingStatus.REFUSE, granted=None)
    assert lapse_alert(refused, 24, date(2026, 3, 1)) is None
