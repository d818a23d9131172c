"""Attendance: members and guests, statuses, representation; the sheet keeps the names of the day."""

from datetime import date

import pytest

from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from crte_desktop.meetings.attendance import AttendanceService
from tests.meetings.conftest import new_meeting
from tests.in_transaction import InTransaction


def test_the_sheet_lists_the_members_then_the_guests(world):
    m = new_meeting(world.store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    service = AttendanceService(world.store)
    sheet = service.sheet(m.id)
    assert [(e.display_name, e.role_label) for e in sheet] == [
        ("M. Jean-Marc LEBLANC", "Co-président — Sous-préfet de Douai"),
        ("M. Christian POIRET", "Co-président — Président"),
        ("M. Frédéric DELANNOY", "Co-président — Président"),
        ("Banque des territoires", "Membre"),
        ("ADEME", "Membre"),
        ("Mme Sophie MARTIN", "Secrétariat — Chargée de mission CRTE"),
    ]
    assert service.saved(m.id) == []  # nothing recorded until saved
    sheet[1].status = AttendanceStatus.REPRESENTED
    sheet[1].represented_by = "M. Paul LEROY, vice-président"
    sheet[3].status = AttendanceStatus.EXCUSED
    sheet[4].status = AttendanceStatus.ABSENT
    service.save(m.id, sheet)
    service.add_guest(m.id, "Mme Lucie PETIT", "DDTM du Nord", "Invitée (point 3)")
    saved = service.saved(m.id)
    assert [(e.display_name, e.status, e.is_guest) for e in saved][-3:] == [
        ("ADEME", AttendanceStatus.ABSENT, False), ("Mme Sophie MARTIN", AttendanceStatus.PRESENT, False),
        ("Mme Lucie PETIT", AttendanceStatus.PRESENT, True)]
    assert service.counts(m.id) == {AttendanceStatus.PRESENT: 4, AttendanceStatus.EXCUSED: 1,
                                    AttendanceStatus.REPRESENTED: 1, AttendanceStatus.ABSENT: 1}
    history = [(h.field, h.new_value) for h in service.meetings.history(m.id)]
    assert ("ajouté à la feuille de présence", "Mme Lucie PETIT : présent") in history


def test_represented_without_a_name_is_refused_and_nothing_is_written(world, digest):
    m = new_meeting(world.store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    service = AttendanceService(world.store)
    sheet = service.sheet(m.id)
    sheet[2].status = AttendanceStatus.REPRESENTED
    before = digest(world.path)
    with pytest.raises(ValidationError, match="M. Frédéric DELANNOY est représenté : indiquez par qui."):
        service.save(m.id, sheet)
    with pytest.raises(ValidationError, match="Indiquez le nom de la personne ou de l'organisation."):
        service.add_guest(m.id, "  ")
    assert digest(world.path) == before


def test_a_past_sheet_keeps_the_names_of_the_day(world):
    m = new_meeting(world.store, world.copil.id, date(2024, 3, 12), MeetingStatus.HELD)
    service = AttendanceService(world.store)
    service.save(m.id, service.sheet(m.id))
    directory = InTransaction(DirectoryRepository(world.store))
    person = directory.person(world.ids["poiret"])
    person.last_name = "POIRET-DURAND"
    directory.save_person(person)
    assert service.saved(m.id)[1].name == "M. Christian POIRET"
    # a member who joined later appears on the sheet (unsaved) without disturbing what was recorded
    committee = service.committees.get(world.copil.id)
    from crte_desktop.domain.meetings import CommitteeMember, MemberRole

    committee.members.append(CommitteeMember(world.ids["ccco"], world.ids["dgs_da"], MemberRole.PERMANENT_GUEST))
    service.committees.save(committee)
    sheet = service.sheet(m.id)
    assert len(sheet) == 7 and sheet[-1].id is None and sheet[-1].name == "Mme Claire DUPONT"


def test_attendance_is_locked_with_validated_minutes(world):
    from crte_desktop.meetings.minutes import MinutesService

    m = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    later = new_meeting(world.store, world.cotech.id, date(2024, 6, 11), MeetingStatus.HELD)
    MinutesService(world.store, date(2024, 6, 15)).validate(m.id, later.id)
    with pytest.raises(DomainError, match="compte rendu de cette séance est validé"):
        AttendanceService(world.store).add_guest(m.id, "M. X")
