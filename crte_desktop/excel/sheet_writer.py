"""Writing the sheets of the workbook in openpyxl's write-only (streaming) mode.

Each column gets one styled cell that is reused for every row (its style is looked up once), so
the number formats cost little more than writing bare values. Text a spreadsheet program could take
for a formula (=, +, -, @…) is written as a string cell with Excel's "quote prefix", never as a formula.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from crte_desktop.excel.cells import FORMULA_STARTS, canonical, clean_text, looks_like_formula
from crte_desktop.excel.layout import ID_HEADER, NUMBER_FORMATS, SHEET_LISTS, Column, Kind, SheetLayout

SNAPSHOT_TEXT_LIMIT = 200  # longer texts are kept in the hidden sheet as a digest


def snapshot_text(text: str | None) -> str | None:
    """What the hidden sheet keeps of an exported text (its canonical form) to recognise it on return."""
    if text is not None and len(text) > SNAPSHOT_TEXT_LIMIT:
        return "#" + hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    return text


def snapshot_value(kind: Kind, value) -> str | None:
    """The snapshot of a logical value (what the import compares with the hidden sheet)."""
    return snapshot_text(canonical(kind, value))


def dumps(snapshot: list) -> str:
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2E5E8C")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1B3A57"))
TITLE_FONT = Font(bold=True, size=14, color="1B3A57")
BOLD = Font(bold=True)
MAX_ROW = 1048576
A4 = "9"


class TemplateCell(Cell):
    """A styled cell reused for every row of a column; its style id is looked up once."""

    __slots__ = ("_frozen_style_id",)

    def __repr__(self) -> str:  # openpyxl formats the repr of every cell it is handed: keep it cheap
        return "<TemplateCell>"

    def freeze(self) -> "TemplateCell":
        self._frozen_style_id = Cell.style_id.fget(self)
        return self

    @property
    def style_id(self) -> int:
        return self._frozen_style_id


def styled_cell(ws, *, number_format: str | None = None, font: Font | None = None, fill: PatternFill | None = None,
                alignment: Alignment | None = None, border: Border | None = None, quote: bool = False) -> TemplateCell:
    cell = TemplateCell(ws)
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if alignment:
        cell.alignment = alignment
    if border:
        cell.border = border
    if quote:
        cell.quotePrefix = True
    return cell.freeze()


class RowWriter:
    """Appends rows of logical values to a write-only sheet, one column kind per position.

    ``append`` returns what the hidden sheet keeps of the row (``export.snapshot``), computed from the
    very values written into the cells."""

    def __init__(self, ws, kinds: list[Kind]):
        self.ws = ws
        self.kinds = kinds
        self.formatted = [styled_cell(ws, number_format=NUMBER_FORMATS[k]) if k in NUMBER_FORMATS else None
                          for k in kinds]
        self.quoted = [styled_cell(ws, quote=True) if k in (Kind.TEXT, Kind.CHOICE) else None for k in kinds]
        self.columns = list(zip(kinds, self.formatted, self.quoted))

    def append(self, values, snapshot_columns: int = 0) -> list:
        """Write one row; returns the snapshot values of its first ``snapshot_columns`` columns."""
        row: list[object] = []
        snap: list[object] = []
        for i, ((kind, fmt, quoted), value) in enumerate(zip(self.columns, values)):
            if value is None:
                row.append(None)
                if i < snapshot_columns:
                    snap.append(None)
                continue
            if fmt is None:  # text
                value = clean_text(value)
                if not value:
                    value = None
                    row.append(None)
                elif value.startswith(FORMULA_STARTS):
                    quoted.value = value
                    quoted.data_type = "s"  # openpyxl would make "=…" a formula
                    row.append(quoted)
                else:
                    row.append(value)
                if i < snapshot_columns:
                    snap.append(snapshot_text(value))
                continue
            if i < snapshot_columns:
                snap.append(canonical(kind, value))
            fmt.value = value / 100 if kind is Kind.PERCENT else value
            row.append(fmt)
        self.ws.append(row)
        return snap


def safe_text_cell(ws, text: str):
    """A single text cell (titles, metadata): cleaned of what XML refuses, protected against formula injection."""
    text = clean_text(text)
    if text and looks_like_formula(text):
        cell = styled_cell(ws, quote=True)
        cell.value = text
        cell.data_type = "s"
        return cell
    return text


def header_cells(ws, headers: list[str]) -> list[TemplateCell]:
    cells = []
    for h in headers:
        c = TemplateCell(ws, value=h)
        c.font, c.fill, c.alignment, c.border = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT, HEADER_BORDER
        cells.append(c.freeze())
    return cells


def print_setup(ws, contract_name: str, exported_at: datetime, *, repeat_header: bool = True) -> None:
    """Landscape A4, fitted to the page width, the contract in the header, pages and date in the footer.

    In write-only mode the sheet properties go out with the first row: call this before appending."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.center.text = _header_text(contract_name)
    ws.oddHeader.center.size = 10
    ws.oddHeader.right.text = "&A"
    ws.oddHeader.right.size = 9
    ws.oddFooter.left.text = f"Exporté le {exported_at:%d/%m/%Y à %H:%M}"
    ws.oddFooter.left.size = 9
    ws.oddFooter.right.text = "Page &P / &N"
    ws.oddFooter.right.size = 9
    if repeat_header:
        ws.print_title_rows = "1:1"


