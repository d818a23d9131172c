"""The convocation letter of a meeting, as DOCX (editable before sending) and PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.meetings import MemberRole, format_duration, format_long_date
from crte_desktop.domain.titles import state_office_title, with_article
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.reports.docx_document import add_footer, add_header, add_text, new_document
from crte_desktop.reports.files import write_atomically
from crte_desktop.reports.pdf_document import esc, keep_units_together, render_pdf

AGENDA_INDENT_PT = 18  # the agenda's numbers, from the margin
HANGING_PT = 14  # the agenda's text, from its number


@dataclass
class ConvocationLetter:
    header: MeetingHeader
    letter_date: date
    subject: str
    paragraphs: list[str]
    agenda: list[str]
    closing: list[str]
    signatures: list[tuple[str, str]]  # (capacity, name)
    recipients: list[str]
    copies: list[str]


def convocation_letter(store, meeting_id: int, on: date | None = None) -> ConvocationLetter:
    h = meeting_header(store, meeting_id)
    letter_date = on or h.meeting.convocation_sent_on or date.today()
    where = []
    if h.place:
        where.append(f"à l'adresse suivante : {h.place}")
    if h.video_link:
        where.append(f"{'ou ' if h.place else ''}en visioconférence ({h.video_link})")
    first = (f"Nous avons l'honneur de vous convier à la séance du {h.committee.name}, qui se tiendra le "
             f"{h.schedule}{', ' + ' '.join(where) if where else ''}.")
    agenda = []
    for n, item in enumerate(h.items, 1):
        extra = ", ".join(p for p in (item.presenter, format_duration(item.duration_minutes)) if p)
        agenda.append(keep_units_together(f"{n}. {item.title}" + (f" ({extra})" if extra else "")))  # « 20 min » whole
    paragraphs = [first]
    if agenda:
        paragraphs.append("L'ordre du jour de la séance est le suivant :")
    closing = [
        "Les documents préparatoires vous seront adressés avant la séance.",
        "En cas d'empêchement, nous vous remercions d'en informer le secrétariat et, le cas échéant, de vous faire "
        "représenter ; votre suppléant est destinataire de la présente convocation.",
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    ]
    signatures = signature_block(store, h)
    recipients, copies = [], []
    capacities = signatory_capacities(store, h)
    for view in h.members:
        if view.role is not MemberRole.SECRETARIAT:
            recipients.append(recipient_line(view, capacities))
        if view.substitute_name:
            copies.append(f"{view.substitute_name}, suppléant de {view.display_name}")
    return ConvocationLetter(header=h, letter_date=letter_date, subject=f"Convocation à la séance du {h.committee.name} "
                             f"du {format_long_date(h.meeting.date, weekday=False)}", paragraphs=paragraphs,
                             agenda=agenda, closing=closing, signatures=signatures, recipients=recipients,
                             copies=copies)


def signatory_capacities(store, h: MeetingHeader) -> dict[tuple[str, int | None], tuple[str, str]]:
    """The contract's signatories (editable in the contract form) by ("person", id) and ("organisation", id):
    (capacity as the contract states it, person's full name)."""
    directory = DirectoryRepository(store)
    found: dict[tuple[str, int | None], tuple[str, str]] = {}
    for s in ContractRepository(store).signatories(h.committee.contract_id):
        person = directory.person(s.person_id) if s.person_id is not None else None
        entry = (s.capacity.strip(), person.full_name if person else "")
        if s.person_id is not None:
            found.setdefault(("person", s.person_id), entry)
        if s.organisation_id is not None:
            found.setdefault(("organisation", s.organisation_id), entry)
    return found


def signature_block(store, h: MeetingHeader) -> list[tuple[str, str]]:
    """One (title, name) per co-president: the contract signatory's capacity for the same person or
    organisation (« Le Président de la communauté d'agglomération Douaisis Agglo », M. Christian POIRET); a
    State office that did not sign the contract is titled from its name (« Le sous-préfet de Douai »)."""
    capacities = signatory_capacities(store, h)
    block = []
    for view in h.members:
        if view.role is not MemberRole.CO_PRESIDENT:
            continue
        m = view.member
        signed = capacities.get(("person", m.person_id)) if m.person_id is not None else None
        if signed is None and m.organisation_id is not None:
            signed = capacities.get(("organisation", m.organisation_id))
        state = state_office_title(view.organisation_full_name) if view.organisation_kind == "etat" else ""
        if signed and signed[0]:
            title, name = with_article(signed[0]), view.person_name or signed[1]
        elif state:
            title, name = state, view.person_name
        elif view.function:
            title = with_article(f"{view.function} de {view.organisation_full_name}" if view.organisation_full_name
                                 else view.function)
            name = view.person_name
        else:
            title, name = view.organisation_full_name or view.display_name, view.person_name
        block.append((title, name))
    return block


def recipient_line(view, capacities) -> str:
    """"M. Christian POIRET, Président de la communauté d'agglomération Douaisis Agglo", or the organisation's
    full name — never its acronym."""
    full_org = view.organisation_full_name or view.organisation_name
    if not view.person_name:
        return full_org
    m = view.member
    signed = capacities.get(("person", m.person_id)) if m.person_id is not None else None
    if signed and signed[0]:
        return f"{view.person_name}, {signed[0]}"
    if view.function and full_org:
        return f"{view.person_name}, {view.function} ({full_org})"
    return f"{view.person_name} ({full_org})" if full_org else view.person_name


# -- DOCX -----------------------------------------------------------------------------------------------

def write_convocation_docx(store, meeting_id: int, target: Path | str, on: date | None = None) -> Path:
    letter = convocation_letter(store, meeting_id, on)
    doc = build_convocation_docx(letter)
    return write_atomically(target, lambda tmp: doc.save(str(tmp)))


def build_convocation_docx(c: ConvocationLetter):
    h = c.header
    doc = new_document(title=c.subject, subject=h.committee.name)
    add_header(doc, h.contract_name, h.committee.name)
    add_footer(doc, f"Convocation — {h.label}")
    p = doc.add_paragraph()
    run = p.add_run(h.contract_name or "CRTE")
    run.bold = True
    run.font.size = Pt(12)
    add_text(doc, f"Secrétariat du {h.committee.name}")
    add_text(doc, f"Le {format_long_date(c.letter_date, weekday=False)}", align="right")
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    p.add_run("Objet : ").bold = True
    p.add_run(c.subject)
    doc.add_paragraph()
    add_text(doc, "Madame, Monsieur,")
    for text in c.paragraphs:
        add_text(doc, text, align="justify")
    for line in c.agenda:
        q = doc.add_paragraph(line)
        q.paragraph_format.left_indent = Pt(AGENDA_INDENT_PT + HANGING_PT)
        q.paragraph_format.first_line_indent = Pt(-HANGING_PT)  # a wrapped line under the text, not the number
        q.paragraph_format.space_after = Pt(1)
    if h.status_note:
        add_text(doc, h.status_note, italic=True)
    doc.add_paragraph()
    for text in c.closing:
        add_text(doc, text, align="justify")
    if c.signatures:
        table = doc.add_table(rows=2, cols=len(c.signatures))
        for i, (capacity, name) in enumerate(c.signatures):
            cell = table.cell(0, i)
            cell.text = ""
            cell.paragraphs[0].add_run(capacity).italic = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            table.cell(1, i).text = ""
            run = table.cell(1, i).paragraphs[0].add_run(("\n\n\n" + name) if name else "\n\n\n")
            run.bold = True
            table.cell(1, i).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if c.recipients:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(18)
        p.add_run("Destinataires : ").bold = True
        p.add_run(" ; ".join(c.recipients)).font.size = Pt(9)
    if c.copies:
        p = doc.add_paragraph()
        p.add_run("Copie : ").bold = True
        p.add_run(" ; ".join(c.copies)).font.size = Pt(9)
    return doc


# -- PDF -------------------------------------------------------------------------------------------------

def write_convocation_pdf(store, meeting_id: int, target: Path | str, on: date | None = None) -> Path:
    c = convocation_letter(store, meeting_id, on)
    h = c.header
    return render_pdf(convocation_html(c), target, title=c.subject, header_left=h.contract_name,
                      header_right=h.committee.name, footer_left=f"Convocation — {h.label}")


def convocation_html(c: ConvocationLetter) -> str:
    h = c.header
    out = [f"<p><b style='font-size:12pt'>{esc(h.contract_name or 'CRTE')}</b><br/>Secrétariat du "
           f"{esc(h.committee.name)}</p>",
           f"<p align='right'>Le {esc(format_long_date(c.letter_date, weekday=False))}</p>",
           f"<p style='margin-top:14px'><b>Objet :</b> {esc(c.subject)}</p>", "<p><br/>Madame, Monsieur,</p>"]
    out += [f"<p align='justify'>{esc(t)}</p>" for t in c.paragraphs]
    if c.agenda:
        # number and text in two cells: a wrapped line stays under the text, not under the number (Qt's HTML
        # has no negative text-indent)
        rows = "".join(f"<tr><td align='right'>{esc(number)}.&nbsp;</td><td>{esc(text)}</td></tr>"
                       for number, _dot, text in (line.partition(". ") for line in c.agenda))
        out.append(f"<table cellspacing='0' cellpadding='1' style='margin-left:{round(AGENDA_INDENT_PT * 96 / 72)}px; "
                   f"margin-bottom:5px'>{rows}</table>")
    if h.status_note:
        out.append(f"<p class='badge'>{esc(h.status_note)}</p>")
    out.append("<p></p>")
    out += [f"<p align='justify'>{esc(t)}</p>" for t in c.closing]
    if c.signatures:
        share = 100 // len(c.signatures)
        capacities = "".join(f"<td width='{share}%' align='center' valign='top'><i>{esc(cap)}</i></td>"
                             for cap, _name in c.signatures)
        names = "".join(f"<td align='center'><br/><br/><br/><b>{esc(name)}</b></td>" for _cap, name in c.signatures)
        out.append(f"<table width='100%' cellpadding='4' style='margin-top:16px'><tr>{capacities}</tr>"
                   f"<tr>{names}</tr></table>")
    if c.recipients:
        out.append(f"<p class='small' style='margin-top:18px'><b>Destinataires :</b> {esc(' ; '.join(c.recipients))}</p>")
    if c.copies:
        out.append(f"<p class='small'><b>Copie :</b> {esc(' ; '.join(c.copies))}</p>")
    return "\n".join(out)


def default_file_name(header: MeetingHeader, suffix: str) -> str:
    """"Convocation COPIL 2024-03-12.pdf"."""
    return f"Convocation {header.committee.short_label} {header.meeting.date.isoformat()}{suffix}" \
        if header.meeting.date else f"Convocation{suffix}"

