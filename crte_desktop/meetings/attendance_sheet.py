"""The attendance sheet (feuille d'émargement) to print and sign: PDF and DOCX.

One line per member of the committee (a seat without a named person is left for its representative to
fill in), then the invited guests and blank lines for unexpected attendees. Excuses and representations
already recorded are printed in the signature cell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.shared import Pt

from crte_desktop.domain.meetings import AttendanceEntry, AttendanceStatus
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.document_data import MeetingHeader, attendance_text, meeting_header
from crte_desktop.reports.docx_document import (
    add_footer, add_header, add_label_value, add_table, add_text, new_document, usable_width,
)
from crte_desktop.reports.files import write_atomically
from crte_desktop.reports.pdf_document import esc, render_pdf

BLANK_LINES = 6
HEADERS = ["N°", "Nom et prénom", "Organisation", "Qualité", "Signature"]
SHARES = [0.06, 0.24, 0.24, 0.2, 0.26]


@dataclass
class SheetData:
    header: MeetingHeader
    members: list[AttendanceEntry]
    guests: list[AttendanceEntry]
    blank_lines: int


def sheet_data(store, meeting_id: int, blank_lines: int = BLANK_LINES) -> SheetData:
    entries = AttendanceService(store).sheet(meeting_id)
    return SheetData(meeting_header(store, meeting_id), [e for e in entries if not e.is_guest],
                     [e for e in entries if e.is_guest], blank_lines)


def signature_note(e: AttendanceEntry) -> str:
    if e.status in (AttendanceStatus.EXCUSED, AttendanceStatus.REPRESENTED):
        return attendance_text(e)
    return ""


def _rows(entries: list[AttendanceEntry], start: int) -> list[list[str]]:
    return [[str(start + i), e.name, e.organisation_name, e.role_label, signature_note(e)]
            for i, e in enumerate(entries)]


def _blank(count: int, start: int) -> list[list[str]]:
    return [[str(start + i), "", "", "", ""] for i in range(count)]


# -- DOCX -----------------------------------------------------------------------------------------------

def write_attendance_docx(store, meeting_id: int, target: Path | str, blank_lines: int = BLANK_LINES) -> Path:
    doc = build_attendance_docx(sheet_data(store, meeting_id, blank_lines))
    return write_atomically(target, lambda tmp: doc.save(str(tmp)))


def build_attendance_docx(d: SheetData):
    h = d.header
    doc = new_document(title=f"Feuille d'émargement — {h.label}", subject=h.committee.name)
    add_header(doc, h.contract_name, f"Feuille d'émargement — {h.label}")
    add_footer(doc, f"{h.committee.name} — feuille d'émargement")
    doc.add_paragraph("Feuille d'émargement", style="Title")
    p = doc.add_paragraph()
    run = p.add_run(h.committee.name)
    run.bold = True
    run.font.size = Pt(13)
    add_label_value(doc, "Date", h.schedule)
    if h.place:
        add_label_value(doc, "Lieu", h.place)
    if h.status_note:
        add_text(doc, h.status_note, italic=True)
    widths = [round(usable_width(doc) * s, 2) for s in SHARES]
    doc.add_heading("Membres du comité", level=1)
    add_table(doc, HEADERS, _rows(d.members, 1), widths, min_row_height_cm=1.2)
    doc.add_heading("Invités et autres participants", level=1)
    start = len(d.members) + 1
    add_table(doc, HEADERS, _rows(d.guests, start) + _blank(d.blank_lines, start + len(d.guests)), widths,
              min_row_height_cm=1.2)
    return doc


# -- PDF -------------------------------------------------------------------------------------------------

def write_attendance_pdf(store, meeting_id: int, target: Path | str, blank_lines: int = BLANK_LINES) -> Path:
    d = sheet_data(store, meeting_id, blank_lines)
    h = d.header
    return render_pdf(attendance_html(d), target, title=f"Feuille d'émargement — {h.label}",
                      header_left=h.contract_name, header_right=f"Feuille d'émargement — {h.label}",
                      footer_left=f"{h.committee.name} — feuille d'émargement")


def _table(rows: list[list[str]]) -> str:
    widths = [int(s * 100) for s in SHARES]
    head = "".join(f"<th width='{w}%'>{esc(t)}</th>" for t, w in zip(HEADERS, widths))
    # The signature cell holds one tall line: a row of one line is never split between two pages.
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row[:4])
        + f"<td><span style='font-size:26pt'>&nbsp;</span><span class='small'>{esc(row[4])}</span></td></tr>"
        for row in rows)
    return (f"<table class='grid' width='100%' cellspacing='0' cellpadding='4'><thead><tr>{head}</tr></thead>"
            f"{body}</table>")


def attendance_html(d: SheetData) -> str:
    h = d.header
    out = ["<h1>Feuille d'émargement</h1>", f"<p><b style='font-size:13pt'>{esc(h.committee.name)}</b></p>",
           f"<p><b>Date :</b> {esc(h.schedule)}</p>"]
    if h.place:
        out.append(f"<p><b>Lieu :</b> {esc(h.place)}</p>")
    if h.status_note:
        out.append(f"<p class='badge'>{esc(h.status_note)}</p>")
    out.append("<h2>Membres du comité</h2>")
    out.append(_table(_rows(d.members, 1)))
    start = len(d.members) + 1
    out.append("<h2>Invités et autres participants</h2>")
    out.append(_table(_rows(d.guests, start) + _blank(d.blank_lines, start + len(d.guests))))
    return "\n".join(out)
