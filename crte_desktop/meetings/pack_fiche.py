"""The fiche of an action as printed in the meeting pack: identity, description, calendar, financing plan,
indicators, environmental assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crte_desktop.dashboard.formatting import format_measure
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.action import full_assessment
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import LATE_LABEL, Rating, Stage
from crte_desktop.domain.financing import compute_totals
from crte_desktop.domain.money import format_amount, format_percent
from crte_desktop.domain.rules import PUBLIC_AID_LIMIT
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.domain import limits
from crte_desktop.reports.pdf_document import esc


@dataclass
class Lookups:
    """Names the fiches need, read once for all the fiches of a pack."""

    organisations: dict[int, str]
    funders: dict[int, str]
    schemes: dict[int, str]
    sections: dict[int, str]  # id → "Axe 1.2 — Title"
    statuses: dict[str, str]  # status code → label (editable by the user)
    public_funders: set[int]


def lookups(store, contract_id: int) -> Lookups:
    directory = DirectoryRepository(store)
    contracts = ContractRepository(store)
    contract = contracts.contract(contract_id)
    levels = contract.level_names if contract else []
    sections = {}
    for s in contracts.sections(contract_id):
        level = levels[s.depth] if s.depth < len(levels) else "Section"
        sections[s.id] = f"{level} {s.code} — {s.title}"
    return Lookups(
        organisations={o.id: o.label for o in directory.organisations()},
        funders={f.id: f.label for f in directory.funders()},
        schemes={s.id: s.name for s in directory.schemes()},
        sections=sections,
        statuses={code: label for code, (label, _color) in directory.status_colors().items()},
        public_funders=directory.public_funder_ids(),
    )


def load_bundle(store, action_id: int) -> ActionBundle:
    return ActionService(store).load(action_id)


def fiche_html(bundle: ActionBundle, names: Lookups, today: date, agenda_refs: list[str]) -> str:
    """``agenda_refs``: the agenda items that present the action ("point 3 — Avancement…")."""
    a = bundle.action
    status = LATE_LABEL if a.is_late(today) else names.statuses.get(a.status.value, a.status.label)
    status_html = f'<span class="late">{esc(status)}</span>' if a.is_late(today) else esc(status)
    out = [f"<h1>{esc(a.reference, limits.REFERENCE)} — {esc(a.title, limits.TITLE)}</h1>"]
    if agenda_refs:
        out.append(f'<p class="muted">Inscrite à l\'ordre du jour : {esc(" ; ".join(agenda_refs))}</p>')
    rows = [
        ("Section", esc(names.sections.get(a.section_id, "—") if a.section_id else "—")),
        ("Maître d'ouvrage", esc(names.organisations.get(a.owner_id, "—") if a.owner_id else "—")),
        ("Partenaires", esc(_names(a.partner_ids, names.organisations))),
        ("Communes", esc(_names(a.commune_ids, names.organisations))),
        ("Territoire (EPCI)", esc(names.organisations.get(a.epci_id, "—") if a.epci_id else "—")),
        ("Calendrier", esc(_calendar(a.start_date, a.end_date))),
        ("Statut", status_html),
        ("Taux de réalisation", f"{a.progress}\u00a0%"),
        ("Priorité", esc(a.priority.label)),
        ("Année d'inscription", esc(a.inscription_year or "—")),
        ("Coût total", esc(format_amount(a.total_cost) if a.total_cost is not None else "non renseigné")),
    ]
    out.append('<table class="kv" cellspacing="0">' + "".join(
        f'<tr><td class="key" width="32%">{k}</td><td>{v}</td></tr>' for k, v in rows) + "</table>")
    out.append("<h2>Description</h2>")
    out.append(f"<p>{esc(a.description)}</p>" if a.description.strip() else '<p class="muted">Non renseignée.</p>')
    if a.objectives.strip():
        out.append(f"<h2>Objectifs</h2><p>{esc(a.objectives)}</p>")
    out.append(_financing_html(bundle, names))
    out.append(_indicators_html(bundle, today))
    out.append(_assessment_html(bundle))
    return "".join(out)


def _names(ids: list[int], organisations: dict[int, str]) -> str:
    return ", ".join(organisations.get(i, "?") for i in ids) or "—"


def _calendar(start: date | None, end: date | None) -> str:
    if start and end:
        return f"du {format_date(start)} au {format_date(end)}"
    if start:
        return f"à partir du {format_date(start)}"
    if end:
        return f"jusqu'au {format_date(end)}"
    return "non renseigné"


def _financing_html(bundle: ActionBundle, names: Lookups) -> str:
    out = ["<h2>Plan de financement</h2>"]
    if not bundle.financing:
        out.append('<p class="muted">Aucun financement inscrit.</p>')
        return "".join(out)
    head = "".join(f'<th class="num" width="15%">{s.label}</th>' for s in Stage)
    rows = []
    for line in bundle.financing:
        who = names.funders.get(line.funder_id, "?")
        if line.scheme_id is not None:
            who += f" — {names.schemes.get(line.scheme_id, '?')}"
        detail = " · ".join(p for p in (line.category.label, str(line.year or "")) if p)
        amounts = "".join(f'<td class="amount">{esc(format_amount(line.amount(s)))}</td>' for s in Stage)
        rows.append(f'<tr><td>{esc(who)}<br/><span class="small muted">{esc(detail)}</span></td>{amounts}'
                    f"<td>{esc(line.status.label)}</td></tr>")
    totals = compute_totals(bundle.action.total_cost, bundle.financing, names.public_funders)
    sums = "".join(f'<td class="amount">{esc(format_amount(totals.by_stage[s]))}</td>' for s in Stage)
    rows.append(f'<tr class="total"><td>Total</td>{sums}<td></td></tr>')
    out.append('<table class="grid small" width="100%" cellspacing="0" cellpadding="3"><thead><tr>'
               f'<th width="27%">Financeur — dispositif</th>{head}<th width="13%">État</th></tr></thead>'
               + "".join(rows) + "</table>")
    facts = [f"Financements retenus : <b>{esc(format_amount(totals.retained))}</b>"]
    if totals.total_cost:
        facts[0] += f" ({esc(format_percent(totals.coverage_rate))} du coût)"
        facts.append(f"Autofinancement du maître d'ouvrage : <b>{esc(format_amount(totals.self_financing))}</b>")
        rate = totals.public_aid_rate
        text = f"Taux d'aides publiques : <b>{esc(format_percent(rate))}</b>"
        if rate is not None and rate > PUBLIC_AID_LIMIT:
            text = (f'<span class="late">{text} — au-delà de 80 %, le maître d\'ouvrage public doit participer à '
                    "hauteur d'au moins 20 %.</span>")
        facts.append(text)
        if totals.retained > totals.total_cost:
            facts.append(f'<span class="late">Les financements dépassent le coût de '
                         f"{esc(format_amount(totals.retained - totals.total_cost))}.</span>")
    out.append("<p>" + "<br/>".join(facts) + "</p>")
    return "".join(out)


def _indicators_html(bundle: ActionBundle, today: date) -> str:
    out = ["<h2>Indicateurs</h2>"]
    if not bundle.indicators:
        out.append('<p class="muted">Aucun indicateur.</p>')
        return "".join(out)
    rows = []
    for ind in bundle.indicators:
        last = ind.latest
        reached = ind.achievement
        measured = f"{format_measure(last.value, ind.unit)} ({format_date(last.date)})" if last else "—"
        target = format_measure(ind.target, ind.unit) if ind.target is not None else "—"
        if ind.due_date:
            target += f" au {format_date(ind.due_date)}"
        share = format_percent(round(reached, 4), 0) if reached is not None else "—"
        behind = ind.is_behind(today, bundle.action.start_date)
        share_html = f'<span class="late">{esc(share)} (en retard)</span>' if behind else esc(share)
        rows.append(f"<tr><td>{esc(ind.name)}</td><td>{esc(format_measure(ind.baseline, ind.unit))}</td>"
                    f"<td>{esc(target)}</td><td>{esc(measured)}</td><td>{share_html}</td></tr>")
    out.append('<table class="grid" width="100%" cellspacing="0" cellpadding="3"><thead><tr>'
               '<th width="32%">Indicateur</th><th width="14%">Valeur initiale</th><th width="20%">Cible</th>'
               '<th width="20%">Dernière mesure</th><th width="14%">Atteinte</th></tr></thead>'
               + "".join(rows) + "</table>")
    return "".join(out)


def _assessment_html(bundle: ActionBundle) -> str:
    items = full_assessment(bundle.assessment)
    out = ["<h2>Évaluation environnementale</h2>"]
    if all(i.rating is Rating.NOT_ASSESSED and not i.comment.strip() for i in items):
        out.append('<p class="muted">Non évaluée.</p>')
        return "".join(out)
    rows = []
    for i in items:
        css = {Rating.FAVOURABLE: "ok", Rating.UNFAVOURABLE: "late"}.get(i.rating, "")
        rating = f'<span class="{css}">{esc(i.rating.label)}</span>' if css else esc(i.rating.label)
        rows.append(f"<tr><td>{esc(i.objective.label)}</td><td>{rating}</td><td>{esc(i.comment)}</td></tr>")
    out.append('<table class="grid" width="100%" cellspacing="0" cellpadding="3"><thead><tr>'
               '<th width="42%">Objectif</th><th width="16%">Appréciation</th><th width="42%">Commentaire</th>'
               "</tr></thead>" + "".join(rows) + "</table>")
    return "".join(out)
