"""Writing the sheets of the workbook in openpyxl's write-only (streaming) mode.

Each column gets one styled cell that is reused for every row (its style is looked up once), so
the number formats cost little more than writing bare values. Text a spreadsheet program could take
for a formula (=, +, -, @…) is written as a string cell with Excel's "quote prefix", never as a formula.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from openpyxl.cell.cell import Cell, WriteOnlyCell
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


WRAP = Alignment(wrap_text=True)
LINE_PT = 15  # a line of the default font, in points
PRINTABLE_PX = 1045  # a landscape A4 page between 0.4" margins, at 96 dpi
MIN_SCALE = 75  # below this the printed text is too small: the columns go on to a second page instead
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


def stream_cells_fast(ws) -> None:
    """Let a write-only data sheet take our styled cells without openpyxl's slow path.

    openpyxl's ``_values_to_row`` tries ``cell.value = value`` on every value and only recognises a cell it is
    handed by the exception that raises, then makes a fresh cell for the next value: a wrapped title on every
    row of a 12 500-line sheet cost a third of the export. This generator does the same work with an
    ``isinstance`` test. It replaces the method on this sheet only (no hyperlinks or comments in the data
    sheets); if openpyxl ever renames the method, the sheet keeps openpyxl's own path (slower, same file)."""
    if not callable(getattr(ws, "_values_to_row", None)):
        return

    def values_to_row(values, row_idx):
        plain = WriteOnlyCell(ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = plain
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row


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

    def __init__(self, ws, kinds: list[Kind], wrap_widths: list[float | None] | None = None):
        self.ws = ws
        self.kinds = kinds
        # every cell keeps the default bottom alignment: in a row grown for a wrapped text, the values sit on
        # its last line (a top-aligned text would need a styled cell each, which openpyxl writes much slower)
        self.formatted = [styled_cell(ws, number_format=NUMBER_FORMATS[k]) if k in NUMBER_FORMATS else None
                          for k in kinds]
        self.quoted = [styled_cell(ws, quote=True) if k in (Kind.TEXT, Kind.CHOICE) else None for k in kinds]
        self.columns = list(zip(kinds, self.formatted, self.quoted))
        # a text longer than its column wraps (aligned to the top) when the column is marked ``wrap``
        widths = wrap_widths or [None] * len(kinds)
        self.wrapped = {i: (styled_cell(ws, alignment=WRAP), styled_cell(ws, alignment=WRAP, quote=True),
                            chars_per_line(w)) for i, w in enumerate(widths) if w}
        self._lines: dict[tuple[str, int], int] = {}
        self.lines = 1  # lines of the tallest wrapped cell of the last row measured

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
                wrap = self.wrapped.get(i)
                if wrap is not None and value and len(value) > wrap[2]:
                    cell = wrap[1] if value.startswith(FORMULA_STARTS) else wrap[0]
                    cell._value = value  # already cleaned: openpyxl's own checks would only cost time
                    cell.data_type = "s"
                    row.append(cell)
                elif not value:
                    value = None
                    row.append(None)
                elif value.startswith(FORMULA_STARTS):
                    quoted.value = value
                    quoted.data_type = "s"  # openpyxl would make "=…" a formula
                    row.append(quoted)
                else:  # a bare string: openpyxl's fast path (a styled cell costs it an exception)
                    row.append(value)
                if i < snapshot_columns:
                    snap.append(snapshot_text(value))
                continue
            if i < snapshot_columns:
                snap.append(canonical(kind, value))
            # set directly (the type is known from the column): openpyxl's value checks would only cost time
            fmt._value = value / 100 if kind is Kind.PERCENT else value
            fmt.data_type = "d" if kind is Kind.DATE else "n"
            row.append(fmt)
        self.ws.append(row)
        return snap

    def would_wrap(self, values) -> bool:
        """Whether a wrapped column of this row holds a text longer than one line (cheap: lengths only)."""
        for i, (_a, _b, per_line) in self.wrapped.items():
            value = values[i]
            if value is not None and len(value) > per_line:
                return True
        return False

    def measure(self, values) -> int:
        """The lines of the tallest wrapped cell of a row (its height must be written before the row)."""
        self.lines = 1
        for i, (_a, _b, per_line) in self.wrapped.items():
            value = values[i]
            if value is not None and len(value) > per_line:
                self.lines = max(self.lines, self._count_lines(value, per_line))
        return self.lines

    def _count_lines(self, text: str, per_line: int) -> int:
        key = (text, per_line)
        lines = self._lines.get(key)
        if lines is None:  # the same action title comes back on each of its financing lines
            lines = self._lines[key] = wrapped_lines(text, per_line)
        return lines


def chars_per_line(width: float) -> int:
    """Characters of ordinary text a column ``width`` characters wide holds on one line (a width unit is a
    digit; letters and spaces are narrower on average, and a line breaks before a word that does not fit)."""
    return max(8, int(width * 1.12) - 2)


def wrapped_lines(text: str, per_line: int) -> int:
    """Lines ``text`` takes wrapped at word boundaries, ``per_line`` characters a line."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > per_line:
            lines += 1
            used = 0
        while size > per_line:  # a word longer than the line is broken
            lines += 1
            size -= per_line
        used += size + (1 if used else 0)
    return lines + text.count("\n")


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


def print_setup(ws, contract_name: str, exported_at: datetime, *, repeat_header: bool = True,
                scale: int | None = None, repeat_columns: str | None = None) -> None:
    """Landscape A4, the contract in the header, pages and date in the footer. Without ``scale``, fitted to
    the page width (the Synthèse); with it, printed at that scale, ``repeat_columns`` ("A:B") repeated on each
    page across when the columns need more than one (the data sheets).

    In write-only mode the sheet properties go out with the first row: call this before appending."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    if scale is None:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.page_setup.scale = scale
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        ws.page_setup.pageOrder = "overThenDown"  # a row's columns on consecutive pages
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
    if repeat_columns:
        ws.print_title_cols = repeat_columns


def column_px(width: float) -> float:
    """A column's width on screen and paper at 100 %, in pixels (a width unit is a 7 px digit, plus padding)."""
    return width * 7 + 5


def print_scale(widths: list[float]) -> tuple[int, bool]:
    """(scale in %, whether the columns go on to more than one page across): the whole width on one page
    when that keeps the text at ``MIN_SCALE`` % or more, else ``MIN_SCALE`` % over several pages."""
    fit = PRINTABLE_PX / sum(column_px(w) for w in widths) * 100
    if fit >= MIN_SCALE:
        return min(100, int(fit)), False
    return MIN_SCALE, True


def content_widths(columns, rows, keys) -> list[float]:
    """Each column as wide as its widest value (and its header's longest word), at most its layout width."""
    widths = []
    for col, key in zip(columns, keys):
        values = [r.values[key] for r in rows]
        present = [v for v in values if v is not None]
        header = max(len(w) for w in col.header.split()) + 2
        if col.kind in (Kind.TEXT, Kind.CHOICE):
            needed = max(map(len, map(str, present)), default=0) + 2
        elif col.kind is Kind.MONEY:
            biggest = max(map(abs, present), default=0)
            needed = len(f"{biggest:,.2f}") + 4
        elif col.kind is Kind.DATE:
            needed = 11.5
        elif col.kind in (Kind.PERCENT, Kind.RATIO):
            needed = 8
        elif col.kind is Kind.YEAR:
            needed = 7
        else:
            needed = max((len(f"{v:g}") for v in present), default=0) + 3
        widths.append(min(col.width, max(header, needed, 6)))
    return widths


def _header_text(text: str) -> str:
    """Header/footer codes start with "&": double a literal one; keep it short enough for Excel (255)."""
    return clean_text(text).replace("\n", " ").replace("&", "&&")[:120]


def write_data_sheet(wb, layout: SheetLayout, rows, contract_name: str, exported_at: datetime,
                     ranges: dict[str, str], control=None) -> list[str]:
    """One data sheet: header, a row per record with its stable identifier in the last (hidden) column;
    columns sized to their contents, long texts wrapped in rows tall enough, printed legibly.

    Returns each row's snapshot (JSON, in the layout's column order) for the hidden sheet."""
    ws = wb.create_sheet(layout.name)
    stream_cells_fast(ws)
    columns = list(layout.shown)
    keys = [c.key for c in columns]
    id_letter = get_column_letter(len(columns) + 1)
    widths = content_widths(columns, rows, keys)
    ws.freeze_panes = "C2" if layout.shown[1].wrap else "B2"  # the reference and the title stay in view
    for i, (col, width) in enumerate(zip(columns, widths), start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        if col.kind in NUMBER_FORMATS:
            dim.number_format = NUMBER_FORMATS[col.kind]  # new rows typed by partners get it too
    ws.column_dimensions[id_letter].width = 14
    ws.column_dimensions[id_letter].hidden = True
    ws.row_dimensions[1].height = 32
    scale, across = print_scale(widths)
    print_setup(ws, contract_name, exported_at, scale=scale, repeat_columns="A:B" if across else None)
    ws.append(header_cells(ws, [c.header for c in columns] + [ID_HEADER]))

    wrap_widths = [w if c.wrap else None for c, w in zip(columns, widths)] + [None]
    writer = RowWriter(ws, [c.kind for c in columns] + [Kind.TEXT], wrap_widths)
    order = {k: i for i, k in enumerate(keys)}
    to_layout = [order[c.key] for c in layout.columns]  # snapshot positions: the layout's order, not the sheet's
    snapshots = []
    width = len(columns)
    dims = ws.row_dimensions
    for n, row in enumerate(rows):
        if control is not None and n % 2000 == 0:
            control.check()
        values = row.values
        cells = [values[k] for k in keys] + [row.ident]
        if writer.would_wrap(cells) and writer.measure(cells) > 1:
            # the <row> attributes as openpyxl's writer reads them: a RowDimension object per row would cost
            # its validation on creation and again when written
            dict.__setitem__(dims, n + 2, {"ht": str(LINE_PT * writer.lines + 2), "customHeight": "1"})
        snap = writer.append(cells, width)
        snapshots.append(dumps([snap[i] for i in to_layout]))

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
