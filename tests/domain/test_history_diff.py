"""What the history records: French field labels and readable French values."""

from datetime import date
from decimal import Decimal

from crte_desktop.domain.action import Action
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.history import display_value, diff

NBSP = "\u00a0"


def test_display_values_are_french():
    assert display_value(Decimal("1234.5")) == f"1{NBSP}234,50{NBSP}€"
    assert display_value(date(2022, 3, 1)) == "01/03/2022"
    assert display_value(ActionStatus.EN_COURS) == "En cours"
    assert display_value(True) == "oui" and display_value(False) == "non"
    assert display_value(None) is None
    assert display_value(42) == "42"


def test_diff_lists_changed_fields_with_french_labels():
    old = Action(contract_id=1, reference="2021-1", title="Piste cyclable", total_cost=Decimal("100000"),
                 status=ActionStatus.A_VENIR, id=5, row_version=1)
    new = Action(contract_id=1, reference="2021-1", title="Piste cyclable du canal", total_cost=Decimal("120000"),
                 status=ActionStatus.EN_COURS, end_date=date(2023, 12, 31), id=5, row_version=2)
    assert diff(old, new) == [
        ("Intitulé", "Piste cyclable", "Piste cyclable du canal"),
        ("Date de fin", None, "31/12/2023"),
        ("Coût total", f"100{NBSP}000,00{NBSP}€", f"120{NBSP}000,00{NBSP}€"),
        ("Statut", "À venir", "En cours"),
    ]


def test_diff_of_identical_records_is_empty_and_skips_ids():
    a = Action(contract_id=1, reference="X", title="T", id=1, row_version=1)
    b = Action(contract_id=1, reference="X", title="T", id=2, row_version=7)
    assert diff(a, b) == []


def test_diff_from_nothing_lists_the_filled_fields_only():
    new = Action(contract_id=1, reference="2021-1", title="Piste", progress=0)
    labels = [f for f, _, _ in diff(None, new)]
    assert "Référence" in labels and "Intitulé" in labels
    assert "Taux de réalisation (%)" not in labels and "Description" not in labels


def test_indicator_numbers_are_written_without_float_noise():
    assert display_value(30000.0) == "30000"
    assert display_value(2500000.0) == "2500000"
    assert display_value(0.5) == "0,5"
