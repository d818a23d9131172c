"""Minutes (notes, validation, lock), decisions (numbering, application to the actions) and follow-ups."""

from datetime import date
from decimal import Decimal

import pytest

from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, Decision, DecisionEffect, DecisionOutcome, FollowUp, MeetingStatus, MinutesStatus,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.minutes import MinutesService
from tests.meetings.conftest import TODAY, new_meeting


@pytest.fixture
def copil(world):
    return new_meeting(world.store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)


def decision(world, meeting, text, effect=DecisionEffect.NONE, actions=(), outcome=DecisionOutcome.ADOPTED):
    service = DecisionService(world.store, TODAY)
    d = service.new_decision(meeting.id)
    d.text, d.effect, d.outcome = text, effect, outcome
    d.actions = [AgendaService(world.store).link(a) for a in actions]
    service.save_decision(d)
    return d


def test_notes_per_item_and_opening_text(world, copil):
    agenda, minutes = AgendaService(world.store), MinutesService(world.store, TODAY)
    agenda.apply_template(copil.id)
    first = agenda.items(copil.id)[1]
    minutes.set_item_notes(first.id, "Le secrétariat présente l'avancement : 2 actions en cours.")
    minutes.set_introduction(copil.id, "La séance est ouverte à 10h00.")
    assert agenda.get(first.id).notes == "Le secrétariat présente l'avancement : 2 actions en cours."
    assert minutes.meetings.get(copil.id).introduction == "La séance est ouverte à 10h00."


def test_decisions_are_numbered_in_the_meeting(world, copil, digest):
    d1 = decision(world, copil, "Validation de l'évaluation annuelle")
    d2 = decision(world, copil, "Report du point financier", outcome=DecisionOutcome.POSTPONED)
    assert (d1.number, d2.number) == (1, 2)
    service = DecisionService(world.store, TODAY)
    before = digest(world.path)
    d2.number = 1
    with pytest.raises(ValidationError, match="Le numéro 1 est déjà pris dans cette séance."):
        service.save_decision(d2)
    with pytest.raises(ValidationError, match="Le texte de la décision est obligatoire."):
        service.save_decision(Decision(copil.id, ""))
    assert digest(world.path) == before
    assert [(d.number, d.outcome) for d in service.decisions(copil.id)] == [
        (1, DecisionOutcome.ADOPTED), (2, DecisionOutcome.POSTPONED)]


def test_an_adopted_decision_adapts_an_action_and_its_history_names_the_meeting(world, copil):
    d = decision(world, copil, "Report de l'achèvement de l'action 2021-1 au 30/06/2025", DecisionEffect.ADAPT,
                 [world.ids["action1"]])
    service = DecisionService(world.store, TODAY)
    bundle = service.bundle_for(d.id)
    bundle.action.end_date = date(2025, 6, 30)
    service.apply(d.id, bundle)
    action = service.actions.load(world.ids["action1"]).action
    assert action.end_date == date(2025, 6, 30)
    rows = HistoryRepository(world.store).for_action(world.ids["action1"])
    change = next(h for h in rows if h.field == "Date de fin")
    assert (change.old_value, change.new_value) == ("31/12/2024", "30/06/2025")
    assert change.context == "Décision du COPIL du 12/03/2024 — n° 1"
    assert service.get(d.id).applied
    # applied once only
    with pytest.raises(ValidationError, match="La décision n° 1 a déjà été appliquée."):
        service.apply(d.id, service.bundle_for(d.id))


def test_abandonment_and_financing_changes(world, copil):
    service = DecisionService(world.store, TODAY)
    d = decision(world, copil, "Abandon de la Maison France Services", DecisionEffect.ABANDON, [world.ids["action2"]])
    service.apply(d.id)
    bundle = service.actions.load(world.ids["action2"])
    assert bundle.action.status is ActionStatus.ABANDONNEE
    assert len(bundle.financing) == 2  # an abandoned action keeps its financing
    f = decision(world, copil, "Région : montant sollicité porté à 180 000 €", DecisionEffect.FINANCING,
                 [world.ids["action1"]])
    bundle = service.bundle_for(f.id)
    bundle.financing[1].requested = Decimal("180000.00")
    service.apply(f.id, bundle)
    contexts = {h.context for h in HistoryRepository(world.store).for_action(world.ids["action1"])
                if "sollicité" in h.field}
    assert contexts == {"Décision du COPIL du 12/03/2024 — n° 2"}


def test_inclusion_creates_the_action_and_links_it(world, copil):
    service = DecisionService(world.store, TODAY)
    d = decision(world, copil, "Inscription du projet de ferme urbaine", DecisionEffect.INCLUDE)
    bundle = service.bundle_for(d.id)
    assert bundle.action.reference == "2024-1"
    bundle.action.title = "Ferme urbaine de Sin-le-Noble"
    service.apply(d.id, bundle)
    linked = service.get(d.id).actions
    assert [a.label for a in linked] == ["2024-1 — Ferme urbaine de Sin-le-Noble"]
    created = HistoryRepository(world.store).for_action(linked[0].action_id)
    assert {h.context for h in created if h.field == "création"} == {"Décision du COPIL du 12/03/2024 — n° 1"}
    assert any(h.field == "Décision n° 1 du COPIL du 12/03/2024" for h in created)


