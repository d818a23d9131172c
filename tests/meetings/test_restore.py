"""Undo of meeting edits: a snapshot put back gives the meeting as it was, documents included."""

from __future__ import annotations

import dataclasses
from datetime import date

from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, DecisionEffect, FollowUp, MeetingStatus
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes import MinutesService
from crte_desktop.meetings.restore import MeetingSnapshot, restore, restore_programme, snapshot
from tests.meetings.conftest import TODAY, new_meeting


def _fill(world):
    store = world.store
    meeting = new_meeting(store, world.cotech.id, date(2024, 5, 14), MeetingStatus.HELD)
    agenda = AgendaService(store)
    agenda.save_item(AgendaItem(meeting.id, "Avancement", AgendaItemKind.PROGRESS, duration_minutes=20,
                                actions=[agenda.link(world.ids["action1"])]))
    agenda.save_item(AgendaItem(meeting.id, "Questions diverses", AgendaItemKind.OTHER_BUSINESS))
    first = agenda.items(meeting.id)[0]
    agenda.add_attachment(meeting.id, "plan.pdf", b"%PDF-1.4 plan", agenda_item_id=first.id)
    AttendanceService(store).save(meeting.id, AttendanceService(store).sheet(meeting.id))
    decisions = DecisionService(store, TODAY)
    d = decisions.new_decision(meeting.id, first.id)
    d.text = "Avis favorable"
    decisions.save_decision(d)
    decisions.save_follow_up(FollowUp(meeting.id, "Relancer le maître d'ouvrage", owner="DA",
                                      due_date=date(2024, 7, 1), decision_id=d.id, agenda_item_id=first.id))
    return meeting


def _state(store, meeting_id):
    snap = snapshot(store, meeting_id, with_documents=True)
    meeting = dataclasses.replace(snap.meeting, row_version=0)  # the version counts writes, undo is one
    return (meeting, [(i.id, i.title, i.position, i.action_ids) for i in snap.items],
            [(e.id, e.name, e.status) for e in snap.attendance], [(d.id, d.number, d.agenda_item_id) for d in snap.decisions],
            [(f.id, f.decision_id, f.agenda_item_id) for f in snap.follow_ups],
            [(a.id, a.file_name, a.agenda_item_id, data) for a, data in snap.attachments])


def test_deleting_an_item_then_putting_it_back(world):
    store = world.store
    meeting = _fill(world)
    before_state = _state(store, meeting.id)
    before = snapshot(store, meeting.id, with_documents=True)
    agenda = AgendaService(store)
    agenda.delete_item(agenda.items(meeting.id)[0].id)  # takes its document, unlinks the decision and follow-up
    assert len(agenda.items(meeting.id)) == 1 and agenda.attachments(meeting.id) == []
    restore(store, before)
    assert _state(store, meeting.id) == before_state


def test_deleting_the_meeting_then_putting_it_back(world):
    store = world.store
    meeting = _fill(world)
    later = new_meeting(store, world.cotech.id, date(2024, 6, 11), MeetingStatus.HELD)
    MinutesService(store, TODAY).validate(meeting.id, later.id)
    later_state = _state(store, later.id)
    before = snapshot(store, later.id, with_documents=True)
    first_state = _state(store, meeting.id)
    MeetingService(store, TODAY).delete(later.id)
    assert MeetingService(store).repo.get(meeting.id).minutes_validated_at is None
    restore(store, before)
    assert _state(store, later.id) == later_state
    assert _state(store, meeting.id) == first_state  # validated at the meeting put back, again


def test_a_new_meeting_undone_and_redone_keeps_its_id(world):
    store = world.store
    meeting = new_meeting(store, world.copil.id, date(2024, 9, 3))
    after = snapshot(store, meeting.id)
    restore(store, MeetingSnapshot(meeting.id))  # as before its creation
    assert MeetingService(store).repo.get(meeting.id) is None
    restore(store, after)
    assert MeetingService(store).repo.get(meeting.id).date == date(2024, 9, 3)


def test_undoing_an_applied_abandonment_puts_the_action_back(world):
    store = world.store
    meeting = new_meeting(store, world.copil.id, date(2024, 5, 20), MeetingStatus.HELD)
    decisions, actions = DecisionService(store, TODAY), ActionService(store)
    d = decisions.new_decision(meeting.id)
    d.text, d.effect = "Abandon de la Maison France Services", DecisionEffect.ABANDON
    d.actions = [AgendaService(store).link(world.ids["action2"])]
    decisions.save_decision(d)
    before, bundle = snapshot(store, meeting.id), actions.load(world.ids["action2"])
    decisions.apply(d.id)
    assert actions.load(world.ids["action2"]).action.status is ActionStatus.ABANDONNEE
    restore_programme(store, before, [bundle], [])
    assert actions.load(world.ids["action2"]).action.status is ActionStatus.EN_PREPARATION
    assert not decisions.get(d.id).applied
