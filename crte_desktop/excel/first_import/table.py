"""Finding the table in a sheet a person made: the header row under the title rows, a second header
row under merged header cells ("Financements" over "DSIL sollicité", "DETR accordé"…), the data rows.

Merged cells are read as a spreadsheet shows them: a merged header gives its text to every column it
covers; a merged data cell (a maître d'ouvrage written once for three rows) gives its value to every
row it covers, with a warning; a row that is one cell merged across the table is a banner ("AXE 1 —
TRANSITION ÉCOLOGIQUE"), kept apart for the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from crte_desktop.excel.cells import clean_text
from crte_desktop.excel.first_import.source import Merged, RawSheet
from crte_desktop.excel.problems import ImportProblem, ImportRefused

HINT_ROWS = 3  # rows of field types or instructions are looked for right under the header only
_HINT = re.compile(r"^(champ|texte|liste|menu|nombre|numerique|date au|date jj|date$|format|saisi|renseign|"
                   r"obligatoire|facultati|optionnel|exemple|ex |choisi|selection|indique|precise|valeur|montant en|"
                   r"x x|x$|jj mm|a remplir|remplir|case a cocher|oui non)")
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows only
_NOT_A_LABEL = re.compile(r"[\d\s.,/:€%+\-()]*")
_SHORT_LABELS = {"%", "€", "#", "n°", "nº"}


@dataclass
class DataRow:
    number: int  # the row in the sheet (1-based)
    values: list  # one raw value per column of the table
    banner: str | None = None  # text of a row merged across the table (a section title, a subtotal…)
    hint: bool = False  # a row of field types or instructions under the header ("Champ texte"…)


@dataclass
class Table:
    sheet: str
    header_row: int  # first header row, 1-based
    header_depth: int  # 1, or 2 under merged header cells
    headers: list[str]  # one per column ("" when the column has no header)
    rows: list[DataRow]
    problems: list[ImportProblem] = field(default_factory=list)  # warnings found while reading
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formulas without a computed value

    @property
    def width(self) -> int:
        return len(self.headers)

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_depth

    @staticmethod
    def letter(column: int) -> str:
        """The letter of a 0-based column: 0 → "A"."""
        return get_column_letter(column + 1)

    def column_name(self, column: int) -> str:
        """"B « Intitulé du projet »" for lists and messages."""
        header = self.headers[column] if column < len(self.headers) else ""
        return f"{self.letter(column)} « {header} »" if header else self.letter(column)


def is_label(value) -> bool:
    """A cell a person would write as a column title: text that is not a number, an amount or a date."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text:
        return False
    return text.casefold() in _SHORT_LABELS or not _NOT_A_LABEL.fullmatch(text)


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _count(row: list) -> int:
    return sum(1 for v in row if _filled(v))


def find_table(raw: RawSheet) -> Table:
    """The table of the sheet. Raises ImportRefused (with the sheet and the reason) when the sheet is
    empty or has no header row."""
    rows = raw.rows
    if not any(_count(r) for r in rows):
        raise ImportRefused([ImportProblem("La feuille est vide : il n'y a rien à importer.", sheet=raw.name)])
    header_index = _header_index(rows, raw.merged)
    if header_index is None:
        raise ImportRefused([ImportProblem(
            f"Aucune ligne d'en-tête trouvée dans les {HEADER_SEARCH_ROWS} premières lignes : le tableau doit avoir "
            "une ligne de titres de colonnes (par exemple « N° », « Intitulé », « Coût total ») au-dessus des "
            "données.", sheet=raw.name)])
    header_row = header_index + 1
    depth = 2 if _has_second_header(rows, raw.merged, header_row) else 1
    width = max((len(r) for r in rows[header_index:]), default=0)
    grid = _grid(rows, width)
    headers = _headers(grid, raw.merged, header_row, depth, width)
    table = Table(raw.name, header_row, depth, headers, [], uncached=set(raw.uncached))
    _data_rows(table, grid, raw.merged, width)
    return table


