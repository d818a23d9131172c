"""Actions: lateness, displayed status, the rules on the action itself, the assessment."""

from datetime import date
from decimal import Decimal

import pytest

from crte_desktop.domain.action import Action, Assessment, full_assessment
from crte_desktop.domain.enums import ActionStatus, Rating, TaxonomyObjective
from crte_desktop.domain.errors import Problem, ValidationError
from crte_desktop.domain.rules import check_action, errors, warnings

TODAY = date(2024, 6, 15)


def _action(**kw) -> Action:
    base = dict(contract_id=1, reference="2021-1", title="Réhabilitation de la friche Arc-en-Ciel")
    base.update(kw)
    return Action(**base)


@pytest.mark.parametrize("status", [s for s in ActionStatus if not s.is_closed])
def test_open_action_past_its_end_date_is_late(status):
    a = _action(status=status, end_date=date(2024, 6, 14))
    assert a.is_late(TODAY)
    assert a.status_label(TODAY) == "En retard"


@pytest.mark.parametrize("status", [ActionStatus.REALISEE, ActionStatus.ABANDONNEE])
def test_completed_or_abandoned_action_is_never_late(status):
    a = _action(status=status, end_date=date(2020, 1, 1))
    assert not a.is_late(TODAY)
    assert a.status_label(TODAY) == status.label


def test_not_late_on_its_end_date_or_without_one():
    assert not _action(status=ActionStatus.EN_COURS, end_date=TODAY).is_late(TODAY)
    assert _action(status=ActionStatus.EN_COURS, end_date=TODAY).status_label(TODAY) == "En cours"
    assert not _action(status=ActionStatus.EN_COURS, end_date=None).is_late(TODAY)


def test_a_valid_action_has_no_problem():
    a = _action(start_date=date(2021, 1, 1), end_date=date(2021, 1, 1), progress=100, total_cost=Decimal("0"),
                inscription_year=2021)
    assert check_action(a, {"2021-2", "2022-1"}) == []


def _messages(action, others=frozenset()):
    return [p.message for p in check_action(action, set(others))]


def test_reference_and_title_are_required():
    assert _messages(_action(reference="  ")) == ["La référence est obligatoire."]
    assert _messages(_action(title="")) == ["L'intitulé est obligatoire."]
    assert _messages(_action(title="   ")) == ["L'intitulé est obligatoire."]


def test_reference_must_be_unique_in_the_contract_ignoring_case_and_spaces():
    assert _messages(_action(reference="FA-1"), {"fa-1"}) == ["La référence « FA-1 » existe déjà dans ce contrat."]
    assert _messages(_action(reference=" 2021-1 "), {"2021-1"}) == ["La référence « 2021-1 » existe déjà dans ce contrat."]
    assert _messages(_action(reference="2021-1"), {"2021-10", "2021-11"}) == []


def test_reference_with_odd_characters_is_refused():
    assert _messages(_action(reference="2021;1")) == ["La référence « 2021;1 » contient des caractères non admis."]
    assert _messages(_action(reference="-1")) == ["La référence « -1 » contient des caractères non admis."]
    assert _messages(_action(reference="AXE1/O.2 - 3")) == []


def test_end_date_before_start_date_is_refused():
    a = _action(start_date=date(2022, 3, 1), end_date=date(2022, 2, 28))
    [p] = check_action(a)
    assert p == Problem("end_date", "La date de fin ne peut pas précéder la date de début.")


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_100_is_refused(progress):
    [p] = check_action(_action(progress=progress))
    assert p.field == "progress"
    assert p.message == "Le taux de réalisation doit être compris entre 0 et 100 %."


@pytest.mark.parametrize("progress", [0, 100])
def test_progress_bounds_are_accepted(progress):
    assert check_action(_action(progress=progress)) == []


def test_progress_must_be_a_whole_number():
    assert [p.field for p in check_action(_action(progress=50.5))] == ["progress"]


def test_negative_cost_and_absurd_year_are_refused():
    assert _messages(_action(total_cost=Decimal("-0.01"))) == ["Le coût total ne peut pas être négatif."]
    assert _messages(_action(inscription_year=21)) == ["L'année d'inscription doit être comprise entre 1990 et 2100."]


def test_every_action_problem_is_an_error_and_a_validation_error_lists_them():
    a = _action(reference="", title="", progress=101, start_date=date(2022, 1, 2), end_date=date(2022, 1, 1))
    problems = check_action(a)
    assert len(problems) == 4
    assert errors(problems) == problems and warnings(problems) == []
    err = ValidationError(problems + [Problem("financing", "Simple avertissement.", "warning")])
    assert len(err.problems) == 4
    assert str(err).splitlines() == [p.message for p in problems]
    assert str(ValidationError([])) == "Données invalides."


def test_full_assessment_lists_the_six_objectives_in_order():
    items = full_assessment([Assessment(TaxonomyObjective.WATER, Rating.FAVOURABLE, "Désimperméabilisation")])
    assert [a.objective for a in items] == list(TaxonomyObjective)
    assert items[2].rating is Rating.FAVOURABLE and items[2].comment == "Désimperméabilisation"
    assert all(a.rating is Rating.NOT_ASSESSED for i, a in enumerate(items) if i != 2)
