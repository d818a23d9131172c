"""Reading the secretary's own spreadsheet: which sheets it has, and the raw cells of one of them.

A ``.xlsx`` goes through the same safety checks as the re-import (``excel.safety``: zip signature,
``.xls`` refused, zip-bomb limits, no DTD, defusedxml) before python-calamine reads the cached values
of its formulas. A ``.csv`` (or ``.txt``) is read with the csv module, separator and encoding
guessed. An ``.ods`` (LibreOffice, OpenOffice) is read with python-calamine (see README: maintained,
wheels for Linux and Windows, fast), after the same zip checks. Nothing here knows about the
application's fields.

Reading takes an optional ``control`` (a progress.Progress: crte_desktop/progress.py)
checked every few hundred rows, so that reading a large file can be cancelled.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import zipfile

from openpyxl.utils.cell import column_index_from_string, range_boundaries
from python_calamine import CalamineWorkbook

from crte_desktop.excel import safety
from crte_desktop.excel.problems import ImportProblem, ImportRefused
from crte_desktop.progress import Cancelled

MAX_ROWS = 20_000  # a programme of actions has hundreds; more is not such a table
MAX_COLUMNS = 200
MAX_CSV_BYTES = 20 * 1024 * 1024
CSV_SUFFIXES = (".csv", ".txt")
ODS_SUFFIXES = (".ods",)
CHECK_EVERY = 500  # rows between two looks at the cancel button


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool = False


@dataclass
class SourceInfo:
    """What the chosen file holds: its kind ("xlsx" or "csv") and its sheets (a CSV has one)."""

    path: Path
    kind: str
    sheets: list[SheetInfo]

    @property
    def visible_sheets(self) -> list[str]:
        return [s.name for s in self.sheets if not s.hidden]


@dataclass(frozen=True)
class Merged:
    """A merged range, 1-based bounds."""

    ref: str
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @classmethod
    def parse(cls, ref: str) -> "Merged":
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        return cls(ref, min_row, min_col, max_row, max_col)

    @property
    def width(self) -> int:
        return self.max_col - self.min_col + 1

    @property
    def height(self) -> int:
        return self.max_row - self.min_row + 1


@dataclass
class RawSheet:
    """The cells of one sheet as the file holds them: ``rows[0]`` is row 1, values as read (str, numbers,
    dates, None), merged ranges, and the cells whose formula has no computed value."""

    name: str
    rows: list[list]
    merged: list[Merged] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based


def open_source(path: Path | str) -> SourceInfo:
    """Check the file and list its sheets. Raises ImportRefused with the French reason."""
    path = Path(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        _check_csv(path)
        return SourceInfo(path, "csv", [SheetInfo(path.stem)])
    if path.suffix.lower() in ODS_SUFFIXES:
        return _open_ods(path)
    safety.check_file(path)
    try:
        members = safety.sheet_paths(path)
    except Exception as exc:  # a damaged workbook.xml: defusedxml and zipfile raise many kinds
        raise ImportRefused(f"« {path.name} » est endommagé : la liste de ses feuilles est illisible ({exc}).") from exc
    if not members:
        raise ImportRefused(f"« {path.name} » ne contient aucune feuille.")
    return SourceInfo(path, "xlsx", [SheetInfo(name, state != "visible") for name, (_m, state) in members.items()])


def read_sheet(source: SourceInfo, sheet: str, control=None) -> RawSheet:
    """The raw cells of ``sheet``. Raises ImportRefused (or the control's Cancelled)."""
    if source.kind == "csv":
        return _read_csv(source.path, sheet, control)
    if source.kind == "ods":
        return _read_ods(source.path, sheet, control)
    return _read_xlsx(source.path, sheet, control)


# -- xlsx --------------------------------------------------------------------------------------------
def _read_xlsx(path: Path, sheet: str, control=None) -> RawSheet:
    """The sheet's values read by python-calamine (a 5 000-row sheet in half a second, where openpyxl takes
    several), after the safety checks; merged ranges, formulas without a computed value and error cells
    (#DIV/0!…, which calamine reads as empty) are found in the sheet's XML."""
    members = safety.sheet_paths(path)
    if sheet not in members:
        raise ImportRefused(f"La feuille « {sheet} » n'existe pas dans « {path.name} ».")
    member = members[sheet][0]
    try:
        merged_refs, uncached_refs = safety.scan_sheet(path, member) if member else ([], [])
        errors = _error_cells(path, member) if member else {}
        with path.open("rb") as fh:  # a file object: the extension (.XLSX, a renamed copy…) does not matter
            wb = CalamineWorkbook.from_filelike(fh)
            try:
                if sheet not in wb.sheet_names:
                    raise ImportRefused(f"« {sheet} » est une feuille de graphique : elle n'a pas de cellules.")
                ws = wb.get_sheet_by_name(sheet)
                start = ws.start or (0, 0)
                rows = _rows(_placed(start, ws.iter_rows(), errors), path, sheet, control)
            finally:
                wb.close()
    except (ImportRefused, Cancelled):
        raise
    except Exception as exc:  # calamine raises its own errors on a damaged file; none may escape unexplained
        raise ImportRefused(f"« {path.name} » n'a pas pu être lu : le classeur est endommagé ou incomplet "
                            f"({exc.__class__.__name__} : {exc}).") from exc
    merged = []
    for ref in merged_refs:
        try:
            merged.append(Merged.parse(ref))
        except ValueError:
            continue
    uncached = set()
    for ref in uncached_refs:
        m = Merged.parse(ref)
        uncached.add((m.min_row, m.min_col))
    return RawSheet(sheet, rows, merged, uncached)


_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _error_cells(path: Path, member: str) -> dict[tuple[int, int], str]:
    """(row, column) 1-based → the error a cell shows ("#DIV/0!")."""
    with zipfile.ZipFile(path) as zf, zf.open(member) as fh:
        data = fh.read()
    if b't="e"' not in data:
        return {}
    found = {}
    for m in _ERROR_CELL.finditer(data):
        ref, value = _CELL_REF.search(m.group(1)), _VALUE.search(m.group(2))
        if ref and value:
            found[(int(ref.group(2)), column_index_from_string(ref.group(1).decode()))] = value.group(1).decode()
    return found


def _placed(start: tuple[int, int], rows, errors: dict[tuple[int, int], str]):
    """calamine's rows from the sheet's first used cell, back at their place (row 1, column A), with
    empty cells as None and error cells as the text the spreadsheet shows."""
    first_row, first_col = start
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (er, ec), text in errors.items():
        by_row.setdefault(er, []).append((ec, text))
    for _ in range(first_row):
        yield []
    for r, row in enumerate(rows, start=first_row + 1):
        cells = [None] * first_col + [None if v == "" else v for v in row]
        for ec, text in by_row.get(r, ()):
            cells += [None] * max(0, ec - len(cells))
            cells[ec - 1] = text
        yield cells


def _rows(values, path: Path, sheet: str, control=None) -> list[list]:
    rows: list[list] = []
    for number, row in enumerate(values, start=1):
        if control is not None and number % CHECK_EVERY == 0:
            control.check()
        if number > MAX_ROWS:
            raise ImportRefused([ImportProblem(f"La feuille a plus de {MAX_ROWS} lignes : ce n'est pas un tableau "
                                               "d'actions (import refusé).", sheet=sheet, row=number)])
        cells = list(row)
        while cells and _blank(cells[-1]):
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise ImportRefused([ImportProblem(f"La ligne a plus de {MAX_COLUMNS} colonnes remplies : ce n'est pas "
                                               "un tableau d'actions (import refusé).", sheet=sheet, row=number)])
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- csv ---------------------------------------------------------------------------------------------
def _check_csv(path: Path) -> None:
    name = path.name
    if not path.is_file():
        raise ImportRefused(f"Le fichier « {name} » n'existe pas.")
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused(f"« {name} » est vide.")
    if size > MAX_CSV_BYTES:
        raise ImportRefused(f"« {name} » dépasse {MAX_CSV_BYTES // (1024 * 1024)} Mo : ce n'est pas un tableau "
                            "d'actions (import refusé).")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_UTF16_BOMS):  # Excel's « Texte Unicode »: UTF-16, tabs between cells
        return
    if head.startswith((safety.ZIP_SIGNATURE, safety.OLE_SIGNATURE)) or b"\x00" in head:
        raise ImportRefused(f"« {name} » n'est pas un fichier texte CSV (c'est peut-être un classeur renommé : "
                            "donnez-lui son extension .xlsx).")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class _Semicolon(csv.excel):
    delimiter = ";"  # French spreadsheets write CSV with semicolons


