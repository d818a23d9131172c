"""The dashboard synthesis of the meeting pack: the contract's key figures, the dashboard's charts (the same
matplotlib figures as the window and the workbook) and its alerts, those on the agenda's actions in full."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crte_desktop.dashboard import charts
from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.model import Dashboard, DashboardFilter
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.money import format_amount, format_percent
from crte_desktop.reports.chart_images import chart_image
from crte_desktop.reports.pdf_document import esc

CHART_DPI = 150
MAX_CHART_WIDTH_PX = 640  # CSS pixels (1/96 inch): the width between the pack's margins
MAX_CHART_HEIGHT_PX = 700  # three quarters of a page: a chart is never cut between two pages
TOP_FUNDERS = 6
INDENT = "\u00a0" * 5  # a line under a heading line, in a table cell (a cell's own padding drops its borders)


@dataclass
class SynthesisPart:
    html: str
    images: dict[str, bytes] = field(default_factory=dict)


def synthesis(store, contract_id: int, today: date, agenda_action_ids: set[int]) -> SynthesisPart:
    dashboard = compute_dashboard(store, DashboardFilter(contract_id), today)
    part = SynthesisPart("")
    out = ["<h1>Tableau de bord du contrat</h1>",
           f'<p class="muted">{esc(dashboard.contract_name)} — situation au {format_date(today)}.</p>',
           _kpis_html(dashboard), _green_html(dashboard)]
    funders = sorted(dashboard.financing.get("funder", []), key=lambda r: -max(r.planned, r.requested, r.granted))
    title = "Financements par financeur et par étape"
    if len(funders) > TOP_FUNDERS:
        title = f"Financements des {TOP_FUNDERS} premiers financeurs, par étape"
    figures = [("statuts.png", charts.status_figure(dashboard.statuses)),
               ("avancement.png", charts.progress_figure(dashboard.top_sections or dashboard.sections)),
               ("financeurs.png", charts.funding_figure(funders[:TOP_FUNDERS], title=title))]
    out.append("<h2>Graphiques</h2>")
    for name, fig in figures:
        image = chart_image(fig, CHART_DPI)  # whole: a long title or note is not cut at the figure's edge
        part.images[name] = image.png
        width_px, height_px = image.css_size
        scale = min(1.0, MAX_CHART_WIDTH_PX / width_px, MAX_CHART_HEIGHT_PX / height_px)
        out.append(f'<p align="center"><img src="{name}" width="{int(width_px * scale)}" '
                   f'height="{int(height_px * scale)}"/></p>')
    out.append(_alerts_html(dashboard, agenda_action_ids))
    part.html = "".join(out)
    return part


def _kpis_html(d: Dashboard) -> str:
    k = d.kpis
    cost = format_amount(k.total_cost)
    if k.uncosted_count:
        cost += f" (et {k.uncosted_count} action{'s' if k.uncosted_count > 1 else ''} sans coût connu)"
    rows = [("Actions", str(k.action_count)), ("Coût total des actions", cost)]
    rows += [(f"Financements — {s.label.lower()}", format_amount(k.stage(s))) for s in Stage]
    rows.append(("Couverture du coût par les financements",
                 format_percent(k.coverage) if k.coverage is not None else "—"))
    rows.append(("Taux de réalisation (pondéré par le coût)",
                 f"{k.progress:.0f}\u00a0%".replace(".", ",") if k.progress is not None else "—"))
    body = "".join(f'<tr><td width="45%">{esc(a)}</td><td class="num">{esc(b)}</td></tr>' for a, b in rows)
    shown = [s for s in d.statuses if s.count]
    if shown:  # one line per status, under a heading line (a list in one cell wrapped mid-status)
        body += '<tr><td colspan="2">Actions par statut</td></tr>'
        body += "".join(f'<tr><td>{INDENT}{esc(s.label)}</td><td class="num">{s.count}</td></tr>'
                        for s in shown)
    return f'<table class="grid" width="100%" cellspacing="0" cellpadding="3">{body}</table>'


def _green_html(d: Dashboard) -> str:
    """« Parts vertes des dotations »: per year and dotation, the share going to favourable projects vs its threshold."""
    out = ["<h2>Parts vertes des dotations</h2>"]
    if not d.green:
        out.append('<p class="muted">Aucun montant accordé en DSIL, DSID, DETR ou FNADT.</p>')
        return "".join(out)
    rows = []
    for s in d.green:
        threshold = f"{s.threshold}\u00a0%" if s.threshold is not None else "—"
        verdict = "<b>Sous le seuil</b>" if s.below else esc(s.verdict)
        figures = "".join('<td class="num">' + esc(v) + "</td>" for v in (
            format_amount(s.granted), format_amount(s.favourable), format_percent(s.share), threshold))
        rows.append(f"<tr><td>{s.year}</td><td>{esc(s.scheme)}</td>{figures}<td>{verdict}</td></tr>")
    body = "".join(rows)
    out.append('<table class="grid" width="100%" cellspacing="0" cellpadding="3"><thead><tr><th>Année</th>'
               '<th>Dotation</th><th class="num">Accordé</th><th class="num">Dont favorable</th>'
               f'<th class="num">Part verte</th><th class="num">Seuil</th><th>Situation</th></tr></thead>{body}</table>')
    return "".join(out)


def _alerts_html(d: Dashboard, agenda_action_ids: set[int]) -> str:
    out = ["<h2>Alertes</h2>"]
    if not d.alerts:
        out.append('<p class="muted">Aucune alerte.</p>')
        return "".join(out)
    kinds = list(dict.fromkeys(a.kind for a in d.alerts))
    rows = "".join(f'<tr><td>{esc(d.alerts_of(kind)[0].kind_label)}</td><td class="num">{len(d.alerts_of(kind))}</td></tr>'
                   for kind in kinds)
    out.append('<table class="grid" width="70%" cellspacing="0" cellpadding="3"><thead><tr><th>Alerte</th>'
               f'<th class="num">Nombre</th></tr></thead>{rows}</table>')
    on_agenda = [a for a in d.alerts if a.kind != "cadence" and agenda_action_ids.intersection(a.action_ids)]
    cadence = d.alerts_of("cadence")
    if on_agenda:
        out.append("<h3>Sur les actions inscrites à l'ordre du jour</h3><ul>"
                   + "".join(f"<li>{esc(a.message)}</li>" for a in on_agenda) + "</ul>")
    if cadence:
        out.append("<h3>Rythme des comités</h3><ul>" + "".join(f"<li>{esc(a.message)}</li>" for a in cadence) + "</ul>")
    return "".join(out)
