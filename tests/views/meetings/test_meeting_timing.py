"""Meeting timing: attendance, minutes and decisions are refused in French for a meeting still ahead; an agenda
longer than the meeting's slot is flagged; « Appliquer au programme » checks before opening its dialog."""

from __future__ import annotations

from datetime import date, time

import pytest

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, Decision, DecisionEffect, DecisionOutcome
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes import MinutesService
from tests.meetings.conftest import TODAY, new_meeting

AHEAD = "La séance du 04/07/2024 n'a pas encore eu lieu"


@pytest.fixture
def shown_committee(world):  # noqa: F811
    return world.copil


def test_a_meeting_ahead_refuses_attendance_minutes_and_decisions(world, digest):
    coming = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    AgendaService(world.store).save_item(AgendaItem(coming.id, "Avancement", AgendaItemKind.PROGRESS))
    item = AgendaService(world.store).items(coming.id)[0]
    before = digest(world.path)
    attendance = AttendanceService(world.store, TODAY)
    with pytest.raises(DomainError, match=f"{AHEAD} : la saisie de la présence sera possible"):
        attendance.save(coming.id, attendance.sheet(coming.id))
    minutes = MinutesService(world.store, TODAY)
    with pytest.raises(DomainError, match=f"{AHEAD} : la saisie du compte rendu"):
        minutes.set_introduction(coming.id, "La séance est ouverte.")
    with pytest.raises(DomainError, match=AHEAD):
        minutes.set_item_notes(item.id, "Notes")
    with pytest.raises(DomainError, match=AHEAD):
        minutes.save_text(coming.id, "Ouverture", {item.id: "Notes"})
    decisions = DecisionService(world.store, TODAY)
    with pytest.raises(DomainError, match=f"{AHEAD} : la saisie des décisions"):
        decisions.save_decision(Decision(coming.id, "Avis favorable"))
    with pytest.raises(DomainError, match=f"{AHEAD} : la saisie des suites à donner"):
        decisions.save_follow_up(decisions.new_follow_up(coming.id) or None)
    assert digest(world.path) == before
    # on the day itself, it is possible
    assert AttendanceService(world.store, date(2024, 7, 4)).save(coming.id, attendance.sheet(coming.id))


def test_the_minutes_tab_says_so_for_a_meeting_ahead(page, world):
    coming = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    page.refresh_meetings(select=coming.id)
    assert AHEAD in page.minutes.message.text()
    assert not page.minutes.new_decision_button.isEnabled()
    assert page.minutes.introduction_edit.isReadOnly()


def test_an_agenda_longer_than_the_slot_is_flagged(page, world):
    coming = new_meeting(world.store, world.copil.id, date(2024, 7, 4))  # 14h00–16h00
    agenda = AgendaService(world.store)
    agenda.save_item(AgendaItem(coming.id, "Avancement", AgendaItemKind.PROGRESS, duration_minutes=90))
    page.refresh_meetings(select=coming.id)
    assert page.agenda.overrun_label.isHidden()
    agenda.save_item(AgendaItem(coming.id, "Programmation", AgendaItemKind.PROGRESS, duration_minutes=45))
    page.agenda.refresh()
    assert not page.agenda.overrun_label.isHidden()
    assert page.agenda.overrun_label.text() == (
        "L'ordre du jour dure 2 h 15, plus que le créneau de la séance (14h00–16h00, 2 h) : raccourcissez des "
        "points ou allongez la séance.")
    service = MeetingService(world.store)
    m = service.get(coming.id)
    m.end_time = time(17, 0)
    service.save(m)
    page.agenda.refresh()
    assert page.agenda.overrun_label.isHidden()


def test_apply_checks_before_opening_its_dialog(page, world, monkeypatch):
    planned = new_meeting(world.store, world.copil.id, date(2024, 6, 1))  # past, not marked held
    decisions = DecisionService(world.store, TODAY)
    decisions.save_decision(Decision(planned.id, "Adaptation", outcome=DecisionOutcome.ADOPTED,
                                     effect=DecisionEffect.ADAPT,
                                     actions=[AgendaService(world.store).link(world.ids["action1"])]))
    decision = decisions.decisions(planned.id)[0]
    page.refresh_meetings(select=planned.id)
    asked = []
    monkeypatch.setattr(page.minutes, "_ask_bundle", lambda *a: asked.append(a))
    assert not page.minutes.apply_decision(decision.id)
    assert asked == []  # no dialog was opened
    assert page.minutes.message.text() == "La séance doit être tenue pour appliquer ses décisions."
