"""Issue 9.1 in the directory: saving or deleting an organisation or a person changed in another window
since the form showed it is refused in a French message box; the typed values stay in the form and the
file is left as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from crte_desktop.db.store import Store
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.directory.directory_dialog import PERSONS_TAB, DirectoryDialog
from crte_desktop.views.shell.undoable import CHANGED_ELSEWHERE_TITLE
from tests.views.gui import type_text


@pytest.fixture
def other(workspace):
    """Another window's directory on the same file, with an EPCI, a commune and a person."""
    mine = DirectoryService(workspace)
    agglo = Organisation("Douaisis Agglo", OrgKind.EPCI, "DA")
    mine.save_organisation(agglo)
    syndicate = Organisation("Syndicat mixte des transports du Douaisis", OrgKind.SYNDICAT, "SMTD")
    mine.save_organisation(syndicate)
    person = Person("Durand", "Marie", "Mme", "Directrice", organisation_id=agglo.id)
    mine.save_person(person)
    sibling = Store.sibling(workspace)
    yield DirectoryService(sibling), {"agglo": agglo.id, "smtd": syndicate.id, "person": person.id}
    sibling.close()


@pytest.fixture
def dialog(ctx, qtbot, other):
    d = DirectoryDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_saving_an_organisation_changed_in_another_window_is_refused(dialog, qtbot, other, workspace):
    service, ids = other
    page = dialog.organisations
    page.select(ids["agglo"])
    theirs = service.organisation(ids["agglo"])
    theirs.email = "accueil@douaisis-agglo.com"
    service.save_organisation(theirs)
    page.form.phone_edit.setFocus()
    type_text(page.form.phone_edit, "03 27 99 75 75")
    before = workspace.path.read_bytes()
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    [box] = boxes()
    assert box.windowTitle() == CHANGED_ELSEWHERE_TITLE
    assert "L'organisation « DA » a été modifiée par ailleurs depuis son ouverture" in box.text()
    assert "accueil@douaisis-agglo.com" in box.text()
    assert page.form.phone_edit.text() == "03 27 99 75 75"  # nothing typed is lost
    assert workspace.path.read_bytes() == before
    box.done(0)


def test_deleting_an_organisation_or_a_person_changed_elsewhere_is_refused(dialog, qtbot, other, workspace):
    service, ids = other
    page = dialog.organisations
    page.select(ids["smtd"])
    theirs = service.organisation(ids["smtd"])
    theirs.address = "Place d'Armes, Douai"
    service.save_organisation(theirs)
    before = workspace.path.read_bytes()
    qtbot.mouseClick(page.form.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    assert "La suppression n'a pas été faite" in boxes()[0].text()
    boxes()[0].done(0)
    assert "Syndicat mixte des transports du Douaisis" in page.visible_names()
    assert workspace.path.read_bytes() == before

    dialog.tabs.setCurrentIndex(PERSONS_TAB)
    persons = dialog.persons
    persons.select(ids["person"])
    theirs = service.person(ids["person"])
    theirs.function = "Directrice générale des services"
    service.save_person(theirs)
    before = workspace.path.read_bytes()
    qtbot.mouseClick(persons.form.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    assert "La fiche de Mme Marie Durand a été modifiée par ailleurs" in boxes()[0].text()
    boxes()[0].done(0)
    assert workspace.path.read_bytes() == before
    assert "Durand" in persons.visible_names(2)
