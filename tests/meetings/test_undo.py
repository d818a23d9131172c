"""What the GUI's undo needs: a deleted meeting put back whole, a decision's application reverted."""

from datetime import date

from crte_desktop.db.history_repo import HistoryRepository
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.meetings import (
    DecisionEffect, FollowUp, MeetingStatus, MinutesStatus,
)
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes import MinutesService
from crte_desktop.meetings.snapshot import delete_with_snapshot, restore
from tests.meetings.conftest import TODAY, new_meeting


def _content(store, meeting_id):
    agenda, decisions = AgendaService(store), DecisionService(store, TODAY)
    return (MeetingService(store).get(meeting_id),
            [(i.id, i.title, i.notes, [(a.action_id, a.label) for a in i.actions]) for i in agenda.items(meeting_id)],
            [(a.file_name, agenda.attachment_data(a.id)) for a in agenda.attachments(meeting_id)],
            [(e.id, e.display_name, e.status) for e in AttendanceService(store).saved(meeting_id)],
            [(d.id, d.number, d.text, [a.action_id for a in d.actions]) for d in decisions.decisions(meeting_id)],
            [(f.id, f.text, f.due_date) for f in decisions.follow_ups(meeting_id)])


def test_a_deleted_meeting_comes_back_whole_with_the_same_ids(world):
    store = world.store
    m = new_meeting(store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    later = new_meeting(store, world.cotech.id, date(2024, 6, 11), MeetingStatus.HELD)
    agenda = AgendaService(store)
    agenda.apply_template(m.id)
    item = agenda.items(m.id)[2]
    item.actions = [agenda.link(world.ids["action1"]), agenda.link(world.ids["action2"])]
    item.notes = "Point fait."
    agenda.save_item(item)
    agenda.add_attachment(m.id, "planning.pdf", b"%PDF", agenda_item_id=item.id)
    attendance = AttendanceService(store)
    attendance.save(m.id, attendance.sheet(m.id))
    decisions = DecisionService(store, TODAY)
    d = decisions.new_decision(m.id, item.id)
    d.text, d.actions = "Avis favorable", [agenda.link(world.ids["action1"])]
    decisions.save_decision(d)
    decisions.save_follow_up(FollowUp(m.id, "Relancer", "DA", date(2024, 4, 1), decision_id=d.id))
    MinutesService(store, TODAY).validate(m.id, later.id)
    later_minutes = new_meeting(store, world.cotech.id, date(2024, 6, 12), MeetingStatus.HELD)
    MinutesService(store, TODAY).validate(later.id, later_minutes.id)
    before = _content(store, m.id)

    snapshot = delete_with_snapshot(store, m.id)
    ActionService(store).delete(world.ids["action2"])  # meanwhile an action goes
    restore(store, snapshot)
    after = _content(store, m.id)
    assert after[0] == before[0]
    assert after[0].minutes_status is MinutesStatus.VALIDATED and after[0].minutes_validated_at == later.id
    assert after[1][2][3] == [(world.ids["action1"], before[1][2][3][0][1]), (None, before[1][2][3][1][1])]
    assert after[1][:2] == before[1][:2] and after[2:] == before[2:]

    # the meeting at which other minutes were validated gets that link back too
    snapshot = delete_with_snapshot(store, later.id)
    assert MeetingService(store).get(m.id).minutes_validated_at is None
    restore(store, snapshot)
    assert MeetingService(store).get(m.id).minutes_validated_at == later.id


def test_an_application_is_reverted_with_its_history(world):
    store = world.store
    m = new_meeting(store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    service = DecisionService(store, TODAY)
    abandon = service.new_decision(m.id)
    abandon.text, abandon.effect = "Abandon de la MFS", DecisionEffect.ABANDON
    abandon.actions = [AgendaService(store).link(world.ids["action2"])]
    service.save_decision(abandon)
    _changes, application = service.apply_undoable(abandon.id)
    assert service.actions.load(world.ids["action2"]).action.status is ActionStatus.ABANDONNEE
    service.revert(application)
    assert service.actions.load(world.ids["action2"]).action.status is ActionStatus.EN_PREPARATION
    assert not service.get(abandon.id).applied
    contexts = [h.context for h in HistoryRepository(store).for_action(world.ids["action2"]) if h.field == "Statut"]
    assert contexts == ["Annulation — Décision du COPIL du 12/03/2024 — n° 1", "Décision du COPIL du 12/03/2024 — n° 1"]

    include = service.new_decision(m.id)
    include.text, include.effect = "Inscription d'une ferme urbaine", DecisionEffect.INCLUDE
    service.save_decision(include)
    bundle = service.bundle_for(include.id)
    bundle.action.title = "Ferme urbaine"
    _changes, application = service.apply_undoable(include.id, bundle)
    assert application.created == [bundle.action.id]
    service.revert(application)
    assert service.actions.actions.get(bundle.action.id) is None
    assert service.get(include.id).actions == [] and not service.get(include.id).applied
    # and it can be applied again afterwards
    again = service.bundle_for(include.id)
    again.action.title = "Ferme urbaine"
    service.apply(include.id, again)
    assert service.get(include.id).applied


def test_an_agenda_item_comes_back_with_its_id(world):
    m = new_meeting(world.store, world.cotech.id, date(2024, 3, 12))
    agenda = AgendaService(world.store)
    agenda.apply_template(m.id)
    item = agenda.items(m.id)[2]
    item.actions = [agenda.link(world.ids["action1"])]
    agenda.save_item(item)
    kept = agenda.get(item.id)
    titles = [i.title for i in agenda.items(m.id)]
    agenda.delete_item(item.id)
    agenda.save_item(kept)
    assert agenda.get(item.id) == kept
    assert [i.title for i in agenda.items(m.id)] == titles