def _read_csv(path: Path, sheet: str, control=None) -> RawSheet:
    _check_csv(path)
    data = path.read_bytes()
    encodings = ("utf-8-sig", "cp1252")
    if data.startswith(_UTF16_BOMS):
        encodings = ("utf-16",)
    elif b"\x00" in data:
        raise ImportRefused(f"« {path.name} » n'est pas un fichier texte CSV.")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportRefused(f"« {path.name} » n'est pas un texte lisible (encodage inconnu).")
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        dialect = _Semicolon if sample.count(";") >= sample.count(",") else csv.excel
    try:
        rows = _rows(([None if not c.strip() else c for c in row] for row in csv.reader(io.StringIO(text), dialect)),
                     path, sheet, control)
    except csv.Error as exc:
        raise ImportRefused(f"« {path.name} » n'est pas un CSV lisible ({exc}).") from exc
    return RawSheet(sheet, rows)


# -- ods ---------------------------------------------------------------------------------------------
def _check_ods(path: Path) -> None:
    """The zip checks of a workbook (no bomb, no DTD is left to calamine's XML reader), and the ODF mimetype."""
    name = path.name
    if not path.is_file():
        raise ImportRefused(f"Le fichier « {name} » n'existe pas.")
    if path.stat().st_size == 0:
        raise ImportRefused(f"« {name} » est vide.")
    with path.open("rb") as fh:
        head = fh.read(80)
    if not head.startswith(safety.ZIP_SIGNATURE):
        raise ImportRefused(f"« {name} » n'est pas un classeur OpenDocument (.ods) : l'extension ne correspond pas "
                            "au contenu.")
    try:
        with zipfile.ZipFile(path) as zf:
            safety.check_zip_sizes(zf, name)
            if zf.read("mimetype").strip() != b"application/vnd.oasis.opendocument.spreadsheet":
                raise ImportRefused(f"« {name} » est un document OpenDocument, mais pas un classeur (.ods).")
    except KeyError:
        raise ImportRefused(f"« {name} » n'est pas un classeur OpenDocument (le fichier « mimetype » manque).") \
            from None
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"« {name} » est incomplet ou endommagé (archive illisible : {exc}).") from exc


