"""Issue 9.1 for the meeting undo steps: a decision applied to the programme, undone or redone, refuses to put
back an action (or the meeting) changed elsewhere since; an agenda edit's undo refuses to erase a newer change
of the agenda. The refusal is worded for an undo and nothing is written. B is ``Store.sibling``."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, DecisionEffect, MeetingStatus
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.restore import MeetingSteps
from tests.meetings.conftest import TODAY, new_meeting

UNDO = "L'annulation aurait effacé ce changement plus récent"


@pytest.fixture
def colleague(world):
    store = Store.sibling(world.store)
    yield store
    store.close()


@pytest.fixture
def abandoned(world):
    """A held COPIL whose decision to abandon 2021-2 was applied, as one undo step."""
    store = world.store
    meeting = new_meeting(store, world.copil.id, date(2024, 5, 20), MeetingStatus.HELD)
    decisions = DecisionService(store, TODAY)
    d = decisions.new_decision(meeting.id)
    d.text, d.effect = "Abandon de la Maison France Services", DecisionEffect.ABANDON
    d.actions = [AgendaService(store).link(world.ids["action2"])]
    decisions.save_decision(d)
    _result, step = MeetingSteps(store).apply_decision("Application de la décision n° 1", meeting.id,
                                                       lambda: decisions.apply(d.id), [world.ids["action2"]])
    return step


def _status(store, action_id):
    return ActionService(store).load(action_id).action.status


def test_undoing_an_applied_decision_refuses_over_a_newer_change_of_the_action(world, abandoned, colleague, digest):
    theirs = ActionService(colleague)
    fiche = theirs.load(world.ids["action2"])
    fiche.action.notes = "Le maître d'ouvrage maintient une étude"
    theirs.save(fiche)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match=f"L'action 2021-2 a été modifiée par ailleurs.*{UNDO}"):
        abandoned.undo()
    assert digest(world.path) == before
    assert _status(world.store, world.ids["action2"]) is ActionStatus.ABANDONNEE


def test_redoing_it_refuses_over_a_change_made_after_the_undo(world, abandoned, colleague, digest):
    abandoned.undo()
    assert _status(world.store, world.ids["action2"]) is not ActionStatus.ABANDONNEE
    theirs = ActionService(colleague)
    fiche = theirs.load(world.ids["action2"])
    fiche.action.progress = 30
    theirs.save(fiche)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        abandoned.redo()
    assert digest(world.path) == before
    assert ActionService(world.store).load(world.ids["action2"]).action.progress == 30


def test_without_a_change_elsewhere_it_undoes_and_redoes(world, abandoned):
    for _ in range(2):
        abandoned.undo()
        assert _status(world.store, world.ids["action2"]) is not ActionStatus.ABANDONNEE
        abandoned.redo()
        assert _status(world.store, world.ids["action2"]) is ActionStatus.ABANDONNEE


def test_an_agenda_edit_undone_over_a_newer_change_of_the_agenda_is_refused(world, colleague, digest):
    store = world.store
    meeting = new_meeting(store, world.copil.id, date(2024, 9, 3))
    agenda = AgendaService(store)
    item = AgendaItem(meeting.id, "Avancement", AgendaItemKind.PROGRESS)
    _result, step = MeetingSteps(store).edit("Nouveau point", meeting.id, lambda: agenda.save_item(item))
    theirs = AgendaService(colleague)
    point = theirs.get(item.id)
    point.presenter = "Douaisis Agglo"
    theirs.save_item(point)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match=f"La séance du 03/09/2024 a été modifiée par ailleurs.*"
                                                    f"Point « Avancement ».*{UNDO}"):
        step.undo()
    assert digest(world.path) == before
    assert agenda.get(item.id).presenter == "Douaisis Agglo"


def test_an_agenda_edit_redone_over_a_newer_change_of_the_agenda_is_refused(world, colleague, digest):
    store = world.store
    meeting = new_meeting(store, world.copil.id, date(2024, 9, 3))
    agenda = AgendaService(store)
    item = AgendaItem(meeting.id, "Avancement", AgendaItemKind.PROGRESS)
    agenda.save_item(item)
    edited = agenda.get(item.id)
    edited.duration_minutes = 40
    _result, step = MeetingSteps(store).edit("Modification du point", meeting.id, lambda: agenda.save_item(edited))
    step.undo()
    theirs = AgendaService(colleague)
    point = theirs.get(item.id)
    point.title = "Avancement des actions"
    theirs.save_item(point)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.redo()
    assert digest(world.path) == before
    assert agenda.get(item.id).title == "Avancement des actions" and agenda.get(item.id).duration_minutes == 0
