"""Reading one data row through the mapping: each mapped cell becomes a typed value, or a problem
placed at its sheet, row and column with the French reason.

Cell values are read as the re-import reads them (``excel.cells.read_cell``): French amounts
("1 234,50 €"), dates ("12/03/2022"), percentages ("45 %"), real numbers and dates, cached values of
formulas. Words are matched to the workspace (section, maître d'ouvrage, status) by the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.text import fold
from crte_desktop.excel.cells import CellError, clean_text, read_cell
from crte_desktop.excel.first_import.catalogue import Catalogue
from crte_desktop.excel.first_import.fields import Mapping, Target
from crte_desktop.excel.first_import.table import DataRow, Table
from crte_desktop.excel.layout import Kind
from crte_desktop.excel.problems import ImportProblem

_ERROR_CODES = re.compile(r"#(DIV/0!|N/A|NAME\?|NOM\?|NULL!|NUL!|NUM!|REF!|VALUE!|VALEUR!|SPILL!|CALC!)", re.I)
_TOTAL = re.compile(r"^(sous[- ]?)?(total|totaux)\b|^montant total\b", re.I)  # not "Ensemble sportif"


@dataclass
class ParsedRow:
    number: int
    values: dict[str, object] = field(default_factory=dict)  # field key → value, for the filled cells
    columns: dict[str, int] = field(default_factory=dict)  # field key → its column
    financing: list[tuple[int, Target, Decimal]] = field(default_factory=list)  # column, target, amount > 0
    problems: list[ImportProblem] = field(default_factory=list)


def looks_like_total(table: Table, row: DataRow, mapping: Mapping) -> bool:
    """A totals row: its first filled text, or its title or reference cell, says "Total"."""
    cells = [row.values[c] for c, t in mapping.items() if t.field in ("reference", "title")]
    first_text = next((v for v in row.values if isinstance(v, str) and v.strip()), None)
    return any(isinstance(v, str) and _TOTAL.match(fold(v).strip()) for v in cells + [first_text])


def parse_row(table: Table, row: DataRow, mapping: Mapping, catalogue: Catalogue) -> ParsedRow:
    parsed = ParsedRow(row.number)
    for column, target in sorted(mapping.items()):
        raw = row.values[column] if column < len(row.values) else None
        where = dict(sheet=table.sheet, row=row.number, column=Table.letter(column),
                     header=table.headers[column] or None)
        if (row.number, column + 1) in table.uncached:
            parsed.problems.append(ImportProblem("Formule sans valeur calculée : ouvrez le fichier dans votre tableur, "
                                                 "enregistrez-le, puis importez-le à nouveau.", **where))
            continue
        try:
            value = _read(target, raw, catalogue)
        except CellError as exc:
            parsed.problems.append(ImportProblem(str(exc), **where))
            continue
        if value is None:
            continue
        if target.is_financing:
            if value > 0:
                parsed.financing.append((column, target, value))
        elif target.field not in parsed.values:
            parsed.values[target.field] = value
            parsed.columns[target.field] = column
    return parsed


def _read(target: Target, raw, catalogue: Catalogue):
    if isinstance(raw, str) and _ERROR_CODES.fullmatch(raw.strip()):
        raise CellError(f"La cellule affiche une erreur de calcul ({raw.strip()}) : corrigez la formule.")
    kind = target.kind
    if target.field == "reference":
        return read_cell(Kind.TEXT, raw, key_text=True)
    if target.field == "inscription_year" and isinstance(raw, (date, datetime)):
        return raw.year
    if kind is Kind.CHOICE:
        text = read_cell(Kind.TEXT, raw) if not isinstance(raw, float) else raw
        if text is None or (isinstance(text, str) and not text):
            return None
        return _choice(target.field, text, catalogue)
    value = read_cell(kind, raw)
    if isinstance(value, str):
        value = clean_text(value) or None
    return value


def _choice(field_key: str, value, catalogue: Catalogue):
    shown = clean_text(str(value))
    if field_key == "section":
        section = catalogue.find_section(value)
        if section is None:
            known = ", ".join(f"{s.code} {s.title}" for s in catalogue.sections[:8])
            more = "…" if len(catalogue.sections) > 8 else ""
            raise CellError(f"Section « {shown} » inconnue dans ce contrat"
                            + (f" (sections : {known}{more})." if known else " (le contrat n'a pas de sections)."))
        return section
    if field_key == "owner":
        return catalogue.find_owner(shown) or Organisation(name=shown)  # an unknown one: id None
    status = catalogue.find_status(shown)
    if status is None:
        raise CellError(f"Statut « {shown} » inconnu (statuts : {catalogue.status_names()}).")
    return status
