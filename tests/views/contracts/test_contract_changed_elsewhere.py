"""Issue 9.1 in the contract form and its section tree: a save over a contract (or a section) changed in
another window since the form showed it is refused in a French message box naming what changed; the
typed values stay in the form and the file is left as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from crte_desktop.db.store import Store
from crte_desktop.editing.contracts import ContractService
from crte_desktop.views.contracts.contract_form import ContractForm
from crte_desktop.views.shell.undoable import CHANGED_ELSEWHERE_TITLE
from tests.fixtures.make_fixtures import fill
from tests.views.gui import type_text


@pytest.fixture
def other(workspace):
    """Another window's connection to the same file, and the filled workspace's ids."""
    ids = fill(workspace)
    sibling = Store.sibling(workspace)
    yield ContractService(sibling), ids
    sibling.close()


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def close_boxes() -> None:
    for box in boxes():
        box.done(0)


def test_saving_a_contract_changed_in_another_window_is_refused_in_a_box(ctx, qtbot, other, workspace):
    service, ids = other
    form = ContractForm(ctx, ids["contract"])
    qtbot.addWidget(form)
    form.show()
    theirs = service.load(ids["contract"])
    theirs.contract.title = "Contrat pour la réussite de la transition écologique"
    service.save(theirs)  # the other window saves first
    form.territory_edit.clear()
    type_text(form.territory_edit, "Arrondissement de Douai")
    before = workspace.path.read_bytes()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    [box] = boxes()
    assert box.windowTitle() == CHANGED_ELSEWHERE_TITLE
    assert "Le contrat « CRTE du Douaisis » a été modifié par ailleurs depuis son ouverture" in box.text()
    assert "Contrat pour la réussite de la transition écologique" in box.text()
    assert "a été modifié par ailleurs" in form.message.text()
    assert form.territory_edit.text() == "Arrondissement de Douai"  # nothing typed is lost
    assert form.is_dirty and not ctx.undo_stack.canUndo()
    assert workspace.path.read_bytes() == before
    close_boxes()
    form.revert()  # reopening shows the other window's change; saving again then works
    assert form.title_edit.text() == "Contrat pour la réussite de la transition écologique"
    form.territory_edit.clear()
    type_text(form.territory_edit, "Arrondissement de Douai")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert service.load(ids["contract"]).contract.territory == "Arrondissement de Douai"


def test_renaming_a_section_changed_in_another_window_is_refused(ctx, qtbot, other, workspace):
    service, ids = other
    form = ContractForm(ctx, ids["contract"])
    qtbot.addWidget(form)
    form.show()
    tree = form.sections
    tree.select(ids["axis2"])
    service.update_section(ids["axis2"], description="Décrite dans l'autre fenêtre")
    tree.detail_title.setText("Cohésion sociale et territoriale")
    before = workspace.path.read_bytes()
    assert not tree.apply_details()
    qtbot.waitUntil(lambda: bool(boxes()), timeout=3000)
    assert "La section 2 « Cohésion sociale » a été modifiée par ailleurs" in boxes()[0].text()
    assert "Décrite dans l'autre fenêtre" in tree.message.text()
    assert tree.detail_title.text() == "Cohésion sociale et territoriale"
    assert workspace.path.read_bytes() == before
    close_boxes()
