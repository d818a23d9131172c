"""The figures of each contract of a workspace (``crte-desktop summary``), as French plain text.

Every figure comes from ``db.summary_queries``; this module only lays them out.
"""

from __future__ import annotations

from datetime import date

from crte_desktop.dashboard.cross import DIMENSIONS, IN_TEXT, CrossTable, cross_table
from crte_desktop.dashboard.green import green_shares
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.queries import summary as q
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.enums import FinancingCategory, Stage
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.money import format_amount, format_percent, from_cents
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
    own = tuple(sorted(DirectoryRepository(store).own_funds_funder_ids()))
    lines = [f"Synthèse de « {store.path.name} » au {today.strftime('%d/%m/%Y')}"]
    if not contracts:
        lines += ["", "Aucun contrat dans cet espace de travail."]
    for contract in contracts:
        lines += [""] + contract_lines(store, contract, today, short_names, own)
    return lines


def contract_lines(store: Store, contract: Contract, today: date, short_names: dict[int, str],
                   own_funder_ids: tuple[int, ...] = ()) -> list[str]:
    cid = contract.id
    period = f" ({contract.start_year}-{contract.end_year})" if contract.start_year else ""
    title = f"{contract.name}{' — ' + contract.territory if contract.territory else ''}{period}"
    lines = [title, "=" * len(title)]

    statuses = q.actions_by_status(store, cid, today.isoformat())
    count = q.action_count(store, cid)
    lines.append(f"Actions : {count}")
    lines += format_table(["Statut", "Actions"], [[label, str(n)] for _code, label, n in statuses])
    lines.append("  (« En retard » : actions ouvertes dont la date de fin est passée, comptées à part.)")

    cost, without_cost = q.cost_total(store, cid)
    note = f" ({without_cost} action{'s' if without_cost > 1 else ''} sans coût renseigné)" if without_cost else ""
    lines += ["", f"Coût total des actions : {euros(cost)}{note}"]

    # the owner's own funds are self-financing, not amounts requested, granted or paid by a funder: the tables
    # by funder, scheme, year… count the funders' lines only, as the dashboard's tiles and cross tables do
    external = q.Scope(cid, own_funder_ids=own_funder_ids).external("f")
    funders = q.financing_total(store, cid, *external)
    total = q.financing_total(store, cid)
    own = [t - f for t, f in zip(total.cents, funders.cents)]
    lines += ["", "Financements par étape"]
    rows = [["Financeurs", *(euros(v) for v in funders.cents)]]
    if any(own):
        rows += [["Autofinancement (lignes du plan)", *(euros(v) for v in own)],
                 ["Total du plan de financement", *(euros(v) for v in total.cents)]]
    lines += format_table(["", *STAGE_HEADERS], rows)

    for group, heading, label_header in GROUP_TABLES:
        sums = q.financing_by(store, cid, group, *external)
        rows = [[_label(group, s), *(euros(v) for v in s.cents)] for s in sums]
        lines += ["", f"{heading}{' (hors autofinancement)' if own_funder_ids else ''}"]
        lines += format_table([label_header, *STAGE_HEADERS], rows) if rows else ["  Aucun financement."]

    lines += [""] + green_lines(store, cid, today)

    cross = q.financing_cross(store, cid, "year", "territory", *external)
    for stage, heading in ((Stage.GRANTED, "Montants accordés par année et par territoire EPCI"),
                           (Stage.PAID, "Montants versés par année et par territoire EPCI")):
        lines += ["", heading]
        lines += _cross_table(cross, stage, short_names) if cross else ["  Aucun financement."]
    return lines


def green_lines(store: Store, contract_id: int, today: date) -> list[str]:
    """« Parts vertes des dotations »: per year and dotation, granted, favourable, share, threshold, verdict."""
    shares = green_shares(store, DashboardFilter(contract_id), today)
    lines = ["Parts vertes des dotations (montants accordés à des projets favorables à l'environnement)"]
    if not shares:
        return lines + ["  Aucun montant accordé en DSIL, DSID, DETR ou FNADT."]
    rows = [[str(s.year), s.scheme, format_amount(s.granted), format_amount(s.favourable), format_percent(s.share),
             f"{s.threshold} %" if s.threshold is not None else "—", s.verdict.upper() if s.below else s.verdict]
            for s in shares]
    lines += format_table(["Année", "Dotation", "Accordé", "Dont favorable", "Part verte", "Seuil", "Situation"], rows,
                          left_columns=2)
    below = [s for s in shares if s.below]
    if below:
        lines.append("  Alerte : " + ", ".join(f"{s.scheme} {s.year}" for s in below) + " sous le seuil.")
    return lines


def cross_lines(table: CrossTable, *, heading: str | None = None) -> list[str]:
    """A cross table as text: the row dimension down, the column dimension across, totals both ways."""
    lines = [heading or table.title]
    if table.is_empty:
        return lines + ["  Aucun financement."]
    rows = [[label, *(euros(table.value(key, c)) for c, _ in table.columns), euros(table.row_total(key))]
            for key, label in table.rows]
    rows.append(["TOTAL", *(euros(table.column_total(c)) for c, _ in table.columns), euros(table.total)])
    return lines + format_table([DIMENSIONS[table.rows_dim], *(label for _, label in table.columns), "Total"], rows)


def cross_report(store: Store, contract_id: int | None, rows_dim: str, columns_dim: str, stage: Stage,
                 per: str | None = None, today: date | None = None) -> list[str]:
    """``summary --cross``: the cross table of each contract (or of one), in blocks per value of ``per``."""
    today = today or date.today()
    contracts = ContractRepository(store).contracts()
    if contract_id is not None:
        contracts = [c for c in contracts if c.id == contract_id]
        if not contracts:
            raise DomainError(f"Aucun contrat n'a l'identifiant {contract_id} dans cet espace de travail.")
    if per is not None and per in (rows_dim, columns_dim):
        raise DomainError("La dimension de découpage (--per) doit différer des lignes et des colonnes.")
    lines = [f"Synthèse de « {store.path.name} » au {today.strftime('%d/%m/%Y')}"]
    for contract in contracts:
        title = f"{contract.name} (contrat {contract.id})"
        lines += ["", title, "=" * len(title)]
        f = DashboardFilter(contract.id)
        whole = cross_table(store, f, rows_dim, columns_dim, stage, today)
        if per is None:
            lines += cross_lines(whole)
            continue
        blocks = cross_table(store, f, per, rows_dim, stage, today)
        for key, label in blocks.rows:
            part = cross_table(store, f, rows_dim, columns_dim, stage, today, fixed={per: key})
            lines += [""] + cross_lines(part, heading=f"{whole.title} — {IN_TEXT[per]} {label}")
        lines += [""] + cross_lines(whole, heading=f"{whole.title} — ensemble")
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
