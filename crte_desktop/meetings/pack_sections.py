"""The meeting pack's own pages: cover, agenda, list of the fiches, the previous meeting's decisions and
follow-ups (those overdue flagged and listed)."""

from __future__ import annotations

from datetime import date

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import (
    AgendaItem, Decision, FollowUp, Meeting, format_duration, format_long_date, meeting_label,
)
from crte_desktop.meetings.document_data import MeetingHeader, action_text, follow_up_state
from crte_desktop.meetings.registers import FollowUpRow
from crte_desktop.reports.pdf_document import esc


LOGO_RESOURCE = "cover-logo"
LOGO_BOX_PX = (260, 110)  # the logo's room at the top of the cover (CSS pixels)


def cover_html(h: MeetingHeader, today: date, logo_size: tuple[int, int] | None = None) -> str:
    """The cover; with ``logo_size`` (width, height of the picture), the contract's logo at its top, scaled
    into its box (the picture itself is the section's ``LOGO_RESOURCE`` image)."""
    lines = [f"<p align='center' style='font-size:14pt; margin-top:24px'><b>{esc(h.schedule[:1].upper() + h.schedule[1:])}</b></p>"]
    if h.place:
        lines.append(f"<p align='center' style='font-size:12pt'>{esc(h.place)}</p>")
    if h.video_link:
        lines.append(f"<p align='center'>Visioconférence : {esc(h.video_link)}</p>")
    if h.status_note:
        lines.append(f"<p align='center' class='late' style='font-size:14pt; margin-top:18px'>{esc(h.status_note)}</p>")
    top = ""
    if logo_size:
        w, h_px = logo_size
        scale = min(1.0, LOGO_BOX_PX[0] / max(w, 1), LOGO_BOX_PX[1] / max(h_px, 1))
        top = (f"<p align='center' style='margin-top:10px'><img src='{LOGO_RESOURCE}' width='{int(w * scale)}' "
               f"height='{int(h_px * scale)}'/></p>")
    return (
        top
        + f"<p align='center' class='muted' style='font-size:13pt; margin-top:{30 if logo_size else 90}px'>"
          f"{esc(h.contract_name or 'CRTE')}</p>"
        "<p align='center' style='font-size:30pt; color:#1f3a5f; font-weight:bold; margin-top:150px'>"
        "Dossier de séance</p>"
        f"<p align='center' style='font-size:18pt; color:#1f3a5f; margin-top:6px'>{esc(h.committee.name)}</p>"
        + "".join(lines)
        + f"<p align='center' class='muted' style='margin-top:320px'>Document préparé par le secrétariat le "
          f"{format_date(today)}.</p>"
    )


def agenda_html(h: MeetingHeader, attachments: dict[int | None, list[str]]) -> str:
    out = ["<h1>Ordre du jour</h1>", f"<p>{esc(h.committee.name)} — {esc(h.schedule)}</p>"]
    if not h.items:
        out.append("<p class='muted'>L'ordre du jour n'est pas encore établi.</p>")
        return "".join(out)
    rows = []
    for n, item in enumerate(h.items, 1):
        kind = item.kind.label + (f" ({item.change_kind.label.lower()})" if item.change_kind else "")
        text = f"<b>{esc(item.title)}</b><br/><span class='small muted'>{esc(kind)}</span>"
        if item.description.strip():
            text += f"<br/>{esc(item.description)}"
        docs = attachments.get(item.id, [])
        if docs:
            text += f"<br/><span class='small'>Documents joints : {esc(', '.join(docs))}</span>"
        actions = esc(action_text(item.actions)) or "—"
        rows.append(f"<tr><td class='num'>{n}</td><td>{text}</td><td>{esc(item.presenter) or '—'}</td>"
                    f"<td>{esc(format_duration(item.duration_minutes)) or '—'}</td><td class='small'>{actions}</td></tr>")
    total = sum(i.duration_minutes for i in h.items)
    if total:
        rows.append(f"<tr class='total'><td></td><td>Durée prévue</td><td></td><td>{esc(format_duration(total))}</td>"
                    "<td></td></tr>")
    out.append("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr>"
               "<th class='num' width='5%'>N°</th><th width='45%'>Point</th><th width='17%'>Présenté par</th>"
               "<th width='9%'>Durée</th><th width='24%'>Actions concernées</th></tr></thead>" + "".join(rows) + "</table>")
    general = attachments.get(None, [])
    if general:
        out.append(f"<p><b>Documents joints à la séance :</b> {esc(', '.join(general))}</p>")
    return "".join(out)


