"""The domain rules of committees and meetings, without a workspace."""

import subprocess
import sys
from datetime import date, time

import pytest

from crte_desktop.domain.meeting_rules import (
    check_agenda_item, check_attachment, check_attendance, check_committee, check_decision, check_follow_up,
    check_meeting, check_minutes_validation,
)
from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, AttendanceEntry, AttendanceStatus, ChangeKind, Committee, CommitteeKind,
    CommitteeMember, Decision, DecisionEffect, DecisionOutcome, FollowUp, LinkedAction, Meeting, MeetingStatus,
    MemberRole, decision_context, format_duration, format_long_date, meeting_label,
)


def messages(problems):
    return [p.message for p in problems if p.is_error]


def test_a_person_in_two_roles_in_the_same_committee_is_refused_by_name():
    c = Committee(1, CommitteeKind.COPIL, "COPIL", 1, members=[
        CommitteeMember(10, 5, MemberRole.CO_PRESIDENT), CommitteeMember(11, 5, MemberRole.MEMBER)])
    assert messages(check_committee(c, {5: "M. Christian POIRET"})) == [
        "M. Christian POIRET figure deux fois dans ce comité (co-président et membre) : une personne n'y tient qu'un rôle."]


def test_a_substitute_who_is_also_a_member_is_refused_and_nobody_is_their_own_substitute():
    c = Committee(1, CommitteeKind.COTECH, "COTECH", 2, members=[
        CommitteeMember(10, 5, MemberRole.CO_PRESIDENT, substitute_id=6), CommitteeMember(11, 6, MemberRole.MEMBER)])
    assert "figure deux fois" in messages(check_committee(c, {6: "M. Paul LEROY"}))[0]
    c.members = [CommitteeMember(10, 5, MemberRole.MEMBER, substitute_id=5)]
    assert messages(check_committee(c, {5: "Mme X"})) == ["Mme X ne peut pas être son propre suppléant."]


def test_committee_needs_a_name_a_sensible_minimum_and_members_with_someone():
    c = Committee(1, CommitteeKind.OTHER, "  ", -1, members=[CommitteeMember(None, None)])
    assert messages(check_committee(c)) == [
        "Le nom du comité est obligatoire.",
        "Le nombre minimal de séances par an doit être compris entre 0 et 52.",
        "Membre 1 : indiquez une organisation ou une personne."]
    ok = Committee(1, CommitteeKind.COPIL, "COPIL", 1, members=[CommitteeMember(3, None), CommitteeMember(4, None)])
    assert check_committee(ok) == []
    twice = Committee(1, CommitteeKind.COPIL, "COPIL", 1, members=[CommitteeMember(3, None), CommitteeMember(3, None)])
    assert messages(check_committee(twice, organisation_names={3: "ADEME"})) == [
        "ADEME figure déjà dans ce comité sans personne nommée."]


def test_meeting_without_a_date_and_other_meeting_rules():
    assert messages(check_meeting(Meeting(1, None))) == ["La date de la séance est obligatoire."]
    m = Meeting(1, date(2024, 3, 12), time(16, 0), time(14, 0), video_link="teams")
    assert messages(check_meeting(m)) == ["L'heure de fin doit suivre l'heure de début.",
                                          "Le lien de visioconférence doit commencer par https:// (ou http://)."]
    held = Meeting(1, date(2024, 7, 1), status=MeetingStatus.HELD)
    assert messages(check_meeting(held, date(2024, 6, 15))) == [
        "Une séance prévue le 01/07/2024 ne peut pas encore être marquée comme tenue."]
    late = Meeting(1, date(2024, 3, 12), convocation_sent_on=date(2024, 3, 13))
    assert messages(check_meeting(late)) == ["La convocation ne peut pas être envoyée après la séance."]


def test_agenda_item_rules():
    item = AgendaItem(1, "", AgendaItemKind.CHANGE_REQUEST, duration_minutes=700,
                      actions=[LinkedAction(3, "2021-1"), LinkedAction(3, "2021-1")])
    assert messages(check_agenda_item(item)) == [
        "L'intitulé du point de l'ordre du jour est obligatoire.",
        "La durée prévue doit être comprise entre 0 et 600 minutes.",
        "Précisez la demande d'évolution : inscription, adaptation ou abandon d'une action.",
        "Une même action est liée deux fois à ce point."]
    assert check_agenda_item(AgendaItem(1, "Demande", AgendaItemKind.CHANGE_REQUEST,
                                        change_kind=ChangeKind.ABANDONMENT)) == []