def _header_text(text: str) -> str:
    """Header/footer codes start with "&": double a literal one; keep it short enough for Excel (255)."""
    return clean_text(text).replace("\n", " ").replace("&", "&&")[:120]


def write_data_sheet(wb, layout: SheetLayout, rows, contract_name: str, exported_at: datetime,
                     ranges: dict[str, str], control=None) -> list[str]:
    """One data sheet: header, a row per record with its stable identifier in the last (hidden) column.

    Returns each row's snapshot (JSON) for the hidden sheet."""
    ws = wb.create_sheet(layout.name)
    columns = list(layout.columns)
    id_letter = get_column_letter(len(columns) + 1)
    ws.freeze_panes = "B2"
    for i, col in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = col.width
        if col.kind in NUMBER_FORMATS:
            dim.number_format = NUMBER_FORMATS[col.kind]  # new rows typed by partners get it too
    ws.column_dimensions[id_letter].width = 14
    ws.column_dimensions[id_letter].hidden = True
    ws.row_dimensions[1].height = 32
    print_setup(ws, contract_name, exported_at)
    ws.append(header_cells(ws, [c.header for c in columns] + [ID_HEADER]))

    writer = RowWriter(ws, [c.kind for c in columns] + [Kind.TEXT])
    keys = [c.key for c in columns]
    snapshots = []
    width = len(columns)
    for n, row in enumerate(rows):
        if control is not None and n % 2000 == 0:
            control.check()
        values = row.values
        snap = writer.append([values[k] for k in keys] + [row.ident], width)
        snapshots.append(dumps(snap))

    last_row = max(len(rows) + 1, 2)
    ws.auto_filter.ref = f"A1:{id_letter}{last_row}"
    for i, col in enumerate(columns, start=1):
        if col.choices and col.choices in ranges and col.editable:
            ws.data_validations.append(_list_validation(col, ranges[col.choices], get_column_letter(i)))
    ws.print_area = f"A1:{get_column_letter(len(columns))}{last_row}"
    return snapshots


def _list_validation(col: Column, source: str, letter: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                        showErrorMessage=True, errorStyle="stop", errorTitle=col.header[:32],  # Excel's limit
                        error="Choisissez une valeur de la liste.", promptTitle=col.header[:32],
                        prompt="Choisissez dans la liste.", showInputMessage=False)
    dv.add(f"{letter}2:{letter}{MAX_ROW}")
    return dv


def list_ranges(lists: dict[str, list[str]]) -> dict[str, str]:
    """List name → the range of the hidden "Listes" sheet that ``write_lists_sheet`` fills with it."""
    ranges = {}
    for i, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(i)
        ranges[name] = f"{quote_sheetname(SHEET_LISTS)}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def write_lists_sheet(wb, lists: dict[str, list[str]]) -> None:
    """The hidden sheet of drop-down values, one column per list (see ``list_ranges``)."""
    ws = wb.create_sheet(SHEET_LISTS)
    ws.sheet_state = "hidden"
    names = list(lists)
    for i in range(1, len(names) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 30
    ws.append(names)
    depth = max((len(v) for v in lists.values()), default=0)
    for r in range(depth):
        ws.append([safe_text_cell(ws, lists[name][r]) if r < len(lists[name]) else None for name in names])