def fiches_intro_html(fiches: list[tuple[str, str, list[str]]]) -> str:
    """fiches: (reference — title, owner, agenda item numbers)."""
    out = ["<h1>Fiches des actions à l'ordre du jour</h1>"]
    if not fiches:
        out.append("<p class='muted'>Aucune action n'est liée aux points de l'ordre du jour.</p>")
        return "".join(out)
    out.append(f"<p>{len(fiches)} action{'s' if len(fiches) > 1 else ''} liée{'s' if len(fiches) > 1 else ''} "
               "aux points de l'ordre du jour ; leur fiche suit.</p>")
    rows = "".join(f"<tr><td>{esc(label)}</td><td>{esc(owner)}</td><td>{esc(', '.join(points))}</td></tr>"
                   for label, owner, points in fiches)
    out.append("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr><th width='58%'>Action</th>"
               f"<th width='27%'>Maître d'ouvrage</th><th width='15%'>Points</th></tr></thead>{rows}</table>")
    return "".join(out)


def previous_meeting_html(h: MeetingHeader, previous: Meeting | None, decisions: list[Decision],
                          follow_ups: list[FollowUp], items: list[AgendaItem], overdue: list[FollowUpRow],
                          today: date) -> str:
    out = ["<h1>Suites de la séance précédente</h1>"]
    if previous is None:
        out.append(f"<p class='muted'>Première séance du {esc(h.committee.name)} : pas de séance précédente.</p>")
    else:
        label = meeting_label(h.committee, previous)
        out.append(f"<p>{esc(label)} ({esc(format_long_date(previous.date))}) — compte rendu "
                   f"{esc(previous.minutes_status.label.lower())}.</p>")
        out.append("<h2>Relevé de décisions</h2>")
        out.append(_decisions_table(decisions, items) if decisions else "<p class='muted'>Aucune décision.</p>")
        out.append("<h2>Suites à donner</h2>")
        out.append(_follow_ups_table(follow_ups, decisions, today) if follow_ups
                   else "<p class='muted'>Aucune suite à donner.</p>")
    out.append("<h2>Suites à donner en retard</h2>")
    if overdue:
        out.append(f"<p class='late'>{len(overdue)} suite{'s' if len(overdue) > 1 else ''} à donner "
                   f"du {esc(h.committee.short_label)} "
                   f"{'ont dépassé leur' if len(overdue) > 1 else 'a dépassé son'} échéance :</p>")
        rows = "".join(
            f"<tr><td>{esc(r.follow_up.text)}</td><td>{esc(r.follow_up.owner) or '—'}</td>"
            f"<td class='late'>{format_date(r.follow_up.due_date)} ({_days_late(r.follow_up, today)})</td>"
            f"<td>{esc(r.committee_label)} du {format_date(r.meeting_date)}</td></tr>" for r in overdue)
        out.append("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr>"
                   "<th width='45%'>Suite à donner</th><th width='18%'>Responsable</th><th width='19%'>Échéance</th>"
                   f"<th width='18%'>Séance</th></tr></thead>{rows}</table>")
    else:
        out.append("<p class='ok'>Aucune suite à donner en retard.</p>")
    return "".join(out)


def _days_late(f: FollowUp, today: date) -> str:
    days = (today - f.due_date).days
    return f"{days} jour{'s' if days > 1 else ''} de retard"


def _decisions_table(decisions: list[Decision], items: list[AgendaItem]) -> str:
    numbers = {item.id: n for n, item in enumerate(items, 1)}
    rows = []
    for d in decisions:
        text = esc(d.text)
        if d.effect.changes_programme:
            applied = f"appliquée le {format_date(d.applied_on)}" if d.applied_on else "pas encore appliquée"
            text += f"<br/><span class='small muted'>{esc(d.effect.label)} — {applied}</span>"
        point = f"point {numbers[d.agenda_item_id]}" if d.agenda_item_id in numbers else "—"
        rows.append(f"<tr><td class='num'>{d.number}</td><td>{text}</td><td>{esc(d.outcome.label)}</td>"
                    f"<td>{point}</td><td class='small'>{esc(action_text(d.actions)) or '—'}</td></tr>")
    return ("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr><th class='num' width='6%'>N°</th>"
            "<th width='46%'>Décision</th><th width='12%'>Résultat</th><th width='9%'>Point</th>"
            "<th width='27%'>Actions concernées</th></tr></thead>" + "".join(rows) + "</table>")


def _follow_ups_table(follow_ups: list[FollowUp], decisions: list[Decision], today: date) -> str:
    numbers = {d.id: d.number for d in decisions}
    rows = []
    for f in follow_ups:
        text = esc(f.text)
        if f.decision_id in numbers:
            text += f" <span class='small muted'>(décision n° {numbers[f.decision_id]})</span>"
        if f.is_overdue(today):
            state = f"<span class='late'>En retard — {_days_late(f, today)}</span>"
        else:
            state = esc(follow_up_state(f))
        rows.append(f"<tr><td>{text}</td><td>{esc(f.owner) or '—'}</td><td>{format_date(f.due_date) or '—'}</td>"
                    f"<td>{state}</td></tr>")
    return ("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr><th width='46%'>Suite à donner</th>"
            "<th width='18%'>Responsable</th><th width='13%'>Échéance</th><th width='23%'>État</th></tr></thead>"
            + "".join(rows) + "</table>")
