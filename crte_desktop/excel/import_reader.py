"""Reading a workbook partners edited: checked, parsed and typed, never written to the workspace.

``read_workbook(path)`` returns what the workbook holds (metadata, rows of the data sheets with typed
values, the snapshot of the export) and every problem found, each with sheet, row, column and reason.
A file that cannot be read at all raises ImportRefused.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from crte_desktop.domain.text import fold
from crte_desktop.excel import safety
from crte_desktop.excel.cells import CellError, clean_text, read_cell
from crte_desktop.excel.layout import (BY_NAME, DATA_SHEETS, FORMAT_VERSION, ID_HEADER, META_KEYS, ROWS_HEADER,
                                       PROPOSALS, SHEET_CAMPAIGN, SHEET_CROSS, SHEET_GREEN, SHEET_IDS,
                                       SHEET_LISTS, SHEET_PROPOSALS, SHEET_SUMMARY, SheetLayout)
from crte_desktop.excel.problems import ImportProblem, ImportRefused

_IDENT = re.compile(r"^([AFI])(\d{1,12})$")
_KEY_TEXT = ("reference", "action_ref")


@dataclass
class ReadRow:
    number: int  # the row in the workbook
    ident: str | None
    values: dict[str, object]  # column key → typed value, for the columns present and readable
    bad: set[str] = field(default_factory=set)  # column keys whose cell could not be read


@dataclass
class ReadSheet:
    layout: SheetLayout
    columns: dict[str, int]  # column key → 0-based position in the sheet
    rows: list[ReadRow]

    def letter(self, key: str) -> str | None:
        pos = self.columns.get(key)
        return get_column_letter(pos + 1) if pos is not None else None


@dataclass
class ExportedRow:
    sheet: str
    ident: str
    version: int
    row: int  # where the export wrote it
    snapshot: list[str | None]  # SHEET column values as exported (see export.snapshot_value)


@dataclass
class WorkbookContent:
    path: Path
    meta: dict[str, str]
    sheets: dict[str, ReadSheet]  # only the data sheets found with a usable header
    exported: dict[str, ExportedRow]  # ident → row of the snapshot
    problems: list[ImportProblem]
    proposals: ReadSheet | None = None  # a campaign workbook's « Nouveaux projets »

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.is_error]


FIRST_IMPORT_HINT = ("pour reprendre un tableau qui n'a pas été exporté par l'application, utilisez Fichier ▸ "
                     "Importer un tableau existant… (ou « crte-desktop import-table »)")
OTHER_TABLES = {".ods": "un classeur OpenDocument (.ods, LibreOffice)", ".csv": "un fichier CSV",
                ".txt": "un fichier texte"}


def read_workbook(path: Path | str) -> WorkbookContent:
    path = Path(path)
    kind = OTHER_TABLES.get(path.suffix.lower())
    if kind is not None and path.is_file():
        raise ImportRefused(f"« {path.name} » est {kind} : la réimportation ne lit que les classeurs .xlsx exportés par "
                            f"CRTE Desktop ; {FIRST_IMPORT_HINT}.")
    safety.check_file(path)
    members = safety.sheet_paths(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions, data validation…
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except ImportRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; none may escape unexplained
        raise ImportRefused(f"« {path.name} » n'a pas pu être lu : le classeur est endommagé ou incomplet "
                            f"({exc.__class__.__name__} : {exc}).") from exc
    try:
        return _read(wb, path, members)
    except ImportRefused:
        raise
    except (OSError, EOFError, ValueError, KeyError) as exc:
        raise ImportRefused(f"« {path.name} » n'a pas pu être lu jusqu'au bout : le classeur est endommagé "
                            f"({exc.__class__.__name__} : {exc}).") from exc
    finally:
        wb.close()


def _read(wb, path: Path, members: dict[str, tuple[str, str]]) -> WorkbookContent:
    problems: list[ImportProblem] = []
    names = wb.sheetnames
    if SHEET_IDS not in names:
        raise ImportRefused(f"« {path.name} » n'a pas été exporté par CRTE Desktop (la feuille masquée "
                            f"« {SHEET_IDS} » manque) : seul un classeur exporté par l'application peut être réimporté ; "
                            f"{FIRST_IMPORT_HINT}.")
    meta, exported = _read_ids(wb[SHEET_IDS])
    known = {SHEET_SUMMARY, SHEET_CROSS, SHEET_GREEN, SHEET_IDS, SHEET_LISTS, SHEET_CAMPAIGN, SHEET_PROPOSALS} | set(BY_NAME)
    for name in names:
        if name not in known:
            problems.append(ImportProblem("Feuille inconnue, ignorée.", sheet=name, level="warning"))
    sheets = {}
    for layout in DATA_SHEETS:
        if layout.name not in names:
            problems.append(ImportProblem("Feuille absente (renommée ou supprimée ?) : ses lignes restent inchangées.",
                                          sheet=layout.name, level="warning"))
            continue
        merged, uncached = safety.scan_sheet(path, members[layout.name][0]) if layout.name in members else ([], [])
        for ref in merged:
            problems.append(ImportProblem(f"Cellules fusionnées ({ref}) : défusionnez-les avant d'importer.",
                                          sheet=layout.name, row=_row_of(ref), column=_col_of(ref)))
        for ref in uncached:
            problems.append(ImportProblem("Formule sans valeur calculée : ouvrez le classeur dans votre tableur, "
                                          "enregistrez-le, puis importez-le.", sheet=layout.name, row=_row_of(ref),
                                          column=_col_of(ref)))
        sheet = _read_sheet(wb[layout.name], layout, problems)
        if sheet is not None:
            sheets[layout.name] = sheet
    proposals = None
    if "campaign_uuid" in meta and SHEET_PROPOSALS in names:
        proposals = _read_sheet(wb[SHEET_PROPOSALS], PROPOSALS, problems)
    return WorkbookContent(path, meta, sheets, exported, problems, proposals)


def _row_of(ref: str) -> int:
    return int(re.search(r"\d+", ref).group())


def _col_of(ref: str) -> str:
    return re.match(r"[A-Z]+", ref).group()


# -- the hidden sheet -----------------------------------------------------------------------------------
def _damaged(detail: str) -> ImportRefused:
    return ImportRefused([ImportProblem(f"La feuille masquée est endommagée ({detail}) : exportez à nouveau le "
                                        "classeur depuis l'application.", sheet=SHEET_IDS)])


def _read_ids(ws) -> tuple[dict[str, str], dict[str, ExportedRow]]:
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    meta: dict[str, str] = {}
    next(rows, None)  # "Clé", "Valeur"
    for row in rows:
        if not row or row[0] is None:
            break
        meta[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    missing = [k for k in META_KEYS if k not in meta]
    if missing:
        raise _damaged(f"informations manquantes : {', '.join(missing)}")
    try:
        version = int(float(meta["format_version"]))  # another program may have written 1 as 1.0
    except ValueError:
        raise _damaged("version de format illisible") from None
    if version > FORMAT_VERSION:
        raise ImportRefused(f"Ce classeur a été exporté par une version plus récente de CRTE Desktop (format {version}, "
                            f"cette version lit jusqu'au format {FORMAT_VERSION}) : mettez l'application à jour.")
    header = next(rows, None)
    if header is None or tuple(header[: len(ROWS_HEADER)]) != ROWS_HEADER:
        raise _damaged("en-tête de la table des identifiants")
    exported: dict[str, ExportedRow] = {}
    for n, row in enumerate(rows, start=1):
        if not row or all(v is None for v in row):
            continue
        try:
            sheet, ident, version_, where, values = row[:5]
            layout = BY_NAME[sheet]
            snapshot = json.loads(values)
            if not (isinstance(snapshot, list) and len(snapshot) == len(layout.columns)
                    and _IDENT.match(str(ident)) and str(ident)[0] == layout.prefix):
                raise ValueError(ident)
            exported[str(ident)] = ExportedRow(sheet, str(ident), int(version_), int(where), snapshot)
        except (ValueError, KeyError, TypeError):
            raise _damaged(f"ligne {n} de la table des identifiants") from None
    return meta, exported


# -- a data sheet ---------------------------------------------------------------------------------------
def _header_key(text) -> str:
    return fold(re.sub(r"\s+", " ", str(text))).strip() if text is not None else ""


def _read_sheet(ws, layout: SheetLayout, problems: list[ImportProblem]) -> ReadSheet | None:
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(v is None or str(v).strip() == "" for v in header):
        problems.append(ImportProblem("La feuille est vide : la ligne d'en-tête manque. Rien n'est importé de cette "
                                      "feuille tant qu'elle n'a pas ses colonnes.", sheet=layout.name, row=1))
        return None
    by_header = {_header_key(c.header): c for c in layout.columns}
    id_key = _header_key(ID_HEADER)
    columns: dict[str, int] = {}
    id_pos = None
    for pos, text in enumerate(header):
        if text is None or str(text).strip() == "":
            continue
        key = _header_key(text)
        letter = get_column_letter(pos + 1)
        if key == id_key:
            if id_pos is not None:
                problems.append(ImportProblem("Colonne d'identifiants en double.", sheet=layout.name, row=1, column=letter))
            id_pos = pos
            continue
        col = by_header.get(key)
        if col is None:
            problems.append(ImportProblem(f"Colonne inconnue « {clean_text(str(text))} » : ignorée.", sheet=layout.name,
                                          row=1, column=letter, level="warning"))
        elif col.key in columns:
            problems.append(ImportProblem(f"Colonne « {col.header} » en double.", sheet=layout.name, row=1,
                                          column=letter))
        else:
            columns[col.key] = pos
    if id_pos is None:
        problems.append(ImportProblem(f"La colonne « {ID_HEADER} » (masquée) manque : les lignes ne peuvent pas être "
                                      "reconnues. Exportez à nouveau le classeur.", sheet=layout.name, row=1))
        return None
    fatal = False
    for col in layout.columns:
        if col.key in columns:
            continue
        if col.required:
            problems.append(ImportProblem("Colonne obligatoire absente (renommée ou supprimée ?).", sheet=layout.name,
                                          row=1, header=col.header))
            fatal = True
        elif col.editable:
            problems.append(ImportProblem("Colonne absente (renommée ou supprimée ?) : ses valeurs restent inchangées.",
                                          sheet=layout.name, row=1, header=col.header, level="warning"))
    if fatal:
        return None

    read_rows = []
    kinds = [(col, columns[col.key]) for col in layout.columns if col.key in columns]
    for number, row in enumerate(rows, start=2):
        if not row or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        ident_raw = row[id_pos] if id_pos < len(row) else None
        ident = str(ident_raw).strip() if ident_raw is not None and str(ident_raw).strip() else None
        if ident is not None and not _IDENT.match(ident):
            problems.append(ImportProblem(f"Identifiant « {clean_text(ident)} » invalide (ne modifiez pas cette colonne).",
                                          sheet=layout.name, row=number, column=get_column_letter(id_pos + 1)))
            continue
        values: dict[str, object] = {}
        bad: set[str] = set()
        for col, pos in kinds:
            raw = row[pos] if pos < len(row) else None
            try:
                values[col.key] = read_cell(col.kind, raw, key_text=col.key in _KEY_TEXT)
            except CellError as exc:
                bad.add(col.key)
                if col.editable:
                    problems.append(ImportProblem(str(exc), sheet=layout.name, row=number,
                                                  column=get_column_letter(pos + 1), header=col.header))
        if all(v is None for v in values.values()) and ident is None and not bad:
            continue
        read_rows.append(ReadRow(number, ident, values, bad))
    return ReadSheet(layout, columns, read_rows)
