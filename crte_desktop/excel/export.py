"""Export of the dashboard workbook: Synthèse, Actions, Financements, Indicateurs, Tableaux croisés, Parts vertes and two hidden sheets.

The file is written beside the target then renamed, so that a failed or cancelled export leaves
no half-written workbook (and an existing file untouched).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from crte_desktop import __version__
from crte_desktop.domain.errors import DomainError
from crte_desktop.reports.files import write_atomically
from crte_desktop.excel import workbook_data
from crte_desktop.dashboard.green import green_shares
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.excel.cross_sheet import write_cross_sheet
from crte_desktop.excel.green_sheet import write_green_sheet
from crte_desktop.excel.layout import DATA_SHEETS, FORMAT_VERSION, ROWS_HEADER, SHEET_IDS
from crte_desktop.excel.sheet_writer import (BOLD, header_cells, list_ranges, safe_text_cell, styled_cell,
                                            write_data_sheet, write_lists_sheet)


@dataclass
class ExportResult:
    path: Path
    contract_name: str
    counts: dict[str, int]  # sheet → rows
    seconds: float

    def summary(self) -> str:
        parts = ", ".join(f"{n} ligne{'s' if n > 1 else ''} « {sheet} »" for sheet, n in self.counts.items())
        took = f"{self.seconds:.1f}".replace(".", ",")  # French decimal comma
        return f"Classeur « {self.path.name} » écrit ({parts}) en {took}\u00a0s."


def export_workbook(store, out: Path | str, contract_id: int | None = None, *,
                    today: date | None = None, charts: bool = True, control=None) -> ExportResult:
    """Write the workbook of one contract (the first when ``contract_id`` is None) to ``out``."""
    started = time.perf_counter()
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError(f"Le classeur doit avoir l'extension .xlsx (« {out.name} »).")
    if not out.parent.is_dir():
        raise DomainError(f"Le dossier « {out.parent} » n'existe pas.")
    if contract_id is None:
        contract_id = workbook_data.default_contract_id(store)
    exported_at = datetime.now().replace(microsecond=0)
    today = today or exported_at.date()
    data = workbook_data.load(store, contract_id, today)
    if control is not None:
        control.check()

    wb = Workbook(write_only=True)
    try:
        _build(wb, store, data, today, exported_at, charts, control)
        _save_atomically(wb, out)
    except BaseException:
        _discard(wb)
        raise
    return ExportResult(out, data.contract.name, {l.name: len(data.rows[l.name]) for l in DATA_SHEETS},
                        time.perf_counter() - started)


def _build(wb, store, data, today: date, exported_at: datetime, charts: bool, control) -> None:
    from crte_desktop.excel.synthese import write_summary_sheet  # matplotlib is imported only when exporting

    write_summary_sheet(wb, store, data, today, exported_at, charts=charts)
    lists = data.lists.as_dict()
    ranges = list_ranges(lists)
    snapshots = {layout.name: write_data_sheet(wb, layout, data.rows[layout.name], data.contract.name, exported_at,
                                               ranges, control) for layout in DATA_SHEETS}
    write_cross_sheet(wb, default_cross_tables(store, data.contract.id, today), data.contract.name, exported_at)
    write_green_sheet(wb, green_shares(store, DashboardFilter(data.contract.id), today), data.contract.name, exported_at)
    write_lists_sheet(wb, lists)  # after the data sheets, so that the visible tabs come first
    _write_ids_sheet(wb, data, exported_at, snapshots)
    if control is not None:
        control.check()


def default_cross_tables(store, contract_id: int, today: date) -> list:
    """The cross tables of the workbook: granted and paid by year × EPCI territory, granted by scheme × year."""
    from crte_desktop.dashboard.cross import cross_table
    from crte_desktop.domain.enums import Stage

    f = DashboardFilter(contract_id)
    return [cross_table(store, f, rows, columns, stage, today) for rows, columns, stage in
            (("year", "territory", Stage.GRANTED), ("year", "territory", Stage.PAID), ("scheme", "year", Stage.GRANTED))]


def _discard(wb) -> None:
    """Close the streamed sheets of an abandoned workbook (their writers hold open XML elements)."""
    for ws in wb.worksheets:
        if not ws.closed:
            with contextlib.suppress(Exception):
                ws.close()


def _write_ids_sheet(wb, data: workbook_data.WorkspaceData, exported_at: datetime,
                     snapshots: dict[str, list[str]], extra_meta: dict[str, str] | None = None) -> None:
    ws = wb.create_sheet(SHEET_IDS)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True  # no password: it only prevents an edit by mistake
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 40
    ws.append(header_cells(ws, ["Clé", "Valeur"]))
    meta = {
        "format_version": FORMAT_VERSION,
        "application": f"CRTE Desktop {__version__}",
        "workspace_uuid": data.workspace_uuid,
        "contract_uuid": data.contract.uuid,
        "contract_name": data.contract.name,
        "exported_at": exported_at.isoformat(),
        **(extra_meta or {}),
    }
    for key, value in meta.items():
        ws.append([key, safe_text_cell(ws, value) if isinstance(value, str) else value])
    ws.append([])
    bold = [styled_cell(ws, font=BOLD) for _ in ROWS_HEADER]
    for cell, text in zip(bold, ROWS_HEADER):
        cell.value = text
    ws.append(bold)
    for layout in DATA_SHEETS:
        for excel_row, (row, snap) in enumerate(zip(data.rows[layout.name], snapshots[layout.name]), start=2):
            ws.append([layout.name, row.ident, row.version, excel_row, snap])


def _save_atomically(wb, out: Path) -> None:
    write_atomically(out, lambda tmp: wb.save(tmp))
