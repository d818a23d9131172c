"""The decisions register and the follow-ups list across meetings, and the cadence rule."""

from datetime import date

from crte_desktop.domain.meetings import DecisionEffect, DecisionOutcome, FollowUp, MeetingStatus
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.dashboard.compute import default_cadence
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.registers import decisions_register, follow_ups, overdue_follow_ups
from tests.meetings.conftest import TODAY, new_meeting


def _decide(store, meeting, text, outcome=DecisionOutcome.ADOPTED, effect=DecisionEffect.NONE, actions=()):
    service = DecisionService(store, TODAY)
    d = service.new_decision(meeting.id)
    d.text, d.outcome, d.effect = text, outcome, effect
    d.actions = [AgendaService(store).link(a) for a in actions]
    service.save_decision(d)
    return d


def _world_with_decisions(world):
    store = world.store
    cotech = new_meeting(store, world.cotech.id, date(2023, 10, 10), MeetingStatus.HELD)
    copil = new_meeting(store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    _decide(store, cotech, "Avis favorable au report de la friche Arc-en-Ciel", actions=[world.ids["action1"]])
    _decide(store, cotech, "Point sur la Maison France Services ajourné", DecisionOutcome.POSTPONED,
            actions=[world.ids["action2"]])
    _decide(store, copil, "Adaptation du calendrier de la friche", effect=DecisionEffect.ADAPT,
            actions=[world.ids["action1"]])
    _decide(store, copil, "Évaluation annuelle validée")
    return cotech, copil


def test_the_register_lists_every_decision_newest_meeting_first_and_filters(world):
    cotech, copil = _world_with_decisions(world)
    rows = decisions_register(world.store, world.ids["contract"])
    assert [(r.committee_label, r.meeting_date, r.decision.number) for r in rows] == [
        ("COPIL", date(2024, 3, 12), 1), ("COPIL", date(2024, 3, 12), 2),
        ("COTECH", date(2023, 10, 10), 1), ("COTECH", date(2023, 10, 10), 2)]
    contract = world.ids["contract"]
    assert [r.decision.text for r in decisions_register(world.store, contract, committee_id=world.cotech.id,
                                                        outcome=DecisionOutcome.POSTPONED)] == [
        "Point sur la Maison France Services ajourné"]
    assert len(decisions_register(world.store, contract, year=2023)) == 2
    assert [r.decision.number for r in decisions_register(world.store, contract, action_id=world.ids["action1"])] == [1, 1]
    # search ignores case and accents, in the text and in the linked actions' labels
    assert [r.decision.text for r in decisions_register(world.store, contract, search="EVALUATION")] == [
        "Évaluation annuelle validée"]
    assert len(decisions_register(world.store, contract, search="arc-en-ciel")) == 2
    assert len(decisions_register(world.store, contract, effect=DecisionEffect.ADAPT, applied=False)) == 1
    assert rows[0].actions[0].label == "2021-1 — Requalification de la friche Arc-en-Ciel"
    # works on a reader connection too (worker threads)
    reader = world.store.reader()
    try:
        assert len(decisions_register(reader, contract)) == 4
    finally:
        reader.close()


def test_follow_ups_are_listed_by_due_date_with_overdue_ones_flagged(world):
    cotech, copil = _world_with_decisions(world)
    service = DecisionService(world.store, TODAY)
    for meeting, text, owner, due, done in (
            (cotech, "Transmettre le plan de financement", "DA", date(2023, 11, 30), False),
            (cotech, "Diffuser le compte rendu", "Secrétariat", date(2023, 10, 20), True),
            (copil, "Préparer l'avenant n° 1", "Sous-préfecture", date(2024, 9, 30), False),
            (copil, "Relancer l'ADEME", "Sous-préfecture", None, False)):
        service.save_follow_up(FollowUp(meeting.id, text, owner, due, done))
    rows = follow_ups(world.store, world.ids["contract"], today=TODAY)
    assert [(r.follow_up.text, r.is_overdue) for r in rows] == [
        ("Transmettre le plan de financement", True), ("Préparer l'avenant n° 1", False),
        ("Relancer l'ADEME", False), ("Diffuser le compte rendu", False)]
    assert [r.follow_up.text for r in overdue_follow_ups(world.store, world.ids["contract"], TODAY)] == [
        "Transmettre le plan de financement"]
    assert len(follow_ups(world.store, world.ids["contract"], today=TODAY, owner="sous-prefecture")) == 2
    assert len(follow_ups(world.store, world.ids["contract"], today=TODAY, done=True)) == 1
    assert len(follow_ups(world.store, world.ids["contract"], today=TODAY, committee_id=world.copil.id)) == 2
    assert len(follow_ups(world.store, world.ids["contract"], today=TODAY, due_before=date(2024, 1, 1))) == 2


def test_cadence_counts_held_meetings_per_committee_and_year(world):
    store = world.store
    new_meeting(store, world.copil.id, date(2023, 12, 5), MeetingStatus.HELD)
    new_meeting(store, world.cotech.id, date(2023, 3, 14), MeetingStatus.HELD)
    new_meeting(store, world.cotech.id, date(2023, 10, 10), MeetingStatus.HELD)
    new_meeting(store, world.cotech.id, date(2024, 2, 6), MeetingStatus.CANCELLED)
    new_meeting(store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    new_meeting(store, world.copil.id, date(2024, 7, 4), MeetingStatus.CONVENED)
    rows = default_cadence(store, world.ids["contract"], TODAY)
    assert [tuple(r) for r in rows if r[1] >= 2023] == [
        ("COPIL", 2023, 1, 1), ("COPIL", 2024, 0, 1), ("COTECH", 2023, 2, 2), ("COTECH", 2024, 1, 2)]
    # judged from the first year a meeting of the committee is recorded, not from the contract's start
    assert [r[1] for r in rows if r[0] == "COPIL"] == [2023, 2024]
    name, year, count, minimum = rows[0]
    assert (name, year, count, minimum) == ("COPIL", 2023, 1, 1)
