"""Issue 9.1 for a workbook re-import: undo (and redo) refuse, with the undo wording and nothing written, to go
over an action changed elsewhere after the import (or after the undo); without such a change they still put
everything back. B is a second connection of this process (``Store.sibling``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.import_apply import apply_import, import_step
from crte_desktop.excel.import_diff import plan_import
from tests.excel.conftest import edit, export, set_cell
from tests.excel.test_import_changes import action_id

UNDO = "L'annulation aurait effacé ce changement plus récent"


@pytest.fixture
def imported(sample, tmp_path):
    """The sample workspace after a re-import that renames 2021-2 and abandons 2022-1; its undo step."""
    store, _cid = sample
    book = export(store, tmp_path)

    def change(wb):
        set_cell(wb["Actions"], "2021-2", "Intitulé", "Pistes cyclables du centre-ville")
        set_cell(wb["Actions"], "2022-1", "Statut", "Abandonnée")

    result = apply_import(store, plan_import(store, edit(book, change)))
    return store, import_step(store, result)


@pytest.fixture
def colleague(sample):
    store = Store.sibling(sample[0])
    yield ActionService(store)
    store.close()


def _change_elsewhere(colleague, store, reference, **fields):
    fiche = colleague.load(action_id(store, reference))
    for name, value in fields.items():
        setattr(fiche.action, name, value)
    colleague.save(fiche)


def test_undo_refuses_to_erase_a_change_made_after_the_import(imported, colleague, digest):
    store, step = imported
    _change_elsewhere(colleague, store, "2021-2", notes="Tracé validé avec la mairie")
    before = digest(store.path)
    with pytest.raises(ConcurrentChangeError, match=f"L'action 2021-2 a été modifiée par ailleurs.*{UNDO}"):
        step.undo()
    assert digest(store.path) == before  # nothing put back, not even 2022-1
    service = ActionService(store)
    assert service.load(action_id(store, "2021-2")).action.notes == "Tracé validé avec la mairie"
    assert service.load(action_id(store, "2022-1")).action.status.label == "Abandonnée"


def test_redo_refuses_to_erase_a_change_made_after_the_undo(imported, colleague, digest):
    store, step = imported
    step.undo()
    _change_elsewhere(colleague, store, "2022-1", total_cost=Decimal("999000"))
    before = digest(store.path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.redo()
    assert digest(store.path) == before
    assert ActionService(store).load(action_id(store, "2022-1")).action.total_cost == Decimal("999000")


def test_without_a_change_elsewhere_undo_and_redo_still_work(imported):
    store, step = imported
    service = ActionService(store)
    for _ in range(2):
        step.undo()
        assert service.load(action_id(store, "2022-1")).action.status.label != "Abandonnée"
        step.redo()
        assert service.load(action_id(store, "2021-2")).action.title == "Pistes cyclables du centre-ville"


def test_an_own_later_edit_undone_first_lets_the_import_be_undone(imported):
    """The window's own stack: the import, then an edit of 2021-2, undone in turn."""
    store, step = imported
    service = ActionService(store)
    loaded = service.load(action_id(store, "2021-2"))
    edited = loaded.copy()
    edited.action.notes = "Note de la secrétaire"
    service.save(edited)
    later = service.save_step(loaded, edited)
    later.undo()
    step.undo()
    assert service.load(action_id(store, "2021-2")).action.title != "Pistes cyclables du centre-ville"
