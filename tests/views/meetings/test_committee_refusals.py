"""The committee panel when another window (or a colleague) changed the committee meanwhile: the change is
refused in a French message box, the panel shows the committee as it now is, nothing typed is lost and the file
is unchanged; « Annuler » refuses to undo over the newer change."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import CommitteeMember, MemberRole
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.views.meetings.committee_panel import MemberDialog


@pytest.fixture
def colleague(world):
    store = Store.sibling(world.store)
    yield CommitteeService(store)
    store.close()


def _add_elsewhere(colleague, world, key="poiret"):
    theirs = colleague.get(world.cotech.id)
    theirs.members.append(CommitteeMember(world.ids["agglo"], world.ids[key], MemberRole.MEMBER))
    colleague.save(theirs)


def _rows(panel):
    return [panel.members.item(r, 0).text() for r in range(panel.members.rowCount())]


def test_removing_a_member_of_a_committee_changed_elsewhere_is_refused_in_a_box(page, world, colleague, digest):
    panel = page.committees
    shown = _rows(panel)
    _add_elsewhere(colleague, world)
    before = digest(world.path)
    panel.members.selectRow(0)
    assert not panel.remove_member()
    box = panel.refusal
    assert isinstance(box, QMessageBox) and box.isVisible() and box.windowTitle() == "Modification impossible"
    assert "Le comité « Comité technique du CRTE du Douaisis » a été modifié par ailleurs depuis son ouverture" \
        in box.text() and "M. Christian POIRET" in box.text()
    box.close()
    assert digest(world.path) == before
    assert _rows(panel) == shown + ["M. Christian POIRET"]  # shown as it now is, nobody removed
    assert page.ctx.undo_stack.count() == 0


def test_a_member_typed_in_the_dialog_survives_the_refusal(page, world, colleague, ctx, qtbot, digest):
    panel = page.committees
    dialog = MemberDialog(ctx, panel, save=panel._add)
    qtbot.addWidget(dialog)
    dialog.organisation.set_current_id(world.ids["agglo"])
    dialog.person.set_current_id(world.ids["suppleant"])
    _add_elsewhere(colleague, world)
    before = digest(world.path)
    dialog.accept()
    assert dialog.result() == 0  # still open
    assert panel.refusal is not None and panel.refusal.parent() is dialog
    panel.refusal.close()
    assert digest(world.path) == before
    assert dialog.person.current_id() == world.ids["suppleant"]  # what was typed is still there
    dialog.accept()  # OK again: added to the composition as it now is
    assert dialog.result() == 1
    names = _rows(panel)
    assert names[-2:] == ["M. Christian POIRET", "M. Paul LEROY"]


def test_undo_over_a_change_made_elsewhere_is_refused(page, world, colleague, ctx, digest):
    panel = page.committees
    panel.members.selectRow(0)
    assert panel.remove_member()
    _add_elsewhere(colleague, world, "delannoy")
    before = digest(world.path)
    ctx.undo_stack.undo()
    assert digest(world.path) == before  # the removed member is not put back over the colleague's change
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Annulation impossible"]
    assert len(boxes) == 1 and "L'annulation aurait effacé ce changement plus récent" in boxes[0].text()
    boxes[0].close()
    members = CommitteeService(world.store).get(world.cotech.id).members
    assert world.ids["delannoy"] in [m.person_id for m in members] and len(members) == len(world.cotech.members)
