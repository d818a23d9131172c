"""The agenda editor when another window (or a colleague) changed the point meanwhile: saving or deleting it is
refused in a French message box, the form keeps what was typed and the file is unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind
from crte_desktop.meetings.agenda import AgendaService
from tests.meetings.conftest import new_meeting


@pytest.fixture
def shown(page, world):
    """The COTECH's meeting with two points, the first one shown in the agenda editor."""
    meeting = new_meeting(world.store, world.cotech.id, date(2024, 9, 3))
    agenda = AgendaService(world.store)
    for title in ("Avancement des actions", "Questions diverses"):
        agenda.save_item(AgendaItem(meeting.id, title, AgendaItemKind.INFORMATION, duration_minutes=20))
    page.refresh_meetings(select=meeting.id)
    page.agenda.items_list.setCurrentRow(0)
    return agenda.items(meeting.id)[0]


@pytest.fixture
def colleague(world):
    store = Store.sibling(world.store)
    yield AgendaService(store)
    store.close()


def _changed_elsewhere(colleague, item_id):
    theirs = colleague.get(item_id)
    theirs.presenter = "Sous-préfecture"
    colleague.save_item(theirs)


def test_saving_a_point_changed_elsewhere_is_refused_and_keeps_the_typing(page, shown, colleague, world, digest):
    editor = page.agenda
    editor.title_edit.setText("Avancement du programme")
    editor.duration_spin.setValue(35)
    _changed_elsewhere(colleague, shown.id)
    before = digest(world.path)
    assert not editor.save_item()
    box = editor.refusal
    assert box.isVisible() and box.windowTitle() == "Enregistrement impossible"
    assert "Le point « Avancement des actions » de l'ordre du jour a été modifié par ailleurs" in box.text()
    assert "Sous-préfecture" in box.text()
    box.close()
    assert digest(world.path) == before
    assert editor.title_edit.text() == "Avancement du programme" and editor.duration_spin.value() == 35
    assert page.ctx.undo_stack.count() == 0


def test_deleting_a_point_changed_elsewhere_is_refused(page, shown, colleague, world, digest):
    _changed_elsewhere(colleague, shown.id)
    before = digest(world.path)
    assert not page.agenda.delete_item()
    assert page.agenda.refusal.windowTitle() == "Suppression impossible"
    page.agenda.refusal.close()
    assert digest(world.path) == before
    assert AgendaService(world.store).get(shown.id).presenter == "Sous-préfecture"
