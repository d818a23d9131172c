"""Issue 9.1 in the « Données de référence » window: saving or deleting a funder, a scheme or a Fonds vert
mesure changed in another window since the form showed it is refused in a French message box; the typed
values stay in the form and the file is left as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crte_desktop.db.store import Store
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.reference.reference_dialog import ReferenceDialog
from crte_desktop.views.shell.undoable import CHANGED_ELSEWHERE_TITLE
from tests.views.directory.test_directory_changed_elsewhere import boxes
from tests.views.directory.test_directory_reference import select
from tests.views.gui import type_text


@pytest.fixture
def other(workspace):
    """Another window's reference data on the same file."""
    sibling = Store.sibling(workspace)
    yield DirectoryService(sibling)
    sibling.close()


@pytest.fixture
def dialog(ctx, qtbot, other):
    d = ReferenceDialog(ctx)
    qtbot.addWidget(d)
    d.resize(1000, 640)
    d.show()
    return d


def refusal(qtbot) -> str:
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    [box] = boxes()
    assert box.windowTitle() == CHANGED_ELSEWHERE_TITLE
    text = box.text()
    box.done(0)
    return text


def test_a_funder_or_a_scheme_changed_in_another_window_is_not_overwritten(dialog, qtbot, other, workspace, ctx):
    tab = dialog.funders
    select(tab.funders, "ADEME")
    theirs = next(f for f in other.funders() if f.name == "ADEME")
    theirs.short_name = "Agence de la transition écologique"
    other.save_funder(theirs)
    tab.funder_short.selectAll()
    type_text(tab.funder_short, "ADEME HdF")
    before = workspace.path.read_bytes()
    qtbot.mouseClick(tab.funder_editor.save_button, Qt.MouseButton.LeftButton)
    text = refusal(qtbot)
    assert text.startswith("Le financeur « Agence de la transition écologique » a été modifié par ailleurs depuis son "
                           "ouverture")
    assert "Agence de la transition écologique" in text
    assert tab.funder_short.text() == "ADEME HdF"  # nothing typed is lost
    assert workspace.path.read_bytes() == before
    assert ctx.undo_stack.count() == 0

    select(tab.funders, "État")
    select(tab.schemes, "DETR")
    theirs = next(s for s in other.schemes() if s.name == "DETR")
    theirs.lapse_months = 36
    other.save_scheme(theirs)
    tab.scheme_lapse.setValue(30)
    before = workspace.path.read_bytes()
    qtbot.mouseClick(tab.scheme_editor.save_button, Qt.MouseButton.LeftButton)
    assert "Le dispositif « DETR » a été modifié par ailleurs" in refusal(qtbot)
    assert tab.scheme_lapse.value() == 30
    assert workspace.path.read_bytes() == before


def test_deleting_a_mesure_changed_in_another_window_is_refused(dialog, qtbot, other, workspace):
    tab = dialog.mesures
    tab.name.setText("Mobilités durables en milieu rural")
    assert tab.save()
    for year in (2024, 2025):  # successive saves in this window are no conflict: the form holds the new version
        tab.first_year.setValue(year)
        assert tab.save() and not boxes()
    mesure = next(m for m in other.national.mesures() if m.name == "Mobilités durables en milieu rural")
    mesure.last_year = 2026
    other.save_mesure(mesure)
    before = workspace.path.read_bytes()
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    text = refusal(qtbot)
    assert "La mesure « Mobilités durables en milieu rural » a été modifiée par ailleurs" in text
    assert "La suppression n'a pas été faite" in text and "2026" in text
    assert workspace.path.read_bytes() == before
