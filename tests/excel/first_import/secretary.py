"""A workspace like a sub-prefecture's, and spreadsheets like the ones its secretary keeps by hand:
a title row, merged header cells over a second header row, French amounts typed as text next to real
numbers, dates as text and as dates, a formula, an empty row, a totals row at the bottom."""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import ActionStatus, OrgKind
from crte_desktop.editing.actions import ActionBundle, ActionService

D = Decimal


@dataclass
class Valenciennois:
    contract_id: int
    sections: dict[str, int]  # code → id
    organisations: dict[str, int]  # short name → id
    existing: int  # the action 2021-1, which the file updates


def build_workspace(store, *args, **kwargs):
    """``_build_workspace`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build_workspace(store, *args, **kwargs)


def _build_workspace(store) -> Valenciennois:
    contracts = ContractRepository(store)
    contract = Contract(name="CRTE du Valenciennois", territory="Arrondissement de Valenciennes", start_year=2021,
                        level_names=["Axe", "Orientation"])
    contracts.save_contract(contract)
    axe1 = Section(contract.id, "Transition écologique")
    contracts.save_section(axe1)
    contracts.save_section(Section(contract.id, "Mobilité durable", parent_id=axe1.id, position=0))
    contracts.save_section(Section(contract.id, "Rénovation énergétique", parent_id=axe1.id, position=1))
    contracts.save_section(Section(contract.id, "Cohésion territoriale", position=1))
    sections = {s.code: s.id for s in contracts.sections(contract.id)}
    directory = DirectoryRepository(store)
    orgs = {}
    for name, short, kind in (("Commune de Valenciennes", "Valenciennes", OrgKind.COMMUNE),
                              ("Commune de Denain", "Denain", OrgKind.COMMUNE),
                              ("Valenciennes Métropole", "CAVM", OrgKind.EPCI)):
        org = Organisation(name, kind, short)
        directory.save_organisation(org)
        orgs[short] = org.id
    bundle = ActionBundle(Action(contract_id=contract.id, reference="2021-1", title="Piscine intercommunale",
                                 section_id=sections["1"], status=ActionStatus.A_VENIR, total_cost=D("900000.00"),
                                 inscription_year=2021), [], [], full_assessment([]))
    ActionService(store).save(bundle)
    return Valenciennois(contract.id, sections, orgs, bundle.action.id)


TITLE = "Suivi des projets du CRTE du Valenciennois — mise à jour du 01/03/2024"
TOP = ["N°", "Intitulé du projet", "Axe", "Maître d'ouvrage", "Coût total HT", "Financements", None, None,
       "Avancement", "État d'avancement", "Date de fin", "Année", "Observations"]
SUB = [None, None, None, None, None, "DSIL sollicité", "DETR accordé", "Région", None, None, None, None, None]

ROWS = [  # from row 5
    ["2021-1", "Piscine intercommunale", "1.1", "Valenciennes", 1000000, "300 000 €", None, 150000, 0.45,
     "En cours", "31/12/2025", 2021, "Tranche 1 livrée"],
    ["2022-3", "Pistes cyclables de Denain", "Axe 1 - Transition écologique", "Commune de Denain", "250 000,00 €",
     "50 000,00 €", 40000, None, "45 %", "À venir", datetime(2026, 6, 30), 2022, None],
    ["2022-4", "Rénovation de l'école Jean Jaurès", "1.2", "CAVM", "=120000+30000", None, "1 234,50 €", None, 0,
     "en étude", "30/09/2024", 2022, None],
    [None] * 13,  # an empty row
    [None, "Maison de santé de Prouvy", "2", "Commune de Prouvy", 800000, None, None, "200 000", None, None, None,
     2023, "Porteur à ajouter à l'annuaire"],
    [None, "Total", None, None, "=SUM(E5:E9)", None, None, None, None, None, None, None, None],
]
CACHED = {"E7": "150000", "E10": "2200000"}  # what a spreadsheet program would have computed


def write_workbook(path: Path, rows=None, *, top=None, sub=None, cached=None, notes_sheet=True) -> Path:
    """The secretary's tracking file. ``rows`` replaces the data rows (from row 5)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if notes_sheet:
        ws.title = "Notes"
        ws["A1"] = "Fichier tenu par le secrétariat du CRTE. Ne pas diffuser."
        ws = wb.create_sheet("Programme")
    else:
        ws.title = "Programme"
    top, sub = top or TOP, sub if sub is not None else SUB
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(top))
    for c, (a, b) in enumerate(zip(top, sub), start=1):
        if a is not None:
            ws.cell(3, c, a).font = Font(bold=True)
        if b is not None:
            ws.cell(4, c, b).font = Font(bold=True)
        if a is not None and b is None and sub:
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    if sub and "Financements" in top:
        first = top.index("Financements") + 1
        ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=first + 2)
        ws.cell(3, first).alignment = Alignment(horizontal="center")
    for r, values in enumerate(ROWS if rows is None else rows, start=5 if sub else 4):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(r, c, value)
    wb.save(path)
    return with_cached_values(path, "Programme", CACHED if cached is None else cached)


def with_cached_values(path: Path, sheet: str, values: dict[str, str]) -> Path:
    """Give formulas the value a spreadsheet program computes and saves (openpyxl writes none)."""
    if not values:
        return path
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        data = {n: zf.read(n) for n in names}
    index = openpyxl.load_workbook(path, read_only=True).sheetnames.index(sheet) + 1
    member = f"xl/worksheets/sheet{index}.xml"
    xml = data[member].decode()
    for ref, value in values.items():
        xml = re.sub(rf'(<c r="{ref}"[^>]*>)<f>(.*?)</f><v\s*(?:/>|></v>)', rf"\1<f>\2</f><v>{value}</v>", xml)
    data[member] = xml.encode()
    tmp = Path(tempfile.mkdtemp()) / path.name
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in names:
            zf.writestr(n, data[n])
    shutil.move(tmp, path)
    return path


TODAY = date(2024, 3, 1)


def simple_workbook(path: Path, headers: list, rows: list[list], sheet: str = "Actions") -> Path:
    """A plain table: headers in row 1, rows from row 2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path