def _header_index(rows: list[list], merged: list[Merged]) -> int | None:
    """The first row with mostly column titles that spans at least half the width of the rows below it."""
    starts = {(m.min_row, m.min_col): m for m in merged}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        # a title merged across the page counts once, not once per column it covers
        cells = [v for c, v in enumerate(row) if _filled(v)]
        labels = [v for v in cells if is_label(v)]
        if len(labels) < 2 or len(labels) < 0.6 * len(cells):
            continue
        distinct = len({clean_text(v).casefold() for v in labels})
        covered = len(cells) + sum(m.width - 1 for (r, _c), m in starts.items() if r == i + 1)
        if distinct < 0.8 * len(labels) or distinct < 0.5 * covered:
            continue  # one word repeated, or two titles merged across the page, is not a header
        below = max((_count(r) for r in rows[i + 1:i + 11]), default=0)
        if covered >= 0.5 * below:
            return i
    return None


def _has_second_header(rows: list[list], merged: list[Merged], header_row: int) -> bool:
    """Merged cells in the header row, and a row of titles right under it."""
    spans = [m for m in merged if m.min_row == header_row and (m.width > 1 or m.height > 1)]
    if not spans or header_row >= len(rows):
        return False
    below = rows[header_row]  # the next row (0-based index = header_row)
    cells = [v for v in below if _filled(v)]
    return bool(cells) and all(is_label(v) for v in cells)


def _grid(rows: list[list], width: int) -> list[list]:
    """Rows padded to the table's width (the rows above the header are kept so that indices stay rows)."""
    return [list(r) + [None] * (width - len(r)) for r in rows]


def _headers(grid: list[list], merged: list[Merged], header_row: int, depth: int, width: int) -> list[str]:
    def filled_row(number: int) -> list:
        values = list(grid[number - 1]) if number - 1 < len(grid) else [None] * width
        for m in merged:
            if m.min_row <= number <= m.max_row:
                top = grid[m.min_row - 1][m.min_col - 1] if m.min_col - 1 < width else None
                for c in range(m.min_col - 1, min(m.max_col, width)):
                    values[c] = top
        return values

    top = filled_row(header_row)
    bottom = filled_row(header_row + 1) if depth == 2 else [None] * width
    headers = []
    for c in range(width):
        parts = []
        for value in (top[c], bottom[c]):
            text = _header_text(value)
            if text and text not in parts:
                parts.append(text)
        headers.append(" — ".join(parts))
    return headers


def _header_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", clean_text(str(value)))


def _data_rows(table: Table, grid: list[list], merged: list[Merged], width: int) -> None:
    first = table.first_data_row
    banners: dict[int, str] = {}
    for m in merged:
        if m.max_row < first:
            continue
        top_value = grid[m.min_row - 1][m.min_col - 1] if m.min_row - 1 < len(grid) else None
        if m.height == 1 and m.width >= max(3, width // 2) and _count(grid[m.min_row - 1]) == 1:
            banners[m.min_row] = _header_text(top_value)
            continue
        if not _filled(top_value):
            continue
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                if r - 1 < len(grid) and c - 1 < width:
                    grid[r - 1][c - 1] = top_value
        if m.height > 1:
            table.problems.append(ImportProblem(
                f"Cellules fusionnées ({m.ref}) : la valeur « {_header_text(top_value)} » est reprise sur chaque "
                "ligne.", sheet=table.sheet, row=m.min_row, column=Table.letter(m.min_col - 1), level="warning"))
    for number in range(first, len(grid) + 1):
        values = grid[number - 1][:width]
        if not _count(values):
            continue
        candidate = number < first + HINT_ROWS and (not table.rows or table.rows[-1].hint)
        table.rows.append(DataRow(number, values, banners.get(number), hint=candidate and _is_hint(values)))


def _is_hint(values: list) -> bool:
    """Field types and instructions under a template's header: every filled cell is words, most of them
    say how to fill the column ("Champ texte", "Liste déroulante", "Date au format jj/mm/aaaa")."""
    from crte_desktop.excel.first_import.catalogue import normalise

    cells = [v for v in values if _filled(v)]
    if not cells or not all(isinstance(v, str) for v in cells):
        return False
    hints = sum(1 for v in cells if _HINT.match(normalise(v)))
    return hints * 2 > len(cells) and hints >= 1
