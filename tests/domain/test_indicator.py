"""Indicators: achievement between baseline and target, lateness, the measurement rule."""

from datetime import date

import pytest

from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.domain.rules import check_indicator

START = date(2021, 1, 1)
DUE = date(2025, 1, 1)


def ind(baseline=None, target=None, *measures, due=DUE, name="Logements rénovés"):
    return Indicator(contract_id=1, name=name, unit="logements", baseline=baseline, target=target, due_date=due,
                     measurements=[Measurement(d, v) for d, v in measures])


def test_achievement_uses_the_latest_measurement_whatever_the_list_order():
    i = ind(0, 200, (date(2023, 1, 1), 150), (date(2022, 1, 1), 50))
    assert i.latest.value == 150
    assert i.achievement == pytest.approx(0.75)


def test_achievement_from_a_baseline():
    assert ind(100, 300, (date(2022, 1, 1), 200)).achievement == pytest.approx(0.5)


def test_achievement_of_a_decreasing_target():
    # e.g. energy consumption from 1000 MWh down to 600 MWh
    assert ind(1000, 600, (date(2022, 1, 1), 900)).achievement == pytest.approx(0.25)
    assert ind(1000, 600, (date(2022, 1, 1), 500)).achievement == pytest.approx(1.25)


def test_achievement_unknown_without_target_or_measurement():
    assert ind(0, None, (date(2022, 1, 1), 5)).achievement is None
    assert ind(0, 10).achievement is None
    assert ind(0, 10).latest is None


def test_achievement_when_target_equals_baseline():
    assert ind(5, 5, (date(2022, 1, 1), 5)).achievement == 1.0
    assert ind(5, 5, (date(2022, 1, 1), 4)).achievement == 0.0


def test_behind_after_the_due_date_when_not_reached():
    assert ind(0, 100, (date(2024, 6, 1), 99)).is_behind(date(2025, 1, 2), START)
    assert not ind(0, 100, (date(2024, 6, 1), 100)).is_behind(date(2025, 1, 2), START)


def test_behind_when_well_below_the_linear_path():
    today = date(2023, 1, 1)  # half-way between START and DUE
    assert ind(0, 100).expected_achievement(today, START) == pytest.approx(0.5, abs=0.01)
    assert ind(0, 100, (date(2022, 12, 1), 20)).is_behind(today, START)
    assert not ind(0, 100, (date(2022, 12, 1), 40)).is_behind(today, START)


def test_not_behind_when_nothing_to_compare():
    assert not ind(0, 100).is_behind(date(2030, 1, 1), START)  # no measurement
    assert not ind(0, 100, (date(2022, 1, 1), 1), due=None).is_behind(date(2030, 1, 1), START)
    assert ind(0, 100, due=None).expected_achievement(date(2023, 1, 1), START) is None
    assert ind(0, 100).expected_achievement(date(2023, 1, 1), None) is None


def test_two_measurements_on_the_same_date_are_refused():
    i = ind(0, 100, (date(2022, 1, 1), 10), (date(2022, 1, 1), 12))
    [p] = check_indicator(i)
    assert p.is_error
    assert p.message == "L'indicateur « Logements rénovés » a deux mesures à la même date."


def test_indicator_needs_a_name():
    assert [p.message for p in check_indicator(ind(name="  "))] == ["Le nom de l'indicateur est obligatoire."]
    assert check_indicator(ind(0, 100, (date(2022, 1, 1), 10), (date(2023, 1, 1), 12))) == []
