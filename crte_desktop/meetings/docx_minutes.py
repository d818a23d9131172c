"""The minutes (compte rendu) as a DOCX document: A4, editable in Word and LibreOffice, page X / Y."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import decision_result, format_long_date
from crte_desktop.meetings.document_data import (
    MinutesContent, action_text, attendance_text, follow_up_state, item_meta, minutes_content,
)
from crte_desktop.reports.docx_document import (
    add_footer, add_header, add_label_value, add_table, add_text, new_document, usable_width,
)
from crte_desktop.reports.files import write_atomically


def write_minutes_docx(store, meeting_id: int, target: Path | str) -> Path:
    """Write the minutes of ``meeting_id`` to ``target`` (whole or not at all)."""
    content = minutes_content(store, meeting_id)
    doc = build_minutes_docx(content)
    return write_atomically(target, lambda tmp: doc.save(str(tmp)))


def build_minutes_docx(c: MinutesContent):
    h = c.header
    doc = new_document(title=f"Compte rendu — {h.label}", subject=h.committee.name)
    add_header(doc, h.contract_name, f"Compte rendu — {h.label}")
    add_footer(doc, f"{h.committee.name} — compte rendu de la séance du {format_date(h.meeting.date)}")
    width = usable_width(doc)

    doc.add_paragraph("Compte rendu de séance", style="Title")
    subtitle = doc.add_paragraph()
    run = subtitle.add_run(h.committee.name)
    run.bold = True
    run.font.size = Pt(13)
    add_text(doc, c.status_line, italic=True)
    if h.status_note:
        add_text(doc, h.status_note, italic=True)
    add_label_value(doc, "Date", h.schedule)
    if h.place:
        add_label_value(doc, "Lieu", h.place)
    if h.video_link:
        add_label_value(doc, "Visioconférence", h.video_link)

    doc.add_heading("Participants", level=1)
    if c.members:
        add_table(doc, ["Nom", "Organisation", "Qualité", "Présence"],
                  [[e.name, e.organisation_name, e.role_label, attendance_text(e)] for e in c.members],
                  _split(width, [0.28, 0.27, 0.27, 0.18]))
    else:
        add_text(doc, "La feuille de présence n'a pas été renseignée.", italic=True)
    if c.guests:
        doc.add_heading("Invités", level=2)
        add_table(doc, ["Nom", "Organisation", "Qualité", "Présence"],
                  [[e.name, e.organisation_name, e.role_label, attendance_text(e)] for e in c.guests],
                  _split(width, [0.28, 0.27, 0.27, 0.18]))

    doc.add_heading("Ordre du jour", level=1)
    if not h.items:
        add_text(doc, "Aucun point inscrit.", italic=True)
    for n, item in enumerate(h.items, 1):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        p.paragraph_format.left_indent = Pt(18)
        p.paragraph_format.first_line_indent = Pt(-18)
        p.add_run(f"{n}.\t{item.title}")
        meta = p.add_run(f" — {item_meta(item)}")
        meta.italic = True
        meta.font.size = Pt(9)

    doc.add_heading("Déroulement de la séance", level=1)
    if h.meeting.introduction.strip():
        add_text(doc, h.meeting.introduction.strip(), align="justify")
    for n, item in enumerate(h.items, 1):
        doc.add_heading(f"{n}. {item.title}", level=2)
        meta = add_text(doc, item_meta(item), italic=True)
        for run in meta.runs:
            run.font.size = Pt(9)
        if item.actions:
            add_label_value(doc, "Actions concernées", action_text(item.actions).replace("\n", " ; "))
        if c.attachments_by_item.get(item.id):
            add_label_value(doc, "Documents", " ; ".join(c.attachments_by_item[item.id]))
        if item.notes.strip():
            add_text(doc, item.notes.strip(), align="justify")
        else:
            add_text(doc, "Pas de relevé pour ce point.", italic=True)
        for d in c.decisions_by_item.get(item.id, []):
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(12)
            p.add_run(f"Décision n° {d.number} ({d.outcome.feminine}) : ").bold = True
            p.add_run(d.text)

    doc.add_heading("Relevé de décisions", level=1)
    if c.decisions:
        add_table(doc, ["N°", "Décision", "Résultat", "Actions concernées"],
                  [[str(d.number), d.text + (f"\n{d.effect.label}" if d.effect.changes_programme else ""),
                    decision_result(d),
                    action_text(d.actions) or "—"] for d in c.decisions],
                  _split(width, [0.07, 0.48, 0.17, 0.28]))
    else:
        add_text(doc, "Aucune décision.", italic=True)

    doc.add_heading("Suites à donner", level=1)
    if c.follow_ups:
        add_table(doc, ["Suite à donner", "Responsable", "Échéance", "État"],
                  [[f.text + (f"\n(décision {c.decision_number(f.decision_id)})" if f.decision_id else ""), f.owner,
                    format_date(f.due_date), follow_up_state(f)] for f in c.follow_ups],
                  _split(width, [0.45, 0.2, 0.15, 0.2]))
    else:
        add_text(doc, "Aucune suite à donner.", italic=True)

    closing = doc.add_paragraph()
    closing.paragraph_format.space_before = Pt(18)
    closing.add_run(f"Compte rendu de la séance du {format_long_date(h.meeting.date, weekday=False)}, établi par le "
                    f"secrétariat du {h.contract_name or 'CRTE'}.").italic = True
    return doc


def _split(width: float, shares: list[float]) -> list[float]:
    return [round(width * s, 2) for s in shares]
