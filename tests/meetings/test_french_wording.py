"""The documents speak proper French: « Présente » for a woman, « présenté par les co-présidents », a decision
« Adoptée, appliquée le … »."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.domain.meetings import AttendanceStatus, Decision, DecisionOutcome, MeetingStatus
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.document_data import attendance_text, item_meta
from crte_desktop.meetings.minutes_pdf import write_minutes_pdf
from tests.meetings.conftest import TODAY, new_meeting
from tests.reports.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")


def test_minutes_agree_with_women_and_say_adoptee(world, tmp_path):
    held = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    attendance = AttendanceService(world.store, TODAY)
    sheet = attendance.sheet(held.id)
    dupont = next(e for e in sheet if e.name.startswith("Mme"))
    leblanc = next(e for e in sheet if e.name.startswith("M. "))
    assert attendance_text(dupont) == "Présente" and attendance_text(leblanc) == "Présent"
    dupont.status = AttendanceStatus.EXCUSED
    attendance.save(held.id, sheet)
    decisions = DecisionService(world.store, TODAY)
    decisions.save_decision(Decision(held.id, "Avis favorable", outcome=DecisionOutcome.ADOPTED))
    pdf = write_minutes_pdf(world.store, held.id, tmp_path / "cr.pdf")
    text = " ".join(page_texts(pdf))
    assert "Excusée" in text and "Présent" in text
    assert "Adoptée" in text and "Adopté " not in text


def test_the_template_presenter_reads_les_co_presidents(world):
    copil = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    agenda = AgendaService(world.store)
    agenda.apply_template(copil.id)
    metas = [item_meta(i) for i in agenda.items(copil.id)]
    assert any("présenté par les co-présidents" in m for m in metas)
    assert not any("par Co-présidents" in m or "par Les" in m for m in metas)
