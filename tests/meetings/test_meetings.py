"""Meetings: planning, status, convocation, list."""

from datetime import date, time

import pytest

from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import Meeting, MeetingStatus
from crte_desktop.meetings.meetings import MeetingService
from tests.meetings.conftest import TODAY, new_meeting


def test_a_meeting_without_a_date_is_refused_and_nothing_is_written(world, digest):
    service = MeetingService(world.store, TODAY)
    before = digest(world.path)
    with pytest.raises(ValidationError, match="La date de la séance est obligatoire."):
        service.save(Meeting(world.cotech.id, None, time(14, 0)))
    assert digest(world.path) == before
    assert service.rows() == []


def test_a_meeting_is_saved_listed_and_labelled(world):
    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    copil = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    assert service.label(m.id) == "COTECH du 12/03/2024"
    assert service.contract_of(m.id) == world.ids["contract"]
    rows = service.rows(world.ids["contract"])
    assert [(r.id, r.committee_label, r.date, r.status) for r in rows] == [
        (m.id, "COTECH", date(2024, 3, 12), MeetingStatus.HELD), (copil.id, "COPIL", date(2024, 7, 4), MeetingStatus.PLANNED)]
    again = service.get(m.id)
    assert (again.start_time, again.end_time, again.place) == (time(14, 0), time(16, 0), "Sous-préfecture de Douai, salle Vauban")
    assert again.uid.endswith("@crte-desktop")


def test_a_future_meeting_cannot_be_marked_held(world, digest):
    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    before = digest(world.path)
    with pytest.raises(ValidationError, match="ne peut pas encore être marquée comme tenue"):
        service.set_status(m.id, MeetingStatus.HELD)
    assert digest(world.path) == before
    service.set_status(m.id, MeetingStatus.POSTPONED)
    assert service.get(m.id).status is MeetingStatus.POSTPONED


def test_sending_the_convocation_records_the_date_and_convenes(world, digest):
    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4), place="")
    before = digest(world.path)
    with pytest.raises(DomainError, match="Indiquez le lieu ou le lien de visioconférence"):
        service.mark_convocation_sent(m.id)
    assert digest(world.path) == before
    m.place = "Douai"
    service.save(m)
    before = digest(world.path)
    with pytest.raises(DomainError, match="après la séance du 04/07/2024"):
        service.mark_convocation_sent(m.id, date(2024, 7, 5))
    assert digest(world.path) == before
    service.mark_convocation_sent(m.id)
    again = service.get(m.id)
    assert (again.status, again.convocation_sent_on, again.ics_sequence) == (MeetingStatus.CONVENED, TODAY, 0)
    # moving a convened meeting makes calendars replace the invitation
    again.start_time, again.end_time = time(9, 30), time(11, 30)
    service.save(again)
    assert service.get(m.id).ics_sequence == 1
    history = [(h.field, h.old_value, h.new_value) for h in service.history(m.id)]
    assert ("Heure de début", "14h00", "9h30") in history
    assert ("Convocation envoyée le", None, "15/06/2024") in history
    assert ("Statut", "Prévue", "Convoquée") in history


def test_a_cancelled_meeting_is_not_convened(world):
    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4), MeetingStatus.CANCELLED)
    with pytest.raises(DomainError, match="Cette séance est annulée : on ne la convoque plus."):
        service.mark_convocation_sent(m.id)


def test_deleting_a_meeting_removes_its_content_but_keeps_a_history_row(world):
    from crte_desktop.meetings.agenda import AgendaService

    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    AgendaService(world.store).apply_template(m.id)
    service.delete(m.id)
    assert world.store.conn.execute("SELECT COUNT(*) FROM agenda_item").fetchone()[0] == 0
    assert ("suppression", "COTECH du 12/03/2024") in [(h.field, h.new_value) for h in service.history(m.id)]
    with pytest.raises(DomainError, match="Cette séance n'existe plus"):
        service.get(m.id)


def test_the_previous_and_following_meetings_of_a_committee(world):
    service = MeetingService(world.store, TODAY)
    first = new_meeting(world.store, world.cotech.id, date(2024, 1, 9), MeetingStatus.HELD)
    new_meeting(world.store, world.cotech.id, date(2024, 2, 6), MeetingStatus.CANCELLED)
    third = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    new_meeting(world.store, world.copil.id, date(2024, 2, 1), MeetingStatus.HELD)
    assert service.previous(third).id == first.id
    assert [m.id for m in service.following(first)] == [third.id]