def _open_ods(path: Path) -> SourceInfo:
    _check_ods(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            sheets = [SheetInfo(m.name, str(getattr(m, "visible", "visible")).lower().split(".")[-1] != "visible")
                      for m in wb.sheets_metadata]
        finally:
            wb.close()
    except ImportRefused:
        raise
    except Exception as exc:  # calamine raises its own errors on a damaged file
        raise ImportRefused(f"« {path.name} » n'a pas pu être lu : le classeur est endommagé ou incomplet "
                            f"({exc.__class__.__name__} : {exc}).") from exc
    if not sheets:
        raise ImportRefused(f"« {path.name} » ne contient aucune feuille.")
    return SourceInfo(path, "ods", sheets)


def _read_ods(path: Path, sheet: str, control=None) -> RawSheet:
    _check_ods(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            if sheet not in wb.sheet_names:
                raise ImportRefused(f"La feuille « {sheet} » n'existe pas dans « {path.name} ».")
            ws = wb.get_sheet_by_name(sheet)
            offset = ws.start[0] if ws.start else 0
            cells = (([None] * 0) if False else [None if v == "" else v for v in row] for row in ws.iter_rows())
            rows = _rows(_leading_blank_rows(offset, cells), path, sheet, control)
            merged = [Merged(_ref(r), r[0][0] + 1, r[0][1] + 1, r[1][0] + 1, r[1][1] + 1)
                      for r in (ws.merged_cell_ranges or [])]
        finally:
            wb.close()
    except (ImportRefused, Cancelled):
        raise
    except Exception as exc:
        raise ImportRefused(f"« {path.name} » n'a pas pu être lu : le classeur est endommagé ou incomplet "
                            f"({exc.__class__.__name__} : {exc}).") from exc
    return RawSheet(sheet, rows, merged)


def _leading_blank_rows(count: int, rows):
    for _ in range(count):
        yield []
    yield from rows


def _ref(bounds) -> str:
    from openpyxl.utils import get_column_letter

    (r1, c1), (r2, c2) = bounds
    return f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}"
