"""The dashboard's alerts, in French, each with the actions behind it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import partial

from crte_desktop.dashboard.formatting import format_count, format_measure
from crte_desktop.dashboard.model import Alert, IndicatorStatus
from crte_desktop.domain.dates import format_date, from_iso
from crte_desktop.domain.enums import FinancingStatus
from crte_desktop.domain.financing import FinancingLine, FinancingTotals
from crte_desktop.domain.lapse import lapse_alert
from crte_desktop.domain.money import format_amount, format_percent, from_cents
from crte_desktop.domain.rules import PUBLIC_AID_LIMIT


def lapse_alerts(rows: Iterable[tuple], today: date) -> list[Alert]:
    """rows: see db.dashboard_queries.lapse_candidates. One alert per line whose lapse date is near or passed."""
    alerts = []
    for line_id, action_id, reference, title, funder, scheme, year, decision_iso, months, granted_c in rows:
        line = FinancingLine(action_id, 0, status=FinancingStatus.ACCORDE, granted=from_cents(granted_c),
                             decision_date=from_iso(decision_iso), id=line_id)
        alert = lapse_alert(line, months, today)
        if alert is None:
            continue
        label = f"{reference} — {title} — {' / '.join(p for p in (funder, scheme, str(year or '')) if p)}"
        alerts.append(Alert("lapse", partial(alert.message, label), (action_id,), reference))
    return alerts


def late_alerts(rows: Iterable[tuple], today: date) -> list[Alert]:
    """rows: (id, reference, title, end date ISO) of open actions past their end date."""
    return [Alert("late", partial(_late_message, reference, title, end, today), (action_id,), reference)
            for action_id, reference, title, end in rows]


def _late_message(reference: str, title: str, end_iso: str, today: date) -> str:
    end = from_iso(end_iso)
    days = (today - end).days
    return (f"{reference} — {title} : date de fin dépassée depuis le {format_date(end)}"
            f" ({format_count(days)} jour{'s' if days > 1 else ''}), action non achevée.")


def financing_alerts(rows: Iterable[tuple]) -> list[Alert]:
    """rows: (id, reference, title, cost, retained, public retained, line count) in cents; the whole plan of
    each action. Flags a plan that does not cover the cost or exceeds it, and public aid above 80 %."""
    alerts = []
    for action_id, reference, title, cost_c, retained_c, public_c, lines in rows:
        totals = FinancingTotals(from_cents(cost_c), {}, from_cents(retained_c), from_cents(public_c))
        head = f"{reference} — {title} : "
        if lines == 0 or totals.retained != totals.total_cost:
            kind = "uncovered" if totals.retained < totals.total_cost else "overfinanced"
            alerts.append(Alert(kind, partial(_balance_message, head, totals, lines), (action_id,), reference))
        rate = totals.public_aid_rate
        if rate is not None and rate > PUBLIC_AID_LIMIT:
            alerts.append(Alert("public_aid", partial(_public_aid_message, head, rate), (action_id,), reference))
    return alerts


def _balance_message(head: str, totals: FinancingTotals, lines: int) -> str:
    cost = totals.total_cost
    if lines == 0:
        return head + f"aucun financement inscrit pour un coût de {format_amount(cost)}."
    if totals.retained < cost:
        return (head + f"les financements ({format_amount(totals.retained)}) couvrent"
                f" {format_percent(totals.coverage_rate)} du coût ({format_amount(cost)}) ;"
                f" il manque {format_amount(totals.self_financing)}.")
    return (head + f"les financements ({format_amount(totals.retained)}) dépassent le coût ({format_amount(cost)})"
            f" de {format_amount(totals.retained - cost)}.")


def _public_aid_message(head: str, rate: Decimal) -> str:
    return (head + f"les aides publiques atteignent {format_percent(rate)} du coût (au-delà de 80 %, le maître"
            " d'ouvrage public doit participer à hauteur d'au moins 20 %).")


def indicator_alerts(indicators: Iterable[IndicatorStatus], today: date) -> list[Alert]:
    return [Alert("indicator_behind", partial(_indicator_message, ind, today),
                  (ind.action_id,) if ind.action_id else (), ind.action_reference)
            for ind in indicators if ind.behind]


def _indicator_message(ind: IndicatorStatus, today: date) -> str:
    where = f"{ind.action_reference} — " if ind.action_reference else ""
    reached = format_percent(Decimal(str(round(ind.achievement, 4))), 0)
    if ind.due_date and today > ind.due_date:
        when = f"échéance du {format_date(ind.due_date)} dépassée"
    elif ind.due_date:
        when = f"en retard sur le rythme attendu avant l'échéance du {format_date(ind.due_date)}"
    else:
        when = "en retard sur le rythme attendu"
    return (f"{where}{ind.name} : {format_measure(ind.latest_value, ind.unit)} pour une cible de"
            f" {format_measure(ind.target, ind.unit)} ({reached} de l'objectif), {when}.")


def cadence_alerts(rows: Iterable[tuple[str, int, int, int]], today: date) -> list[Alert]:
    """rows: (committee name, year, meetings held, minimum per year). Flags the years below the minimum;
    the current year is said "à ce jour"."""
    alerts = []
    for name, year, count, minimum in rows:
        if count >= minimum:
            continue
        so_far = " à ce jour" if year == today.year else ""
        if count == 0:
            text = f"Le {name} ne s'est pas réuni en {year}{so_far} (minimum {minimum})."
        else:
            text = f"Le {name} s'est réuni {count} fois en {year}{so_far} (minimum {minimum})."
        alerts.append(Alert("cadence", text))
    return alerts

