"""The rows of the workbook's data sheets, read from the workspace.

The export writes these rows; the re-import compares the edited workbook with them (they are the
current values of the application), so both sides use the same column values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from crte_desktop.db.queries.action_table import lever_names_by_action
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.directory import FondsVertMesure, Funder, Scheme
from crte_desktop.domain.enums import LATE_LABEL, FinancingCategory, FinancingStatus, Phase
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.financing import compute_totals
from crte_desktop.domain.lapse import lapse_date
from crte_desktop.excel.layout import ACTIONS, FINANCING, INDICATORS


@dataclass
class DataRow:
    ident: str  # stable identifier written beside the row: "A12", "F345", "I6"
    entity_id: int
    version: int  # row_version when read
    values: dict[str, object]  # column key → logical value
    action_id: int | None = None  # the action a financing line or an indicator belongs to


@dataclass
class ChoiceLists:
    """The values offered by the drop-down lists, in display order."""

    action_status: list[str]
    phase: list[str]
    funder: list[str]
    scheme: list[str]
    category: list[str]
    financing_status: list[str]
    mesure: list[str] = field(default_factory=list)  # Fonds vert mesures

    def as_dict(self) -> dict[str, list[str]]:
        return {"action_status": self.action_status, "phase": self.phase, "funder": self.funder,
                "scheme": self.scheme, "category": self.category, "financing_status": self.financing_status,
                "mesure": self.mesure}


@dataclass
class WorkspaceData:
    workspace_uuid: str
    contract: Contract
    rows: dict[str, list[DataRow]]  # sheet name → rows in display order
    lists: ChoiceLists
    funders: list[Funder]
    schemes: list[Scheme]
    status_labels: dict[str, str]  # action status code → label (as the user named them)
    mesures: list[FondsVertMesure] = field(default_factory=list)
    _by_ident: dict[str, DataRow] = field(default_factory=dict, repr=False)

    def row(self, ident: str) -> DataRow | None:
        if not self._by_ident:
            self._by_ident = {r.ident: r for rows in self.rows.values() for r in rows}
        return self._by_ident.get(ident)

    @property
    def action_references(self) -> dict[str, int]:
        """Reference (case-folded) → action id."""
        return {r.values["reference"].casefold(): r.entity_id for r in self.rows[ACTIONS.name]}


def natural_key(reference: str) -> list:
    """"2021-2" sorts before "2021-10"."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t.casefold()) for t in re.split(r"(\d+)", reference) if t]


def default_contract_id(store) -> int:
    contracts = ContractRepository(store).contracts()
    if not contracts:
        raise DomainError("L'espace de travail ne contient aucun contrat.")
    return contracts[0].id


def load(store: Store, contract_id: int, today: date | None = None) -> WorkspaceData:
    """Every row of the data sheets for one contract, with the values the workbook shows.

    ``store``: an open ``Store`` (on a worker thread, one opened there)."""
    reader = store
    today = today or date.today()
    contract = ContractRepository(reader).contract(contract_id)
    if contract is None:
        raise DomainError(f"Le contrat n° {contract_id} n'existe pas dans cet espace de travail.")
    directory = DirectoryRepository(reader)
    funders = directory.funders()
    schemes = directory.schemes()
    status_labels = {code: label for code, (label, _color) in directory.status_colors().items()}
    public = directory.public_funder_ids()
    own_funds = directory.own_funds_funder_ids()
    funder_name = {f.id: f.name for f in funders}
    scheme_name = {s.id: s.name for s in schemes}
    scheme_lapse = {s.id: s.lapse_months for s in schemes}
    mesures = NationalReferenceRepository(reader).mesures()
    mesure_name = {m.id: m.name for m in mesures}
    sections = {s.id: f"{s.code} {s.title}".strip() for s in ContractRepository(reader).sections(contract_id)}
    owners = {o.id: o.name for o in directory.organisations()}

    actions = sorted(ActionRepository(reader).for_contract(contract_id), key=lambda a: natural_key(a.reference))
    levers = lever_names_by_action(reader, contract_id)
    financing = FinancingRepository(reader).for_contract(contract_id)
    action_rows, financing_rows = [], []
    for a in actions:
        lines = financing.get(a.id, [])
        totals = compute_totals(a.total_cost, lines, public, own_funds)
        action_rows.append(DataRow(f"{ACTIONS.prefix}{a.id}", a.id, a.row_version, {
            "reference": a.reference, "title": a.title, "section": sections.get(a.section_id),
            "owner": owners.get(a.owner_id), "status": status_labels.get(a.status.value, a.status.label),
            "phase": a.phase.label if a.phase else None,
            "progress": a.progress, "start_date": a.start_date, "end_date": a.end_date, "total_cost": a.total_cost,
            "inscription_year": a.inscription_year, "retained": totals.retained,
            "self_financing": totals.self_financing, "levers": "; ".join(levers.get(a.id, [])) or None,
            "situation": LATE_LABEL if a.is_late(today) else status_labels.get(a.status.value, a.status.label),
        }))
        for line in lines:
            financing_rows.append(DataRow(f"{FINANCING.prefix}{line.id}", line.id, line.row_version, {
                "action_ref": a.reference, "action_title": a.title, "funder": funder_name.get(line.funder_id),
                "scheme": scheme_name.get(line.scheme_id), "category": line.category.label, "year": line.year,
                "planned": line.planned, "requested": line.requested, "granted": line.granted, "paid": line.paid,
                "status": line.status.label, "decision_date": line.decision_date,
                "mesure": mesure_name.get(line.mesure_id), "ds_number": line.ds_number or None,
                "lapse_date": lapse_date(line, scheme_lapse.get(line.scheme_id)), "comment": line.comment,
            }, action_id=a.id))

    order = {a.id: i for i, a in enumerate(actions)}
    reference = {a.id: a.reference for a in actions}
    indicators = sorted(IndicatorRepository(reader).for_contract(contract_id),
                        key=lambda i: -1 if i.action_id is None else order.get(i.action_id, len(order)))
    indicator_rows = []
    for ind in indicators:
        latest = ind.latest
        indicator_rows.append(DataRow(f"{INDICATORS.prefix}{ind.id}", ind.id, ind.row_version, {
            "action_ref": reference.get(ind.action_id), "name": ind.name, "unit": ind.unit,
            "baseline": ind.baseline, "target": ind.target, "due_date": ind.due_date,
            "last_date": latest.date if latest else None, "last_value": latest.value if latest else None,
            "achievement": ind.achievement,
        }, action_id=ind.action_id))

    lists = ChoiceLists(
        action_status=list(status_labels.values()),
        phase=[p.label for p in Phase],
        funder=[f.name for f in funders],
        scheme=sorted({s.name for s in schemes}, key=str.casefold),
        category=[c.label for c in FinancingCategory],
        financing_status=[s.label for s in FinancingStatus],
        mesure=[m.name for m in mesures],
    )
    return WorkspaceData(store.workspace_uuid, contract,
                         {ACTIONS.name: action_rows, FINANCING.name: financing_rows, INDICATORS.name: indicator_rows},
                         lists, funders, schemes, status_labels, mesures)
