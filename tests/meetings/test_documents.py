"""Documents of a meeting read back: minutes (DOCX, PDF), convocation, attendance sheet, iCalendar, mailto."""

import re
import shutil
import subprocess
from datetime import date, datetime, time, UTC
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from docx import Document
from docx.shared import Cm
from pypdf import PdfReader

from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, AttendanceStatus, ChangeKind, DecisionEffect, DecisionOutcome, FollowUp, MeetingStatus,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.attendance_sheet import write_attendance_docx, write_attendance_pdf
from crte_desktop.meetings.convocation import mailto_url, recipients
from crte_desktop.meetings.convocation_letter import write_convocation_docx, write_convocation_pdf
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.docx_minutes import write_minutes_docx
from crte_desktop.meetings.ics import meeting_ics, write_meeting_ics
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes_pdf import write_minutes_pdf
from tests.meetings.conftest import TODAY, new_meeting


@pytest.fixture
def held(world):
    """A held COTECH with agenda, attendance, notes, decisions and follow-ups."""
    store = world.store
    m = new_meeting(store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    agenda = AgendaService(store)
    agenda.apply_template(m.id)
    item = agenda.items(m.id)[2]
    item.actions = [agenda.link(world.ids["action1"])]
    item.notes = "DA présente l'avancement de la friche ; la tranche 2 démarre en septembre."
    agenda.save_item(item)
    agenda.add_attachment(m.id, "Planning friche.pdf", b"%PDF-1.4", agenda_item_id=item.id)
    attendance = AttendanceService(store)
    sheet = attendance.sheet(m.id)
    sheet[1].status, sheet[1].represented_by = AttendanceStatus.REPRESENTED, "M. Paul LEROY"
    sheet[2].status = AttendanceStatus.EXCUSED
    attendance.save(m.id, sheet)
    attendance.add_guest(m.id, "Mme Lucie PETIT", "ADEME", "Invitée")
    decisions = DecisionService(store, TODAY)
    d = decisions.new_decision(m.id, item.id)
    d.text, d.effect = "Avis favorable au report de l'achèvement au 30/06/2025", DecisionEffect.ADAPT
    d.actions = [agenda.link(world.ids["action1"])]
    decisions.save_decision(d)
    d2 = decisions.new_decision(m.id)
    d2.text, d2.outcome = "Plan de financement de la Maison France Services : point reporté", DecisionOutcome.POSTPONED
    decisions.save_decision(d2)
    decisions.save_follow_up(FollowUp(m.id, "Transmettre le planning actualisé", "DA", date(2024, 4, 15),
                                      decision_id=d.id))
    return m


def pdf_text(path) -> tuple[str, int]:
    """The text of a PDF with runs of white space as one space (Qt's PDFs give tabs), and its page count."""
    reader = PdfReader(str(path))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), len(reader.pages)


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_minutes_docx_reads_back_with_everything(world, held, tmp_path):
    out = write_minutes_docx(world.store, held.id, tmp_path / "cr.docx")
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    text = all_text(doc)
    for expected in ("Compte rendu de séance", "Comité technique du CRTE du Douaisis",
                     "Projet de compte rendu, soumis à validation lors de la prochaine séance.",
                     "mardi 12 mars 2024, de 14h00 à 16h00", "Représenté par M. Paul LEROY", "Excusé",
                     "Mme Lucie PETIT", "3. Avancement des actions et situations de blocage",
                     "DA présente l'avancement de la friche", "Planning friche.pdf",
                     "Décision n° 1 (adoptée) : ", "Avis favorable au report de l'achèvement au 30/06/2025",
                     "Ajourné", "2021-1 — Requalification de la friche Arc-en-Ciel", "Transmettre le planning actualisé",
                     "15/04/2024", "(décision n° 1)"):
        assert expected in text, expected
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["N°", "Décision", "Résultat", "Actions concernées"] in headers
    assert ["Suite à donner", "Responsable", "Échéance", "État"] in headers
    xml = doc.tables[0]._tbl.xml
    assert "w:tblHeader" in xml  # header rows repeat on each page
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "COTECH du 12/03/2024" in section.header.paragraphs[0].text


