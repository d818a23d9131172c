"""Dates (dd/mm/yyyy on screen, ISO in storage), accent-insensitive folding, enum labels."""

from datetime import date, datetime

import pytest

from crte_desktop.domain.dates import DateError, format_date, from_iso, parse_date, to_iso
from crte_desktop.domain.enums import (
    LATE_LABEL,
    ActionStatus,
    FinancingCategory,
    FinancingStatus,
    OrgKind,
    Priority,
    Rating,
    Stage,
    TaxonomyObjective,
)
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.text import fold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12/03/2022", date(2022, 3, 12)),
        ("1/3/2022", date(2022, 3, 1)),
        ("12-03-2022", date(2022, 3, 12)),
        ("12.03.2022", date(2022, 3, 12)),
        ("2022-03-12", date(2022, 3, 12)),
        ("2022-03-12T10:30:00", date(2022, 3, 12)),
        (" 29/02/2024 ", date(2024, 2, 29)),
        # typed as digits, two-digit years are 20aa (issue 11.11)
        ("12/03/22", date(2022, 3, 12)),
        ("12/3/24", date(2024, 3, 12)),
        ("12032022", date(2022, 3, 12)),
        ("120324", date(2024, 3, 12)),
        ("12 03 2024", date(2024, 3, 12)),
    ],
)
def test_parse_date_reads_french_and_iso(text, expected):
    assert parse_date(text) == expected


def test_parse_date_passes_dates_and_empties_through():
    assert parse_date(date(2021, 7, 1)) == date(2021, 7, 1)
    assert parse_date(datetime(2021, 7, 1, 14, 0)) == date(2021, 7, 1)
    assert parse_date("") is None
    assert parse_date("   ") is None
    assert parse_date(None) is None


@pytest.mark.parametrize("text", ["31/02/2022", "29/02/2023", "00/01/2022", "12/13/2022", "2022-02-31"])
def test_impossible_dates_are_refused_in_french(text):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value) == f"« {text} » n'est pas une date qui existe."
    assert isinstance(err.value, DomainError)


@pytest.mark.parametrize("text", ["demain", "12/03/2", "2022/03/12", "12 mars 2022", "1203202", "2022-3-1", "123"])
def test_unreadable_dates_are_refused_with_the_expected_format(text):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value) == f"« {text} » n'est pas une date valide (format attendu : jj/mm/aaaa)."


def test_format_and_iso_round_trip():
    d = date(2021, 7, 5)
    assert format_date(d) == "05/07/2021"
    assert format_date(None) == ""
    assert to_iso(d) == "2021-07-05"
    assert from_iso("2021-07-05") == d
    assert to_iso(None) is None and from_iso(None) is None and from_iso("") is None
    assert parse_date(format_date(d)) == d


def test_fold_ignores_case_and_accents():
    assert fold("Élan Été") == "elan ete"
    assert fold("DOUAISIS Agglo") == "douaisis agglo"
    assert fold("Cœur d'Ostrevent") == fold("CŒUR D'OSTREVENT")
    assert fold("Réhabilitation") == fold("rehabilitation")
    assert fold("") == "" and fold(None) == ""


def test_enum_members_carry_code_and_french_label():
    assert ActionStatus.REALISEE.value == "realisee"
    assert ActionStatus.REALISEE.label == "Réalisée"
    assert ActionStatus.A_VENIR.label == "À venir"
    assert ActionStatus.ABANDONNEE.label == "Abandonnée"
    assert FinancingStatus.REFUSE.label == "Refusé"
    assert FinancingCategory.FRANCE_RELANCE.label == "France Relance"
    assert Stage.PLANNED.label == "Prévisionnel" and Stage.PAID.label == "Versé"
    assert OrgKind.ETAT.label == "État"
    assert Rating.NOT_ASSESSED.label == "Non évalué"
    assert Priority.HIGH.label == "Haute"
    assert len(TaxonomyObjective) == 6
    assert LATE_LABEL == "En retard"
    for enum in (ActionStatus, FinancingStatus, FinancingCategory, Stage, OrgKind, TaxonomyObjective, Rating, Priority):
        labels = [m.label for m in enum]
        assert len(set(labels)) == len(labels), enum
        assert all(label and label[0].isupper() for label in labels), enum


def test_enum_lookup_by_code_and_by_label():
    assert ActionStatus.from_code("en_cours") is ActionStatus.EN_COURS
    assert ActionStatus.from_label("réalisée") is ActionStatus.REALISEE
    assert ActionStatus.from_label("REALISEE") is ActionStatus.REALISEE
    assert ActionStatus.from_label("  En préparation ".strip()) is ActionStatus.EN_PREPARATION
    assert OrgKind.from_label("etat") is OrgKind.ETAT
    with pytest.raises(ValueError):
        ActionStatus.from_code("terminee")
    with pytest.raises(ValueError):
        ActionStatus.from_label("Terminée")


def test_only_completed_and_abandoned_actions_are_closed():
    closed = {s for s in ActionStatus if s.is_closed}
    assert closed == {ActionStatus.REALISEE, ActionStatus.ABANDONNEE}
    assert {s for s in FinancingStatus if not s.counts} == {FinancingStatus.REFUSE, FinancingStatus.ANNULE}