def test_decisions_that_cannot_apply_are_refused_and_nothing_is_written(world, copil, digest):
    service = DecisionService(world.store, TODAY)
    postponed = decision(world, copil, "Adaptation ajournée", DecisionEffect.ADAPT, [world.ids["action1"]],
                         DecisionOutcome.POSTPONED)
    planned = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    early = decision(world, planned, "Abandon", DecisionEffect.ABANDON, [world.ids["action2"]])
    adapt = decision(world, copil, "Adaptation", DecisionEffect.ADAPT, [world.ids["action1"]])
    before = digest(world.path)
    with pytest.raises(ValidationError, match="La décision n° 1 est ajournée : seule une décision adoptée"):
        service.apply(postponed.id, service.bundle_for(postponed.id))
    with pytest.raises(ValidationError, match="La séance doit être tenue pour appliquer ses décisions."):
        service.apply(early.id)
    other = service.actions.load(world.ids["action2"])
    with pytest.raises(DomainError, match="La fiche modifiée n'est pas une action liée à cette décision."):
        service.apply(adapt.id, other)
    broken = service.bundle_for(adapt.id)
    broken.action.end_date = date(2020, 1, 1)
    with pytest.raises(ValidationError, match="La date de fin ne peut pas précéder la date de début."):
        service.apply(adapt.id, broken)
    assert digest(world.path) == before
    assert not service.get(adapt.id).applied


def test_minutes_are_validated_at_the_next_meeting_then_locked(world, copil, digest):
    minutes, service = MinutesService(world.store, TODAY), DecisionService(world.store, TODAY)
    d = decision(world, copil, "Validation de l'évaluation annuelle")
    follow = FollowUp(copil.id, "Diffuser l'évaluation", "Secrétariat", date(2024, 4, 30), decision_id=d.id)
    service.save_follow_up(follow)
    next_copil = new_meeting(world.store, world.copil.id, date(2024, 6, 11), MeetingStatus.HELD)
    future = new_meeting(world.store, world.copil.id, date(2024, 12, 3))
    before = digest(world.path)
    with pytest.raises(DomainError, match="La séance du 03/12/2024 n'a pas encore eu lieu"):
        minutes.validate(copil.id, future.id)
    with pytest.raises(ValidationError, match="Le compte rendu se valide lors d'une séance suivante."):
        minutes.validate(next_copil.id, copil.id)
    assert digest(world.path) == before
    minutes.validate(copil.id, next_copil.id)
    m = minutes.meetings.get(copil.id)
    assert (m.minutes_status, m.minutes_validated_on, m.minutes_validated_at) == (
        MinutesStatus.VALIDATED, date(2024, 6, 11), next_copil.id)
    before = digest(world.path)
    with pytest.raises(DomainError, match="Le compte rendu de cette séance est validé : rouvrez-le"):
        minutes.set_introduction(copil.id, "Autre texte")
    with pytest.raises(DomainError, match="validé"):
        AgendaService(world.store).save_item(AgendaItem(copil.id, "Point ajouté après coup"))
    with pytest.raises(DomainError, match="validé"):
        service.delete_decision(d.id)
    with pytest.raises(DomainError, match="validé"):
        follow.text = "Autre"
        service.save_follow_up(follow)
    locked = minutes.meetings.get(copil.id)
    locked.place = "Ailleurs"
    with pytest.raises(DomainError, match="validé"):
        minutes.meetings.save(locked)
    with pytest.raises(DomainError, match="elle reste « tenue »"):
        minutes.meetings.set_status(copil.id, MeetingStatus.CANCELLED)
    assert digest(world.path) == before
    # following up goes on after validation
    service.set_done(follow.id, True, date(2024, 6, 20))
    assert service.follow_ups(copil.id)[0].done_on == date(2024, 6, 20)
    minutes.reopen(copil.id)
    minutes.set_introduction(copil.id, "Texte corrigé")
    history = [(h.field, h.old_value, h.new_value) for h in minutes.meetings.history(copil.id)]
    assert ("Compte rendu", "Validé", "Brouillon") in history


def test_a_follow_up_due_before_its_meeting_is_refused_and_nothing_is_written(world, copil, digest):
    service = DecisionService(world.store, TODAY)
    before = digest(world.path)
    with pytest.raises(ValidationError) as err:
        service.save_follow_up(FollowUp(copil.id, "Relancer la Région", "DA", date(2024, 3, 1)))
    assert str(err.value) == "L'échéance (01/03/2024) ne peut pas précéder la séance du 12/03/2024."
    assert digest(world.path) == before
    assert service.follow_ups(copil.id) == []


def test_decision_linked_to_an_item_of_another_meeting_is_refused(world, copil):
    other = new_meeting(world.store, world.cotech.id, date(2024, 2, 6), MeetingStatus.HELD)
    item = AgendaItem(other.id, "Point", AgendaItemKind.DECISION)
    AgendaService(world.store).save_item(item)
    service = DecisionService(world.store, TODAY)
    d = service.new_decision(copil.id, item.id)
    d.text = "x"
    with pytest.raises(ValidationError, match="Ce point de l'ordre du jour n'appartient pas à cette séance."):
        service.save_decision(d)