def test_validated_minutes_say_where_they_were_validated(world, held, tmp_path):
    from crte_desktop.meetings.minutes import MinutesService

    later = new_meeting(world.store, world.cotech.id, date(2024, 6, 11), MeetingStatus.HELD)
    MinutesService(world.store, TODAY).validate(held.id, later.id)
    doc = Document(str(write_minutes_docx(world.store, held.id, tmp_path / "cr.docx")))
    assert "Compte rendu validé lors du COTECH du 11/06/2024." in all_text(doc)


def test_minutes_pdf(world, held, tmp_path, qapp):
    out = write_minutes_pdf(world.store, held.id, tmp_path / "cr.pdf")
    text, pages = pdf_text(out)
    reader = PdfReader(str(out))
    assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text
    assert "Compte rendu de séance" in text and "Relevé de décisions" in text
    assert "Avis favorable au report" in text
    assert reader.metadata.title == "Compte rendu — COTECH du 12/03/2024"
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4 portrait


def test_attendance_sheet_pdf_and_docx(world, held, tmp_path, qapp):
    text, _pages = pdf_text(write_attendance_pdf(world.store, held.id, tmp_path / "e.pdf"))
    assert "Feuille d'émargement" in text and "Signature" in text
    assert "M. Jean-Marc LEBLANC" in text and "Représenté par M. Paul LEROY" in text
    doc = Document(str(write_attendance_docx(world.store, held.id, tmp_path / "e.docx")))
    members, guests = doc.tables
    assert [c.text for c in members.rows[0].cells] == ["N°", "Nom et prénom", "Organisation", "Qualité", "Signature"]
    assert [c.text for c in members.rows[3].cells][1:4] == ["", "CCCO", "Co-président"]
    assert len(guests.rows) == 1 + 1 + 6  # header, the invited guest, blank lines
    assert guests.rows[1].cells[1].text == "Mme Lucie PETIT"


def test_convocation_letter_pdf_and_docx(world, tmp_path, qapp):
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    AgendaService(world.store).apply_template(m.id)
    doc = Document(str(write_convocation_docx(world.store, m.id, tmp_path / "c.docx", on=date(2024, 6, 17))))
    text = all_text(doc)
    assert "(Comité technique, 20\u00a0min)" in text  # a duration never wraps inside
    text = text.replace("\u00a0", " ")
    assert "Objet : Convocation à la séance du Comité de pilotage du CRTE du Douaisis du 4 juillet 2024" in text
    assert "Le 17 juin 2024" in text
    assert "jeudi 4 juillet 2024, de 14h00 à 16h00" in text
    assert "4. Évaluation annuelle du CRTE soumise par le comité technique (Comité technique, 20 min)" in text
    assert "M. Christian POIRET" in text and "Copie :" in text and "M. Paul LEROY, suppléant" in text
    pdf, _pages = pdf_text(write_convocation_pdf(world.store, m.id, tmp_path / "c.pdf"))
    assert "Madame, Monsieur," in pdf and "Questions diverses" in pdf


def test_mailto_link_and_recipients(world):
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    AgendaService(world.store).apply_template(m.id)
    r = recipients(world.store, m.id)
    assert r.emails == ["jean-marc.leblanc@nord.gouv.fr", "c.poiret@douaisis-agglo.com",
                        "f.delannoy@cc-coeurdostrevent.fr", "hauts-de-france@caissedesdepots.fr"]
    assert r.missing == ["ADEME"]
    assert r.organizer.email == "sophie.martin@nord.gouv.fr"
    url = mailto_url(world.store, m.id)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path).split(",") == r.emails
    query = parse_qs(parts.query)
    assert query["cc"] == ["p.leroy@douaisis-agglo.com,sophie.martin@nord.gouv.fr"]
    assert query["subject"] == ["Convocation — Comité de pilotage du CRTE du Douaisis — jeudi 4 juillet 2024"]
    assert "\r\n1. Validation du compte rendu" in query["body"][0]
    assert len(url) <= 1900
    assert "body=" not in mailto_url(world.store, m.id, with_body=False)


# -- iCalendar ---------------------------------------------------------------------------------------

