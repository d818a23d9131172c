"""Applying a « Modification d'un financement » decision sets the line's amounts and decision date through the
fiche's rules; a decision that changes no financing stays « à appliquer »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from crte_desktop.domain.enums import FinancingStatus, Stage
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import Decision, DecisionEffect, DecisionOutcome, MeetingStatus
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.views.meetings.financing_decision_dialog import UNCHANGED, ApplyFinancingDialog
from crte_desktop.views.meetings.meetings_page import MeetingsPage
from tests.meetings.conftest import TODAY, new_meeting
from tests.views.gui import type_text


@pytest.fixture
def decided(world):  # noqa: F811
    """A held COPIL whose decision n° 1 changes the Région's financing of 2021-1."""
    meeting = new_meeting(world.store, world.copil.id, date(2024, 5, 20), MeetingStatus.HELD)
    service = DecisionService(world.store, TODAY)
    d = Decision(meeting.id, "La Région accorde 150 000 € à la friche Arc-en-Ciel", outcome=DecisionOutcome.ADOPTED,
                 effect=DecisionEffect.FINANCING, actions=[AgendaService(world.store).link(world.ids["action1"])])
    service.save_decision(d)
    return meeting, service.decisions(meeting.id)[0]


def test_an_unchanged_financing_is_refused_and_the_decision_stays_to_apply(world, decided, digest):
    _meeting, decision = decided
    service = DecisionService(world.store, TODAY)
    before = digest(world.path)
    with pytest.raises(DomainError, match="aucun financement de l'action n'a changé : elle reste à appliquer"):
        service.apply(decision.id, service.bundle_for(decision.id))
    assert digest(world.path) == before
    assert not service.get(decision.id).applied


def test_the_dialog_sets_the_lines_amounts_and_decision_date(qtbot, world, ctx, decided):
    meeting, decision = decided
    service = DecisionService(world.store, TODAY)
    bundle = service.bundle_for(decision.id)
    dialog = ApplyFinancingDialog(ActionService(world.store), bundle, "Décision n° 1", ["Fonds friches", "Région"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and UNCHANGED in dialog.message.text()

    dialog.line_combo.setCurrentIndex(1)  # the Région
    assert dialog.amounts[Stage.REQUESTED].text() == "150\u00a0000,50"
    granted = dialog.amounts[Stage.GRANTED]
    granted.setFocus()
    type_text(granted, "200 000")  # more than requested: the fiche's rule refuses it
    assert not ok.isEnabled()
    assert "accordé" in dialog.message.text()
    granted.clear()
    type_text(granted, "150 000")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Accordé"))
    type_text(dialog.decision_date_edit, "200524")
    assert ok.isEnabled(), dialog.message.text()

    page = MeetingsPage(ctx, world.ids["contract"])
    qtbot.addWidget(page)
    page.committees.select(world.copil.id)
    page.refresh_meetings(select=meeting.id)
    assert page.minutes.apply_decision(decision.id, dialog.edited()[0])
    line = ActionService(world.store).load(world.ids["action1"]).financing[1]
    assert (line.granted, line.status, line.decision_date) == (Decimal("150000.00"), FinancingStatus.ACCORDE,
                                                               date(2024, 5, 20))
    assert DecisionService(world.store, TODAY).get(decision.id).applied
    ctx.undo_stack.undo()
    assert ActionService(world.store).load(world.ids["action1"]).financing[1].granted is None
    assert not DecisionService(world.store, TODAY).get(decision.id).applied
    page.detach()