def test_attendance_rules():
    e = AttendanceEntry(1, name="M. X", status=AttendanceStatus.REPRESENTED)
    assert messages(check_attendance(e)) == ["M. X est représenté : indiquez par qui."]
    e = AttendanceEntry(1, name="M. X", status=AttendanceStatus.PRESENT, represented_by="Mme Y")
    assert "n'est pas marqué « représenté »" in messages(check_attendance(e))[0]
    assert messages(check_attendance(AttendanceEntry(1))) == ["Indiquez le nom de la personne ou de l'organisation."]
    assert check_attendance(AttendanceEntry(1, organisation_name="ADEME", status=AttendanceStatus.EXCUSED)) == []


def test_decision_and_follow_up_rules():
    d = Decision(1, " ", effect=DecisionEffect.ABANDON)
    assert messages(check_decision(d)) == ["Le texte de la décision est obligatoire.",
                                           "Abandon d'une action : liez la décision à l'action concernée."]
    assert check_decision(Decision(1, "Inscription", effect=DecisionEffect.INCLUDE)) == []
    f = FollowUp(1, "Relancer", due_date=date(2024, 3, 1))
    assert messages(check_follow_up(f, date(2024, 3, 12))) == [
        "L'échéance (01/03/2024) ne peut pas précéder la séance du 12/03/2024."]
    assert messages(check_follow_up(FollowUp(1, "x", done_on=date(2024, 4, 1)), date(2024, 3, 12))) == [
        "Une date de réalisation suppose que la suite soit marquée faite."]
    assert FollowUp(1, "x", due_date=date(2024, 3, 1)).is_overdue(date(2024, 3, 2))
    assert not FollowUp(1, "x", due_date=date(2024, 3, 1), done=True).is_overdue(date(2024, 3, 2))


def test_minutes_are_validated_at_a_later_meeting_of_the_same_committee():
    m = Meeting(1, date(2024, 3, 12), status=MeetingStatus.HELD, id=1)
    assert check_minutes_validation(m, Meeting(1, date(2024, 6, 12), id=2)) == []
    assert messages(check_minutes_validation(m, Meeting(2, date(2024, 6, 12), id=3))) == [
        "Le compte rendu se valide lors d'une séance du même comité."]
    assert messages(check_minutes_validation(m, Meeting(1, date(2024, 1, 12), id=4))) == [
        "Le compte rendu se valide lors d'une séance suivante."]
    planned = Meeting(1, date(2024, 3, 12), id=5)
    assert "Seul le compte rendu d'une séance tenue" in messages(check_minutes_validation(planned, m))[0]


def test_attachment_rules():
    assert messages(check_attachment("", 10)) == ["Le document joint doit avoir un nom."]
    assert messages(check_attachment("a.pdf", 0)) == ["« a.pdf » est vide."]
    assert "taille maximale" in messages(check_attachment("big.pdf", 60 * 1024 * 1024))[0]
    assert "caractères non admis" in messages(check_attachment("a:b.pdf", 3))[0]


def test_french_labels():
    assert format_long_date(date(2024, 3, 12)) == "mardi 12 mars 2024"
    assert format_long_date(date(2024, 8, 1), weekday=False) == "1er août 2024"
    assert [format_duration(m) for m in (0, 45, 60, 90)] == ["", "45 min", "1 h", "1 h 30"]
    copil = Committee(1, CommitteeKind.COPIL, "Comité de pilotage du CRTE du Douaisis", 1)
    meeting = Meeting(1, date(2024, 3, 12))
    assert meeting_label(copil, meeting) == "COPIL du 12/03/2024"
    assert decision_context(copil, meeting, Decision(1, "x", number=3)) == "Décision du COPIL du 12/03/2024 — n° 3"
    assert MemberRole.parse("co-president") is MemberRole.CO_PRESIDENT
    assert MemberRole.parse("Invité permanent") is MemberRole.PERMANENT_GUEST
    assert DecisionOutcome.POSTPONED.feminine == "ajournée"


def test_domain_and_db_meeting_modules_do_not_import_qt():
    code = ("import sys; import crte_desktop.domain.meetings, crte_desktop.domain.meeting_rules, "
            "crte_desktop.db.repos.meeting, crte_desktop.db.repos.committee, crte_desktop.db.repos.meeting_agenda, "
            "crte_desktop.db.repos.meeting_minutes, crte_desktop.db.queries.meeting, "
            "crte_desktop.db.migrations.m002_meetings, crte_desktop.meetings.decisions, crte_desktop.meetings.ics, "
            "crte_desktop.meetings.docx_minutes, crte_desktop.meetings.commands; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("kind,title", [(CommitteeKind.COPIL, "Comité de pilotage"),
                                        (CommitteeKind.COTECH, "Comité technique")])
def test_committee_kind_titles(kind, title):
    assert kind.title == title
