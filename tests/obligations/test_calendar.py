"""The calendar of obligations of a contract: COPIL before July, revue de projets, deposit deadlines, lapse
dates, committees' cadence and coming meetings; exported as .ics."""

from __future__ import annotations

from datetime import date

from crte_desktop.db.repos.deadline import DeadlineRepository
from crte_desktop.domain.enums import FinancingStatus
from crte_desktop.domain.meetings import MeetingStatus
from crte_desktop.domain.obligations import DepositDeadline, ObligationKind, ObligationState
from crte_desktop.editing.actions import ActionService
from crte_desktop.obligations.compute import obligations_of
from crte_desktop.obligations.ics import calendar_ics, write_calendar_ics
from tests.meetings.conftest import new_meeting, world  # noqa: F401
from tests.fixtures.make_fixtures import scheme_id

TODAY = date(2025, 8, 20)


def by_title(calendar):
    return {o.title: o for o in calendar.obligations}


def test_copil_revue_and_cadence(world):
    new_meeting(world.store, world.copil.id, date(2024, 3, 11), MeetingStatus.HELD)
    new_meeting(world.store, world.cotech.id, date(2025, 10, 2))
    cal = obligations_of(world.store, world.ids["contract"], TODAY)
    items = by_title(cal)
    # years covered: 2024 to 2026 (the contract runs 2021–2026)
    assert items["COPIL 2024 avant le 1er juillet"].state(TODAY) is ObligationState.DONE
    assert items["COPIL 2024 avant le 1er juillet"].detail == "COPIL tenu le 11/03/2024"
    assert items["COPIL 2025 avant le 1er juillet"].state(TODAY) is ObligationState.LATE
    assert items["COPIL 2026 avant le 1er juillet"].state(TODAY) is ObligationState.COMING
    revue = items["Revue de projets 2025"]
    assert revue.state(TODAY) is ObligationState.DUE and revue.detail == "Aucune campagne créée"
    cotech = next(o for o in cal.obligations if o.kind is ObligationKind.CADENCE and o.title.startswith("COTECH")
                  and o.title.endswith("2025"))
    assert not cotech.done and cotech.detail == "0 tenue sur 2"
    assert any(o.kind is ObligationKind.MEETING and o.due == date(2025, 10, 2) for o in cal.obligations)
    # late first
    assert cal.sorted()[0].state(TODAY) is ObligationState.LATE


def test_deposit_deadlines_and_lapse_dates(world):
    store = world.store
    _etat, detr = scheme_id(store, "État", "DETR")
    DeadlineRepository(store).save(DepositDeadline(detr, 1, 15, "59", "Dépôt sur demarches-simplifiees.fr"))
    service = ActionService(store)
    bundle = service.load(world.ids["action1"])
    line = next(line for line in bundle.financing if line.granted)  # 450 000 € granted, 100 000 € paid
    line.scheme_id, line.funder_id = detr, _etat
    line.decision_date, line.paid, line.payments, line.works_start_date = date(2023, 10, 1), None, [], None
    line.status = FinancingStatus.ACCORDE
    service.save(bundle)
    cal = obligations_of(store, world.ids["contract"], TODAY)
    items = by_title(cal)
    deposit = items["Dépôt des dossiers DETR (59)"]
    assert deposit.due == date(2026, 1, 15) and deposit.detail == "Dépôt sur demarches-simplifiees.fr"
    lapse = next(o for o in cal.obligations if o.kind is ObligationKind.LAPSE)
    assert lapse.due == date(2025, 10, 1) and lapse.state(TODAY) is ObligationState.COMING
    assert lapse.action_ids == (bundle.action.id,)
    assert lapse.state(date(2025, 10, 2)) is ObligationState.LATE


def test_ics_export(world, tmp_path):
    cal = obligations_of(world.store, world.ids["contract"], TODAY)
    text = calendar_ics(cal, "uuid-1", "CRTE du Douaisis")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == len(cal.obligations)
    assert "SUMMARY:Revue de projets 2025\r\n" in text
    assert "DTSTART;VALUE=DATE:20250701\r\nDTEND;VALUE=DATE:20251001\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    out = write_calendar_ics(cal, "uuid-1", "CRTE du Douaisis", tmp_path / "echeances.ics")
    assert out.read_text(encoding="utf-8").replace("\r\n", "\n") == text.replace("\r\n", "\n")


def test_a_second_deadline_for_the_same_scheme_and_department_is_refused_in_french(world):
    import pytest

    from crte_desktop.domain.errors import ValidationError

    store = world.store
    _etat, detr = scheme_id(store, "État", "DETR")
    repo = DeadlineRepository(store)
    repo.save(DepositDeadline(detr, 1, 15, "59"))
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as refused:
        repo.save(DepositDeadline(detr, 2, 28, " 59 "))
    assert "Ce dispositif a déjà une date limite pour le département 59." in str(refused.value)
    assert store.path.read_bytes() == before  # refused: the file is unchanged
    other = repo.save(DepositDeadline(detr, 3, 1, "62"))  # another department is another deadline
    assert other is not None and [d.department for d in repo.all()] == ["59", "62"]
    moved = next(d for d in repo.all() if d.department == "62")
    moved.department = "59"
    with pytest.raises(ValidationError):
        repo.save(moved)
    assert [(d.department, d.month) for d in repo.all()] == [("59", 1), ("62", 3)]
