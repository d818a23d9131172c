"""Minutes notes are kept per agenda point as typed: moving « Notes du point » to another point keeps them,
« Enregistrer le relevé » saves them all in one step, and leaving the meeting with unsaved notes asks."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, MeetingStatus
from crte_desktop.meetings.agenda import AgendaService
from tests.meetings.conftest import new_meeting
from tests.views.gui import type_text
from tests.views.shell_workspace import answer_message_box


@pytest.fixture
def held(ctx, world, page):  # noqa: F811
    """Two held meetings of the COTECH, the first with three agenda points, shown in the page."""
    first = new_meeting(ctx.store, world.cotech.id, date(2024, 5, 14), MeetingStatus.HELD)
    second = new_meeting(ctx.store, world.cotech.id, date(2024, 6, 4), MeetingStatus.HELD)
    agenda = AgendaService(ctx.store)
    for title in ("Validation du compte rendu", "Avancement des actions", "Questions diverses"):
        agenda.save_item(AgendaItem(first.id, title, AgendaItemKind.INFORMATION, duration_minutes=20))
    page.refresh_meetings(select=first.id)
    return first, second


def _notes(ctx, meeting_id):
    return [i.notes for i in AgendaService(ctx.store).items(meeting_id)]


def test_notes_typed_for_one_point_survive_moving_to_another(page, ctx, held):
    first, _second = held
    editor = page.minutes
    editor.item_combo.setCurrentIndex(0)
    type_text(editor.notes_edit, "Compte rendu approuvé à l'unanimité.")
    editor.item_combo.setCurrentIndex(1)
    assert editor.notes_edit.toPlainText() == ""
    assert editor.is_dirty and page.is_dirty
    type_text(editor.notes_edit, "Présentation du tableau de suivi.")
    editor.item_combo.setCurrentIndex(0)
    assert editor.notes_edit.toPlainText() == "Compte rendu approuvé à l'unanimité."
    editor.item_combo.setCurrentIndex(2)
    assert editor.save_text_button.isEnabled()

    assert editor.save_text()
    assert _notes(ctx, first.id) == ["Compte rendu approuvé à l'unanimité.", "Présentation du tableau de suivi.", ""]
    assert not editor.is_dirty
    assert ctx.undo_stack.undoText() == "Relevé des échanges"
    ctx.undo_stack.undo()  # one step for both points
    assert _notes(ctx, first.id) == ["", "", ""]
    ctx.undo_stack.redo()
    assert _notes(ctx, first.id)[:2] == ["Compte rendu approuvé à l'unanimité.", "Présentation du tableau de suivi."]


def test_typed_notes_survive_a_decision_saved_meanwhile(page, ctx, held):
    first, _second = held
    editor = page.minutes
    editor.item_combo.setCurrentIndex(1)
    type_text(editor.notes_edit, "Le COTECH prend acte.")
    editor.item_combo.setCurrentIndex(0)
    decision = editor.decisions.new_decision(first.id)
    decision.text = "Avis favorable"
    assert editor.edit_decision(None, edited=decision)  # refreshes the editor
    editor.item_combo.setCurrentIndex(1)
    assert editor.notes_edit.toPlainText() == "Le COTECH prend acte."
    assert editor.is_dirty


def test_leaving_the_meeting_with_unsaved_notes_asks(page, ctx, held):
    first, second = held
    editor = page.minutes
    editor.item_combo.setCurrentIndex(1)
    type_text(editor.notes_edit, "Notes en cours")
    editor.item_combo.setCurrentIndex(0)

    seen = []
    answer_message_box("Annuler", seen)
    page.meetings.selectRow(1)  # the other meeting
    assert "La séance « COTECH du 14/05/2024 » a des modifications non enregistrées." in seen[0]
    assert page.meeting_id == first.id and page.current_meeting_id() == first.id
    editor.item_combo.setCurrentIndex(1)
    assert editor.notes_edit.toPlainText() == "Notes en cours"

    answer_message_box("Enregistrer")
    page.meetings.selectRow(1)
    assert page.meeting_id == second.id
    assert _notes(ctx, first.id)[1] == "Notes en cours"


def test_discarding_unsaved_notes_when_leaving(page, ctx, held):
    first, second = held
    editor = page.minutes
    editor.item_combo.setCurrentIndex(2)
    type_text(editor.notes_edit, "À oublier")
    answer_message_box("Ne pas enregistrer")
    page.meetings.selectRow(1)
    assert page.meeting_id == second.id
    assert not page.is_dirty
    assert _notes(ctx, first.id) == ["", "", ""]
    page.meetings.selectRow(0)
    editor.item_combo.setCurrentIndex(2)
    assert editor.notes_edit.toPlainText() == ""
