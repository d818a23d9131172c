"""The calendar of obligations judged against today: COPIL before July, revue window, deposit deadlines."""

from datetime import date

import pytest

from crte_desktop.domain.obligations import (DepositDeadline, Obligation, ObligationKind, ObligationState,
                                             copil_obligation, deadline_problems, next_yearly_date, revue_obligation)


def test_copil_held_before_july_is_done_else_late_after_june():
    held = copil_obligation(2025, [date(2025, 3, 12)], [])
    assert held.done and held.state(date(2025, 8, 1)) is ObligationState.DONE
    assert held.detail == "COPIL tenu le 12/03/2025"
    # a COPIL held in September does not count; one planned in June is shown, not counted
    late = copil_obligation(2025, [date(2025, 9, 2)], [date(2025, 6, 20)])
    assert not late.done and late.detail == "COPIL prévu le 20/06/2025"
    assert late.state(date(2025, 6, 10)) is ObligationState.DUE
    assert late.state(date(2025, 7, 1)) is ObligationState.LATE
    assert late.state(date(2025, 1, 15)) is ObligationState.COMING


def test_revue_window_is_due_while_open_and_done_when_every_owner_is_integrated():
    open_ = revue_obligation(2025, [("Revue 2025", 4, 2)])
    assert (open_.start, open_.due) == (date(2025, 7, 1), date(2025, 9, 30))
    assert open_.state(date(2025, 7, 2)) is ObligationState.DUE
    assert open_.state(date(2025, 10, 1)) is ObligationState.LATE
    assert "2/4 maîtres d'ouvrage intégrés" in open_.detail
    assert revue_obligation(2025, [("Revue 2025", 4, 4)]).done
    assert not revue_obligation(2025, [("Vide", 0, 0)]).done
    assert revue_obligation(2025, []).detail == "Aucune campagne créée"


def test_a_passed_deposit_deadline_is_past_not_late():
    o = Obligation(ObligationKind.DEPOSIT, "Dépôt DETR", date(2025, 1, 15), missed_is_late=False)
    assert o.state(date(2025, 2, 1)) is ObligationState.DONE and o.state_label(date(2025, 2, 1)) == "Passée"
    assert next_yearly_date(1, 15, date(2025, 2, 1)) == date(2026, 1, 15)
    assert next_yearly_date(1, 15, date(2025, 1, 15)) == date(2025, 1, 15)
    assert next_yearly_date(2, 29, date(2025, 1, 1)) == date(2025, 2, 28)


@pytest.mark.parametrize("deadline, field, message", [
    (DepositDeadline(None, 1, 15), "scheme_id", "Dispositif : obligatoire."),
    (DepositDeadline(3, 2, 30), "day", "Date limite : le 30/02 n'existe pas."),
    (DepositDeadline(3, 1, 15, department="599"), "department", "« 599 » n'est pas un numéro de département"),
    (DepositDeadline(3, 1, 15, department="20"), "department", "« 20 » n'est pas un numéro de département"),
])
def test_bad_deadlines_are_refused_in_french_naming_the_field(deadline, field, message):
    problems = deadline_problems(deadline)
    assert [p.field for p in problems] == [field] and message in problems[0].message


def test_good_deadlines_pass():
    for department in ("", "59", "2A", "974"):
        assert deadline_problems(DepositDeadline(3, 2, 29, department=department)) == []
