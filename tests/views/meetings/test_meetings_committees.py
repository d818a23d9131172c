"""Committees and their members from the meetings page; minutes validated then locked; registers filtered."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.domain.meetings import CommitteeKind, CommitteeMember, Decision, MeetingStatus, MemberRole
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.views.meetings.committee_panel import MemberDialog
from tests.meetings.conftest import TODAY, new_meeting


@pytest.fixture
def shown_committee():
    return None  # the page as it opens


def test_committees_and_their_members_are_listed(page, world):  # noqa: F811
    texts = [page.committees.list.item(r).text() for r in range(page.committees.list.count())]
    assert texts == [f"COPIL — {world.copil.name}", f"COTECH — {world.cotech.name}"]
    page.committees.select(world.copil.id)
    members = page.committees.members
    rows = [[members.item(r, c).text() for c in range(4)] for r in range(members.rowCount())]
    assert rows[1] == ["M. Christian POIRET", "Douaisis Agglo", "Co-président", "M. Paul LEROY"]  # not « DA »
    assert rows[3][0] == "—" and rows[3][2] == "Membre"


def test_a_new_committee_and_a_member_added_then_undone(page, ctx, world):  # noqa: F811
    service = CommitteeService(ctx.store)
    committee_id = page.committees.create_committee(CommitteeKind.COTECH)
    assert len(service.committees(world.ids["contract"])) == 3
    assert page.committees.current_id() == committee_id
    assert page.committees.add_member(CommitteeMember(world.ids["ademe"], None, MemberRole.MEMBER))
    assert page.committees.members.rowCount() == 1
    # the same organisation twice without a named person is refused, in French, nothing written
    assert not page.committees.add_member(CommitteeMember(world.ids["ademe"], None, MemberRole.MEMBER))
    assert "figure déjà dans ce comité sans personne nommée" in page.committees.message.text()
    assert len(service.get(committee_id).members) == 1
    ctx.undo_stack.undo()
    assert service.get(committee_id).members == []
    ctx.undo_stack.undo()
    assert len(service.committees(world.ids["contract"])) == 2
    assert page.committees.list.count() == 2


def test_the_member_dialog_wants_an_organisation_or_a_person(page, ctx, qtbot):
    dialog = MemberDialog(ctx, page)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and dialog.message.text() == "Indiquez une organisation ou une personne."


def test_minutes_validated_at_the_next_meeting_are_locked(page, ctx, world):  # noqa: F811
    first = new_meeting(ctx.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    second = new_meeting(ctx.store, world.cotech.id, date(2024, 6, 11), MeetingStatus.HELD)
    page.committees.select(world.cotech.id)
    page.refresh_meetings(select=first.id)
    editor = page.minutes
    assert editor.state_label.text() == "Compte rendu : brouillon"
    assert editor.validate_minutes(second.id)
    assert editor.state_label.text() == "Compte rendu validé lors du COTECH du 11/06/2024"
    assert not editor.new_decision_button.isEnabled() and editor.notes_edit.isReadOnly()
    assert page.meetings.item(0, 3).text() == "Validé"
    # editing locked minutes is refused with the reason
    assert not editor.edit_decision(None, edited=Decision(first.id, "Décision tardive"))
    assert "rouvrez-le avant de le modifier" in editor.message.text()
    assert editor.reopen()
    assert editor.state_label.text() == "Compte rendu : brouillon"


def test_registers_filter_as_you_type(page, ctx, world, qtbot):  # noqa: F811
    meeting = new_meeting(ctx.store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    service = DecisionService(ctx.store, TODAY)
    for text in ("Inscription de la friche Arc-en-Ciel", "Report du financement de Somain"):
        d = service.new_decision(meeting.id)
        d.text = text
        service.save_decision(d)
    registers = page.registers
    assert registers.decisions.rowCount() == 2
    registers.search_edit.setText("FRICHE ARC")
    qtbot.waitUntil(lambda: registers.decisions.rowCount() == 1, timeout=2000)
    assert registers.decisions.item(0, 2).text() == "Inscription de la friche Arc-en-Ciel"
    assert registers.decisions.item(0, 0).text() == "COPIL du 12/03/2024"
    assert registers.decisions_count.text() == "1 décision"
