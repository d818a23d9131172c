"""Issue 9.1 for agenda items (row_version from schema 6): a save or a deletion of a point changed elsewhere
since it was loaded is refused with « … modifié par ailleurs depuis son ouverture » naming what changed, the
file byte-for-byte unchanged. B is a second connection of this process (``Store.sibling``)."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind
from crte_desktop.meetings.agenda import AgendaService
from tests.meetings.conftest import new_meeting


@pytest.fixture
def point(world):
    """A COPIL meeting with one point « Avancement des actions »; its id."""
    meeting = new_meeting(world.store, world.copil.id, date(2024, 9, 3))
    item = AgendaItem(meeting.id, "Avancement des actions", AgendaItemKind.PROGRESS, duration_minutes=20)
    AgendaService(world.store).save_item(item)
    return item.id


@pytest.fixture
def colleague(world):
    store = Store.sibling(world.store)
    yield AgendaService(store)
    store.close()


def test_a_stale_point_is_refused_and_names_what_changed(world, point, colleague, digest):
    mine = AgendaService(world.store).get(point)
    theirs = colleague.get(point)
    theirs.presenter = "Douaisis Agglo"
    colleague.save_item(theirs)
    before = digest(world.path)
    mine.duration_minutes = 45
    with pytest.raises(ConcurrentChangeError) as err:
        AgendaService(world.store).save_item(mine)
    text = str(err.value)
    assert "Le point « Avancement des actions » de l'ordre du jour a été modifié par ailleurs depuis son " \
           "ouverture" in text
    assert "Présenté par « Douaisis Agglo »" in text
    assert digest(world.path) == before
    assert AgendaService(world.store).get(point).duration_minutes == 20


def test_linking_an_action_moves_the_version(world, point, colleague, digest):
    mine = AgendaService(world.store).get(point)
    theirs = colleague.get(point)
    theirs.actions = [colleague.link(world.ids["action1"])]
    colleague.save_item(theirs)
    assert colleague.get(point).row_version == mine.row_version + 1
    mine.title = "Avancement"
    with pytest.raises(ConcurrentChangeError, match="Actions concernées"):
        AgendaService(world.store).save_item(mine)


def test_deleting_a_point_changed_since_it_was_shown_is_refused(world, point, colleague, digest):
    shown = AgendaService(world.store).get(point)
    theirs = colleague.get(point)
    theirs.notes = "Notes prises en séance"
    colleague.save_item(theirs)
    before = digest(world.path)
    with pytest.raises(ConcurrentChangeError, match="modifié par ailleurs"):
        AgendaService(world.store).delete_item(point, expected_version=shown.row_version)
    assert digest(world.path) == before
    assert AgendaService(world.store).get(point).notes == "Notes prises en séance"


def test_an_up_to_date_point_is_saved(world, point):
    service = AgendaService(world.store)
    item = service.get(point)
    item.title = "Avancement du programme"
    service.save_item(item)
    item.duration_minutes = 30
    service.save_item(item)  # its version followed the first save
    assert service.get(point).duration_minutes == 30
