"""Cross tables (``dashboard.cross``) as a sheet of real numbers: in the dashboard workbook, or alone in a
workbook of their own (the dashboard's « Exporter » button)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from crte_desktop.dashboard.cross import DIMENSIONS, CrossTable
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.money import from_cents
from crte_desktop.excel.layout import NUMBER_FORMATS, SHEET_CROSS, Kind
from crte_desktop.excel.sheet_writer import BOLD, TITLE_FONT, header_cells, print_setup, safe_text_cell, styled_cell


def write_cross_sheet(wb, tables: list[CrossTable], contract_name: str, exported_at: datetime,
                      name: str = SHEET_CROSS) -> None:
    """One sheet holding the tables one under the other: title, header, rows, TOTAL row and column."""
    ws = wb.create_sheet(name)
    print_setup(ws, contract_name, exported_at, repeat_header=False)
    widest = max((len(t.columns) for t in tables), default=0)
    ws.column_dimensions["A"].width = 42
    for i in range(widest + 1):
        ws.column_dimensions[_letter(i + 2)].width = 17
    money = (ws, None)
    bold_money = (ws, BOLD)
    title = styled_cell(ws, font=TITLE_FONT)
    title.value = safe_text_cell(ws, contract_name)
    ws.append([title])
    for table in tables:
        heading = styled_cell(ws, font=BOLD)
        heading.value = table.title
        ws.append([])
        ws.append([heading])
        if table.is_empty:
            ws.append(["Aucun financement."])
            continue
        ws.append(header_cells(ws, [DIMENSIONS[table.rows_dim], *(label for _, label in table.columns), "Total"]))
        for key, label in table.rows:
            values = [table.value(key, c) for c, _ in table.columns] + [table.row_total(key)]
            ws.append([safe_text_cell(ws, label), *(_money(money, v) for v in values[:-1]),
                       _money(bold_money, values[-1])])
        totals = [table.column_total(c) for c, _ in table.columns] + [table.total]
        total_label = styled_cell(ws, font=BOLD)
        total_label.value = "TOTAL"
        ws.append([total_label, *(_money(bold_money, v) for v in totals)])


def export_cross_table(table: CrossTable, out: Path | str, contract_name: str) -> Path:
    """Write one cross table to a workbook of its own (written beside the target, then renamed)."""
    from crte_desktop.excel.export import _discard, _save_atomically

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError(f"Le classeur doit avoir l'extension .xlsx (« {out.name} »).")
    if not out.parent.is_dir():
        raise DomainError(f"Le dossier « {out.parent} » n'existe pas.")
    wb = Workbook(write_only=True)
    try:
        write_cross_sheet(wb, [table], contract_name, datetime.now().replace(microsecond=0))
        _save_atomically(wb, out)
    except BaseException:
        _discard(wb)
        raise
    return out


def _money(kind: tuple, cents: int):
    """A money cell (a fresh one: a row may hold several)."""
    ws, font = kind
    cell = styled_cell(ws, number_format=NUMBER_FORMATS[Kind.MONEY], font=font)
    cell.value = from_cents(cents)
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
