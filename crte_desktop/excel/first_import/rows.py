"""Reading one data row through the mapping: each mapped cell becomes a typed value, or a problem
placed at its sheet, row and column with the French reason.

Values are read as official files write them (``values``: date serials, text dates with a time, amounts
with float noise rounded with a warning); statuses, including the national platforms' phase × statut,
are matched here. Names of sections, organisations, funders and schemes are kept as text with their
column: the preview matches them to the workspace (or plans what to create).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from crte_desktop.domain.enums import Phase
from crte_desktop.domain.text import fold
from crte_desktop.excel.cells import CellError, clean_text, read_cell
from crte_desktop.excel.first_import.catalogue import Catalogue, phase_of, status_in_phase
from crte_desktop.excel.first_import.fields import (FUNDER_AMOUNT, FUNDER_NAME, GRANT_AMOUNT, SCHEME, Mapping,
                                                    Target)
from crte_desktop.excel.first_import.table import DataRow, Table
from crte_desktop.excel.first_import.values import read_amount, read_date
from crte_desktop.excel.layout import Kind
from crte_desktop.excel.problems import ImportProblem

_ERROR_CODES = re.compile(r"#(DIV/0!|N/A|NAME\?|NOM\?|NULL!|NUL!|NUM!|REF!|VALUE!|VALEUR!|SPILL!|CALC!)", re.I)
_TOTAL = re.compile(r"^(sous[- ]?)?(total|totaux)\b|^montant total\b", re.I)  # not "Ensemble sportif"
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s/\s)\s*")
TEXT_FIELDS = ("reference", "title", "subtitle", "description", "notes")


@dataclass
class Named:
    """A name read from a cell, to be matched to the workspace: the text and where it is."""

    text: str
    column: int


@dataclass
class ParsedRow:
    number: int
    values: dict[str, object] = field(default_factory=dict)  # field key → value, for the filled cells
    columns: dict[str, int] = field(default_factory=dict)  # field key → its column
    financing: list[tuple[int, Target, Decimal]] = field(default_factory=list)  # column, target, amount > 0
    sections: list[tuple[int, Named]] = field(default_factory=list)  # (level, section named), top first
    owners: list[Named] = field(default_factory=list)  # the first is the maître d'ouvrage, the others partners
    partners: list[Named] = field(default_factory=list)
    pairs: dict[int, dict] = field(default_factory=dict)  # slot → {"name": Named, "amount": (Decimal, col, stage)}
    scheme: Named | None = None
    grant: tuple[Decimal, int, object] | None = None  # amount, column, stage
    grants: list[tuple[Named | None, tuple]] = field(default_factory=list)  # (scheme, grant) of rows merged in
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def title_text(self) -> str:
        return str(self.values.get("title", ""))


def looks_like_total(table: Table, row: DataRow, mapping: Mapping) -> bool:
    """A totals row: its first filled text, or its title or reference cell, says "Total"."""
    cells = [row.values[c] for c, t in mapping.items() if t.field in ("reference", "title")]
    first_text = next((v for v in row.values if isinstance(v, str) and v.strip()), None)
    return any(isinstance(v, str) and _TOTAL.match(fold(v).strip()) for v in cells + [first_text])


def split_names(text: str) -> list[str]:
    """"Valenciennes Métropole, Commune de Denain" → two names."""
    return [n for n in (clean_text(x) for x in _LIST_SEPARATORS.split(text)) if n]


def parse_row(table: Table, row: DataRow, mapping: Mapping, catalogue: Catalogue) -> ParsedRow:
    parsed = ParsedRow(row.number)
    status_text, phase = None, None
    for column, target in sorted(mapping.items()):
        raw = row.values[column] if column < len(row.values) else None
        where = dict(sheet=table.sheet, row=row.number, column=Table.letter(column),
                     header=table.headers[column] or None)
        if (row.number, column + 1) in table.uncached:
            parsed.problems.append(ImportProblem("Formule sans valeur calculée : ouvrez le fichier dans votre tableur, "
                                                 "enregistrez-le, puis importez-le à nouveau.", **where))
            continue
        try:
            if isinstance(raw, str) and _ERROR_CODES.fullmatch(raw.strip()):
                raise CellError(f"La cellule affiche une erreur de calcul ({raw.strip()}) : corrigez la formule.")
            if target.kind is Kind.MONEY:
                value, warning = read_amount(raw)
                if warning:
                    parsed.problems.append(ImportProblem(warning, level="warning", **where))
            else:
                value = _read(target, raw)
        except CellError as exc:
            parsed.problems.append(ImportProblem(str(exc), **where))
            continue
        if value is None or value == "":
            continue
        key = target.field
        if target.is_financing:
            if value > 0:
                parsed.financing.append((column, target, value))
        elif key == "section":
            parsed.sections.append((target.slot, Named(str(value), column)))
        elif key == "owner":
            parsed.owners += [Named(n, column) for n in split_names(str(value))]
        elif key == "partners":
            parsed.partners += [Named(n, column) for n in split_names(str(value))]
        elif key == "status":
            status_text = (str(value), column)
        elif key == "phase":
            phase = (str(value), column)
        elif key == FUNDER_NAME:
            parsed.pairs.setdefault(target.slot, {})["name"] = Named(str(value), column)
        elif key == FUNDER_AMOUNT:
            if value > 0:
                parsed.pairs.setdefault(target.slot, {})["amount"] = (value, column, target.stage)
        elif key == SCHEME:
            parsed.scheme = Named(str(value), column)
        elif key == GRANT_AMOUNT:
            if value > 0:
                parsed.grant = (value, column, target.stage)
        elif key not in parsed.values:
            parsed.values[key] = value
            parsed.columns[key] = column
    _status(parsed, table, catalogue, status_text, phase)
    parsed.sections.sort(key=lambda item: item[0])
    return parsed


def _status(parsed: ParsedRow, table: Table, catalogue: Catalogue, status_text, phase) -> None:
    def where(column):
        return dict(sheet=table.sheet, row=parsed.number, column=Table.letter(column),
                    header=table.headers[column] or None)

    phase_key = None
    if phase is not None:
        phase_key = phase_of(phase[0])
        if phase_key is None:
            parsed.problems.append(ImportProblem(f"Phase « {phase[0]} » inconnue (phases : « Idée », « Étude », "
                                                 "« Opération »).", **where(phase[1])))
        else:
            parsed.values["phase"] = Phase.from_code(phase_key)
            parsed.columns["phase"] = phase[1]
    if status_text is None:
        if phase_key is not None:  # a phase alone: the action is at that phase, in progress
            parsed.values["status"] = status_in_phase(phase_key, "en cours", catalogue.find_status("en cours"))
            parsed.columns["status"] = phase[1]
        return
    text, column = status_text
    status = catalogue.find_status(text)
    if status is None:
        parsed.problems.append(ImportProblem(f"Statut « {text} » inconnu (statuts : {catalogue.status_names()}, "
                                             "ou ceux des plateformes : « À discuter », « En retard »…).",
                                             **where(column)))
        return
    parsed.values["status"] = status_in_phase(phase_key, text, status) if phase_key else status
    parsed.columns["status"] = column


def _read(target: Target, raw):
    kind = target.kind
    if target.field == "reference":
        return read_cell(Kind.TEXT, raw, key_text=True)
    if target.field == "inscription_year" and isinstance(raw, (date, datetime)):
        return raw.year
    if kind is Kind.DATE:
        return read_date(raw)
    if kind is Kind.CHOICE:
        if isinstance(raw, float):
            return raw if not raw.is_integer() else str(int(raw))
        text = read_cell(Kind.TEXT, raw)
        return clean_text(text) if text else None
    value = read_cell(kind, raw)
    if isinstance(value, str):
        value = clean_text(value) or None
    return value
