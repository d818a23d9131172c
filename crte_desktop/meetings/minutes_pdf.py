"""The minutes as a PDF (QTextDocument + QPdfWriter, headless): same content as the DOCX."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import decision_result, format_long_date
from crte_desktop.meetings.document_data import (
    MinutesContent, action_text, attendance_text, follow_up_state, item_meta, minutes_content,
)
from crte_desktop.reports.pdf_document import esc, render_pdf


def write_minutes_pdf(store, meeting_id: int, target: Path | str) -> Path:
    content = minutes_content(store, meeting_id)
    h = content.header
    return render_pdf(minutes_html(content), target, title=f"Compte rendu — {h.label}",
                      header_left=h.contract_name, header_right=f"Compte rendu — {h.label}",
                      footer_left=f"{h.committee.name} — compte rendu de la séance du {format_date(h.meeting.date)}")


def table_html(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    head = "".join(f'<th width="{w}%">{esc(t)}</th>' for t, w in zip(headers, widths))
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f'<table class="grid" width="100%" cellspacing="0" cellpadding="3"><thead><tr>{head}</tr></thead>{body}</table>'


def minutes_html(c: MinutesContent) -> str:
    h = c.header
    out = ["<h1>Compte rendu de séance</h1>", f"<p><b style='font-size:13pt'>{esc(h.committee.name)}</b></p>",
           f"<p><i>{esc(c.status_line)}</i></p>"]
    if h.status_note:
        out.append(f"<p class='badge'>{esc(h.status_note)}</p>")
    out.append(f"<p><b>Date :</b> {esc(h.schedule)}</p>")
    if h.place:
        out.append(f"<p><b>Lieu :</b> {esc(h.place)}</p>")
    if h.video_link:
        out.append(f"<p><b>Visioconférence :</b> {esc(h.video_link)}</p>")

    out.append("<h2>Participants</h2>")
    rows = lambda entries: [[e.name, e.organisation_name, e.role_label, attendance_text(e)] for e in entries]  # noqa: E731
    if c.members:
        out.append(table_html(["Nom", "Organisation", "Qualité", "Présence"], rows(c.members), [28, 27, 27, 18]))
    else:
        out.append("<p><i>La feuille de présence n'a pas été renseignée.</i></p>")
    if c.guests:
        out.append("<h3>Invités</h3>")
        out.append(table_html(["Nom", "Organisation", "Qualité", "Présence"], rows(c.guests), [28, 27, 27, 18]))

    out.append("<h2>Ordre du jour</h2>")
    if h.items:
        out.append("<ol>" + "".join(f"<li>{esc(i.title)} <span class='muted small'><i>— {esc(item_meta(i))}</i></span></li>"
                                    for i in h.items) + "</ol>")
    else:
        out.append("<p><i>Aucun point inscrit.</i></p>")

    out.append("<h2>Déroulement de la séance</h2>")
    if h.meeting.introduction.strip():
        out.append(f"<p>{esc(h.meeting.introduction.strip())}</p>")
    for n, item in enumerate(h.items, 1):
        out.append(f"<h3>{n}. {esc(item.title)}</h3>")
        out.append(f"<p class='muted small'><i>{esc(item_meta(item))}</i></p>")
        if item.actions:
            out.append(f"<p><b>Actions concernées :</b> {esc(action_text(item.actions).replace(chr(10), ' ; '))}</p>")
        if c.attachments_by_item.get(item.id):
            out.append(f"<p><b>Documents :</b> {esc(' ; '.join(c.attachments_by_item[item.id]))}</p>")
        out.append(f"<p>{esc(item.notes.strip())}</p>" if item.notes.strip()
                   else "<p><i>Pas de relevé pour ce point.</i></p>")
        for d in c.decisions_by_item.get(item.id, []):
            out.append(f"<p style='margin-left:14px'><b>Décision n° {d.number} ({d.outcome.feminine}) :</b> "
                       f"{esc(d.text)}</p>")

    out.append("<h2>Relevé de décisions</h2>")
    if c.decisions:
        out.append(table_html(["N°", "Décision", "Résultat", "Actions concernées"],
                              [[str(d.number), d.text + (f"\n{d.effect.label}" if d.effect.changes_programme else ""),
                                decision_result(d),
                                action_text(d.actions)] for d in c.decisions], [7, 48, 17, 28]))
    else:
        out.append("<p><i>Aucune décision.</i></p>")

    out.append("<h2>Suites à donner</h2>")
    if c.follow_ups:
        out.append(table_html(["Suite à donner", "Responsable", "Échéance", "État"],
                              [[f.text + (f"\n(décision {c.decision_number(f.decision_id)})" if f.decision_id else ""),
                                f.owner, format_date(f.due_date), follow_up_state(f)] for f in c.follow_ups],
                              [45, 20, 15, 20]))
    else:
        out.append("<p><i>Aucune suite à donner.</i></p>")
    out.append(f"<p style='margin-top:18px'><i>Compte rendu de la séance du "
               f"{esc(format_long_date(h.meeting.date, weekday=False))}, établi par le secrétariat du "
               f"{esc(h.contract_name or 'CRTE')}.</i></p>")
    return "\n".join(out)