def parse_ics(text: str) -> list[dict]:
    """A tiny RFC 5545 reader: unfolds lines, returns the VEVENTs as {name: [(params, value)]}."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]
    events, current, calendar = [], None, {}
    for line in lines:
        head, _, value = line.partition(":")
        # a parameter value in quotes may hold ":" — split at the first colon outside quotes
        if head.count('"') % 2:
            rest_head, _, value = value.partition('":')
            head, value = f'{head}:{rest_head}"', value
        name, *params = head.split(";")
        params = dict(p.split("=", 1) for p in params)
        if name == "BEGIN" and value == "VEVENT":
            current = {}
        elif name == "END" and value == "VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.setdefault(name, []).append((params, value))
        else:
            calendar.setdefault(name, []).append(value)
    return calendar, events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_ics_invitation_parses_back(world, tmp_path):
    service = MeetingService(world.store, TODAY)
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4), place="Sous-préfecture de Douai, salle Vauban")
    AgendaService(world.store).save_item(AgendaItem(m.id, "Demandes d'évolution; inscriptions, abandons",
                                                    AgendaItemKind.CHANGE_REQUEST, ChangeKind.INCLUSION))
    service.mark_convocation_sent(m.id)
    out = write_meeting_ics(world.store, m.id, tmp_path / "copil.ics",
                            now=datetime(2024, 6, 15, 8, 0, tzinfo=UTC))
    raw = out.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar, events = parse_ics(raw.decode("utf-8"))
    assert calendar["METHOD"] == ["REQUEST"] and calendar["VERSION"] == ["2.0"]
    (event,) = events
    assert event["UID"][0][1] == service.get(m.id).uid
    assert event["DTSTAMP"][0][1] == "20240615T080000Z"
    assert event["DTSTART"] == [({"TZID": "Europe/Paris"}, "20240704T140000")]
    assert event["DTEND"] == [({"TZID": "Europe/Paris"}, "20240704T160000")]
    assert unescape(event["SUMMARY"][0][1]) == "Comité de pilotage du CRTE du Douaisis"
    assert unescape(event["LOCATION"][0][1]) == "Sous-préfecture de Douai, salle Vauban"
    description = unescape(event["DESCRIPTION"][0][1])
    assert "Ordre du jour :\n1. Demandes d'évolution; inscriptions, abandons" in description
    assert event["STATUS"][0][1] == "CONFIRMED"
    assert event["ORGANIZER"][0] == ({"CN": "Mme Sophie MARTIN"}, "mailto:sophie.martin@nord.gouv.fr")
    attendees = {v: p for p, v in event["ATTENDEE"]}
    assert attendees["mailto:c.poiret@douaisis-agglo.com"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:p.leroy@douaisis-agglo.com"]["ROLE"] == "OPT-PARTICIPANT"
    assert "mailto:sophie.martin@nord.gouv.fr" not in attendees
    assert event["SEQUENCE"][0][1] == "0"
    # moved, then cancelled: same UID, higher sequence, a cancellation
    moved = service.get(m.id)
    moved.start_time, moved.end_time = time(9, 0), time(11, 0)
    service.save(moved)
    service.set_status(m.id, MeetingStatus.CANCELLED)
    calendar, (event,) = parse_ics(meeting_ics(world.store, m.id))
    assert calendar["METHOD"] == ["CANCEL"]
    assert event["STATUS"][0][1] == "CANCELLED" and event["SEQUENCE"][0][1] == "2"
    assert event["DTSTART"][0][1] == "20240704T090000"


def test_ics_without_time_is_a_whole_day_and_without_secretariat_is_published(world):
    from crte_desktop.meetings.committees import CommitteeService

    committees = CommitteeService(world.store)
    cotech = committees.get(world.cotech.id)
    cotech.members = [m for m in cotech.members if m.person_id != world.ids["secretariat"]]
    committees.save(cotech)
    m = new_meeting(world.store, world.cotech.id, date(2024, 9, 17))
    m.start_time = m.end_time = None
    MeetingService(world.store, TODAY).save(m)
    calendar, (event,) = parse_ics(meeting_ics(world.store, m.id))
    assert calendar["METHOD"] == ["PUBLISH"] and "ORGANIZER" not in event
    assert event["DTSTART"] == [({"VALUE": "DATE"}, "20240917")]
    assert event["DTEND"] == [({"VALUE": "DATE"}, "20240918")]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_opens_the_minutes(world, held, tmp_path):
    out = write_minutes_docx(world.store, held.id, tmp_path / "cr.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120)
    text, pages = pdf_text(tmp_path / "cr.pdf")
    reader = PdfReader(str(tmp_path / "cr.pdf"))
    assert f"page 1 / {pages}" in text.replace("\xa0", " ")
    assert "Relevé de décisions" in text
    assert Cm(21).pt == pytest.approx(float(reader.pages[0].mediabox.width), abs=1)
