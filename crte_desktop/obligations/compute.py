"""Gathering the obligations of one contract as of a day (``domain.obligations`` judges each one).

Years covered: last year (what is still late), this year and next year, within the contract's period when
it is known. Reads only; takes a Store (on a worker thread, a reader: ``Store.reader()``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crte_desktop.db.queries import dashboard as dq
from crte_desktop.db.queries import obligation as q
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.dates import format_date, from_iso
from crte_desktop.domain.enums import FinancingStatus
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.lapse import at_risk, lapse_date
from crte_desktop.domain.obligations import (FIRST_YEAR_2024_RULES, Calendar, Obligation, ObligationKind,
                                             copil_obligation, next_yearly_date, revue_obligation)


def years_covered(contract, today: date) -> list[int]:
    first, last = today.year - 1, today.year + 1
    if contract is not None and contract.start_year:
        first = max(first, contract.start_year)
        last = min(last, contract.start_year + (contract.duration_years or 6) - 1)
    return list(range(first, last + 1))


def obligations_of(store: Store, contract_id: int, today: date) -> Calendar:
    contract = ContractRepository(store).contract(contract_id)
    years = years_covered(contract, today)
    calendar = Calendar(today)
    items = calendar.obligations

    held, planned = (list(map(from_iso, dates)) for dates in q.copil_dates(store, contract_id))
    campaigns = q.campaigns_by_year(store, contract_id)
    for year in years:
        if year < FIRST_YEAR_2024_RULES:
            continue
        items.append(copil_obligation(year, held, planned))
        items.append(revue_obligation(year, [(n, o, i) for y, n, o, i in campaigns if y == year]))

    for _id, _scheme_id, funder, scheme, department, month, day, note in q.deposit_deadlines(store):
        due = next_yearly_date(month, day, today)
        where = f" ({department})" if department else ""
        items.append(Obligation(ObligationKind.DEPOSIT, f"Dépôt des dossiers {scheme}{where}", due,
                                detail=note or f"Date limite de dépôt des demandes de {scheme} ({funder})",
                                uid=f"depot-{_id}-{due.year}", missed_is_late=False))

    for (line_id, action_id, reference, scheme, decided, months, status, granted, paid, started,
         _payments) in q.lapse_candidates(store, contract_id):
        line = FinancingLine(action_id, 0, status=FinancingStatus.from_code(status), decision_date=from_iso(decided),
                             granted=Decimal(granted) / 100 if granted else None,
                             paid=Decimal(paid) / 100 if paid else None, works_start_date=from_iso(started), id=line_id)
        due = lapse_date(line, months)
        if due is None or not at_risk(line) or due.year < today.year - 1:
            continue
        items.append(Obligation(ObligationKind.LAPSE, f"Caducité {scheme} — action {reference}", due,
                                detail=f"Décision du {format_date(line.decision_date)} : les travaux doivent commencer "
                                       f"avant le {format_date(due)} (délai de {months} mois).",
                                action_ids=(action_id,), uid=f"caducite-{line_id}"))

    this_year = [y for y in years if y <= today.year]
    if this_year:
        for name, year, count, minimum in dq.committee_cadence(store, contract_id, this_year[0], today.year):
            if year < today.year and count >= minimum:
                continue  # a past year that met its cadence says nothing more
            items.append(Obligation(ObligationKind.CADENCE, f"{name} : {minimum} séance{'s' if minimum > 1 else ''} "
                                    f"en {year}", date(year, 12, 31), done=count >= minimum,
                                    detail=f"{count} tenue{'s' if count > 1 else ''} sur {minimum}",
                                    uid=f"rythme-{name}-{year}"))
    for meeting_id, committee, _kind, day in q.upcoming_meetings(store, contract_id, today.isoformat()):
        items.append(Obligation(ObligationKind.MEETING, f"Séance du {committee}", from_iso(day),
                                detail=f"{committee}, le {format_date(from_iso(day))}", uid=f"seance-{meeting_id}"))
    return calendar
