"""The figures of each contract of a workspace (``crte-desktop summary``), as French plain text.

Every figure comes from ``db.summary_queries``; this module only lays them out.
"""

from __future__ import annotations

from datetime import date

from crte_desktop.db.queries import summary as q
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.enums import FinancingCategory, Stage
from crte_desktop.domain.money import format_amount, from_cents
from crte_desktop.summary.table import format_table

STAGE_HEADERS = [s.label for s in Stage]  # Prévisionnel, Sollicité, Accordé, Versé

# Tables of financing per stage: (group of summary_queries, title, header of the label column)
GROUP_TABLES = [
    ("funder", "Par financeur", "Financeur"),
    ("scheme", "Par dispositif", "Financeur — dispositif"),
    ("year", "Par année", "Année"),
    ("category", "Par catégorie", "Catégorie"),
    ("owner", "Par maître d'ouvrage", "Maître d'ouvrage"),
    ("territory", "Par territoire EPCI", "Territoire"),
]

OUTSIDE_EPCI = "(hors EPCI)"


def euros(cents: int | None) -> str:
    return format_amount(from_cents(cents or 0))


def summary_lines(store: Store, today: date | None = None) -> list[str]:
    today = today or date.today()
    contracts = ContractRepository(store).contracts()
    short_names = {o.id: o.label for o in DirectoryRepository(store).organisations()}
    lines = [f"Synthèse de « {store.path.name} » au {today.strftime('%d/%m/%Y')}"]
    if not contracts:
        lines += ["", "Aucun contrat dans cet espace de travail."]
    for contract in contracts:
        lines += [""] + contract_lines(store.conn, contract, today, short_names)
    return lines


def contract_lines(conn, contract: Contract, today: date, short_names: dict[int, str]) -> list[str]:
    cid = contract.id
    period = f" ({contract.start_year}-{contract.end_year})" if contract.start_year else ""
    title = f"{contract.name}{' — ' + contract.territory if contract.territory else ''}{period}"
    lines = [title, "=" * len(title)]

    statuses = q.actions_by_status(conn, cid, today.isoformat())
    count = q.action_count(conn, cid)
    lines.append(f"Actions : {count}")
    lines += format_table(["Statut", "Actions"], [[label, str(n)] for _code, label, n in statuses])
    lines.append("  (« En retard » : actions ouvertes dont la date de fin est passée, comptées à part.)")

    cost, without_cost = q.cost_total(conn, cid)
    note = f" ({without_cost} action{'s' if without_cost > 1 else ''} sans coût renseigné)" if without_cost else ""
    lines += ["", f"Coût total des actions : {euros(cost)}{note}"]

    total = q.financing_total(conn, cid)
    lines += ["", "Financements par étape"]
    lines += format_table(["", *STAGE_HEADERS], [["Total", *(euros(v) for v in total.cents)]])

    for group, heading, label_header in GROUP_TABLES:
        sums = q.financing_by(conn, cid, group)
        rows = [[_label(group, s), *(euros(v) for v in s.cents)] for s in sums]
        lines += ["", heading]
        lines += format_table([label_header, *STAGE_HEADERS], rows) if rows else ["  Aucun financement."]

    cross = q.financing_cross(conn, cid, "year", "territory")
    for stage, heading in ((Stage.GRANTED, "Montants accordés par année et par territoire EPCI"),
                           (Stage.PAID, "Montants versés par année et par territoire EPCI")):
        lines += ["", heading]
        lines += _cross_table(cross, stage, short_names) if cross else ["  Aucun financement."]
    return lines


def _label(group: str, sums: q.StageSums) -> str:
    if group == "category":
        try:
            return FinancingCategory.from_code(sums.label).label
        except ValueError:
            return str(sums.label)
    return str(sums.label)


def _cross_table(cross: list[tuple[q.StageSums, q.StageSums]], stage: Stage,
                 short_names: dict[int, str]) -> list[str]:
    """Years down, territories across (as the contracts' own tables), with totals both ways."""
    index = list(Stage).index(stage)
    years: dict[object, str] = {}
    territories: dict[object, str] = {}
    cells: dict[tuple, int] = {}
    for row, cell in cross:
        years.setdefault(row.key, row.label)
        territories.setdefault(cell.key, cell.label)
        cells[(row.key, cell.key)] = cell.cents[index]
    order = sorted(territories, key=lambda k: (k is None, str(territories[k]).casefold()))
    headers = [short_names.get(t, territories[t]) if t is not None else OUTSIDE_EPCI for t in order]
    rows = []
    for year, label in years.items():
        values = [cells.get((year, t), 0) for t in order]
        rows.append([label, *(euros(v) for v in values), euros(sum(values))])
    totals = [sum(cells.get((y, t), 0) for y in years) for t in order]
    rows.append(["TOTAL", *(euros(v) for v in totals), euros(sum(totals))])
    return format_table(["Année", *headers, "Total"], rows)
