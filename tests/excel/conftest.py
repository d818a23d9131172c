"""A small workspace built through the repositories and the action service, and workbook helpers."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, OrgKind
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.excel.export import export_workbook
from tests.in_transaction import InTransaction

D = Decimal


class Directory:
    """Funder and scheme ids of the seeded reference data, by name."""

    def __init__(self, store):
        repo = InTransaction(DirectoryRepository(store))
        self.funders = {f.name: f.id for f in repo.funders()}
        self.schemes = {(s.funder_id, s.name): s.id for s in repo.schemes()}

    def line(self, funder: str, scheme: str | None = None, **kw) -> FinancingLine:
        fid = self.funders[funder]
        return FinancingLine(action_id=None, funder_id=fid, scheme_id=self.schemes[(fid, scheme)] if scheme else None,
                             **kw)


def build_contract(store, *args, **kwargs):
    """``_build_contract`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build_contract(store, *args, **kwargs)


def _build_contract(store, name: str = "CRTE du Test") -> int:
    repo = ContractRepository(store)
    contract = Contract(name=name, territory="Arrondissement de Test", start_year=2021)
    repo.save_contract(contract)
    volet = Section(contract_id=contract.id, title="Transition écologique")
    repo.save_section(volet)
    repo.save_section(Section(contract_id=contract.id, title="Mobilité durable", parent_id=volet.id))
    return contract.id


def add_action(store, contract_id: int, reference: str, title: str, *, lines=(), indicators=(), **fields) -> int:
    service = ActionService(store)
    bundle = ActionBundle(Action(contract_id=contract_id, reference=reference, title=title, **fields),
                          list(lines), list(indicators), full_assessment([]))
    service.save(bundle)
    return bundle.action.id


def build_sample(store, *args, **kwargs):
    """``_build_sample`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build_sample(store, *args, **kwargs)


def _build_sample(store) -> int:
    """Three actions of one contract, with financing lines and indicators."""
    cid = build_contract(store)
    d = Directory(store)
    owner = Organisation(name="Commune de Testville", kind=OrgKind.COMMUNE)
    DirectoryRepository(store).save_organisation(owner)
    section = ContractRepository(store).sections(cid)[1].id
    add_action(store, cid, "2021-1", "Piscine intercommunale", section_id=section, owner_id=owner.id,
               status=ActionStatus.EN_COURS, progress=30, start_date=date(2021, 3, 1), end_date=date(2030, 12, 31),
               total_cost=D("1000000.00"), inscription_year=2021,
               lines=[d.line("État", "DSIL", year=2021, planned=D("300000.00"), requested=D("300000.00"),
                             granted=D("250000.00"), paid=D("100000.00"), status=FinancingStatus.VERSE_PARTIEL,
                             category=FinancingCategory.CONTRACTUALISE, decision_date=date(2021, 6, 15)),
                      d.line("Région Hauts-de-France", "Aide régionale", year=2022, planned=D("150000.00"),
                             category=FinancingCategory.VALORISE)],
               indicators=[Indicator(contract_id=cid, name="Fréquentation annuelle", unit="entrées", baseline=0.0,
                                     target=50000.0, due_date=date(2026, 12, 31),
                                     measurements=[Measurement(date(2023, 12, 31), 12000.0)])])
    add_action(store, cid, "2021-2", "Pistes cyclables", status=ActionStatus.A_VENIR, total_cost=D("250000.50"),
               lines=[d.line("ADEME", "AAP vélo et territoires", year=2021, planned=D("50000.25"),
                             category=FinancingCategory.FRANCE_RELANCE)])
    add_action(store, cid, "2022-1", "Rénovation de l'école", status=ActionStatus.REALISEE, progress=100,
               total_cost=None)
    return cid


@pytest.fixture
def sample(tmp_path):
    """(store, contract id) of the sample workspace."""
    store = Store.create(tmp_path / "espace.crte")
    cid = build_sample(store)
    yield store, cid
    store.close()


def export(store, tmp_path: Path, name: str = "export.xlsx", contract_id: int | None = None, charts=False) -> Path:
    out = tmp_path / name
    export_workbook(store, out, contract_id, charts=charts)
    return out


def edit(path: Path, change, name: str = "modifie.xlsx") -> Path:
    """Open the workbook with openpyxl as a partner's program would, change it, save it under ``name``."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    out = path.with_name(name)
    wb.save(out)
    return out


def rows(path: Path, sheet: str) -> list[dict]:
    """The rows of a data sheet as {header: value}, read with openpyxl (cached values)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[sheet]
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:] if any(v is not None for v in r)]


def find_row(ws, header: str, value) -> int:
    """The number of the first row whose ``header`` column holds ``value``."""
    col = column_of(ws, header)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    raise LookupError(value)


def column_of(ws, header: str) -> int:
    for c in range(1, ws.max_column + 1):
        if ws.cell(1, c).value == header:
            return c
    raise LookupError(header)


def set_cell(ws, reference: str, header: str, value, key_header: str = "Référence") -> None:
    ws.cell(find_row(ws, key_header, reference), column_of(ws, header)).value = value


def copy_file(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst
