"""The preview of a first import: for each data row, the action it would create or update, and its
problems, before anything is written.

A row whose reference exists in the contract updates that action's mapped fields (an empty cell
leaves the field as it is); any other row creates an action (a reference "YYYY-n" is given when the
row has none). Financing columns become financing lines on their funder or scheme, at their stage,
for the row's year. Rules are those of the action form (``ActionService.problems``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import FinancingStatus, OrgKind, Stage
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.money import format_amount
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.excel.first_import.catalogue import Catalogue, normalise
from crte_desktop.excel.first_import.fields import BY_KEY, RULE_FIELDS, Mapping, Target
from crte_desktop.excel.first_import.rows import ParsedRow, looks_like_total, parse_row
from crte_desktop.excel.first_import.table import DataRow, Table
from crte_desktop.excel.problems import ImportProblem

NEW, UPDATE, SKIPPED = "new", "update", "skipped"
KIND_LABELS = {NEW: "Nouvelle", UPDATE: "Mise à jour", SKIPPED: "Ignorée"}
_STATUS_OF_STAGE = {Stage.PLANNED: FinancingStatus.PREVU, Stage.REQUESTED: FinancingStatus.SOLLICITE,
                    Stage.GRANTED: FinancingStatus.ACCORDE, Stage.PAID: FinancingStatus.VERSE_PARTIEL}
_STATUS_ORDER = [FinancingStatus.PREVU, FinancingStatus.SOLLICITE, FinancingStatus.ACCORDE,
                 FinancingStatus.VERSE_PARTIEL]
_COMMUNE = re.compile(r"^(commune|ville|mairie) ")


@dataclass
class ImportOptions:
    create_organisations: bool = False  # create the maîtres d'ouvrage the directory does not know


@dataclass
class RowPreview:
    number: int  # the row in the sheet
    kind: str  # NEW, UPDATE or SKIPPED
    bundle: ActionBundle | None = None  # what would be saved
    action_id: int | None = None  # the action updated
    row_version: int | None = None  # its version when previewed
    new_owner: str | None = None  # key (normalised name) of an organisation to create
    problems: list[ImportProblem] = field(default_factory=list)
    note: str = ""  # "Ligne de total ignorée", "Référence attribuée"…

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def importable(self) -> bool:
        return self.kind != SKIPPED and self.bundle is not None and not self.errors

    @property
    def reference(self) -> str:
        return self.bundle.action.reference if self.bundle else ""

    @property
    def title(self) -> str:
        return self.bundle.action.title if self.bundle else ""

    @property
    def cost(self) -> Decimal | None:
        return self.bundle.action.total_cost if self.bundle else None


@dataclass
class ImportPreview:
    file_name: str
    table: Table
    contract_id: int
    mapping: Mapping
    options: ImportOptions
    catalogue: Catalogue
    rows: list[RowPreview]
    problems: list[ImportProblem]  # about the file or the mapping; an error here refuses the whole import
    new_organisations: dict[str, Organisation] = field(default_factory=dict)  # normalised name → to create

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def importable_rows(self) -> list[RowPreview]:
        return [r for r in self.rows if r.importable] if not self.errors else []

    def row(self, number: int) -> RowPreview | None:
        return next((r for r in self.rows if r.number == number), None)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    def financing_text(self, row: RowPreview, separator: str = " ; ") -> str:
        """"DSIL (État) 2022 : 150 000,00 € sollicité ; Région : 80 000,00 € prévisionnel"."""
        parts = []
        for line in row.bundle.financing if row.bundle else []:
            funding = self.catalogue.funding(line.funder_id, line.scheme_id)
            name = funding.label if funding else "?"
            amounts = ", ".join(f"{format_amount(line.amount(s))} {s.label.lower()}" for s in Stage
                                if line.amount(s) is not None)
            parts.append(f"{name}{f' {line.year}' if line.year else ''} : {amounts}")
        return separator.join(parts)

    def summary(self) -> str:
        n_new, n_update, n_skip = self.count(NEW), self.count(UPDATE), self.count(SKIPPED)
        bad = sum(1 for r in self.rows if r.kind != SKIPPED and r.errors)
        text = (f"{n_new} nouvelle{'s' if n_new > 1 else ''} action{'s' if n_new > 1 else ''}, "
                f"{n_update} mise{'s' if n_update > 1 else ''} à jour, {bad} ligne{'s' if bad > 1 else ''} en erreur, "
                f"{n_skip} ligne{'s' if n_skip > 1 else ''} ignorée{'s' if n_skip > 1 else ''}.")
        if self.new_organisations:
            k = len(self.new_organisations)
            text += f" {k} organisation{'s' if k > 1 else ''} à créer dans l'annuaire."
        return text


def preview(store, contract_id: int, table: Table, mapping: Mapping, options: ImportOptions | None = None,
            file_name: str = "", catalogue: Catalogue | None = None) -> ImportPreview:
    """What importing ``table`` with ``mapping`` would do. Writes nothing."""
    options = options or ImportOptions()
    catalogue = catalogue or Catalogue.load(store, contract_id)
    mapping = {c: t for c, t in mapping.items() if t is not None and 0 <= c < table.width}
    result = ImportPreview(file_name or table.sheet, table, contract_id, mapping, options, catalogue, [],
                           list(table.problems) + _mapping_problems(table, mapping, catalogue))
    if result.errors:
        return result
    _Builder(store, result).run()
    return result


def _mapping_problems(table: Table, mapping: Mapping, catalogue: Catalogue) -> list[ImportProblem]:
    problems = []
    fields = {t.field for t in mapping.values()}
    if not fields & {"title", "reference"}:
        problems.append(ImportProblem("Aucune colonne n'est associée à « Intitulé » ni à « Référence » : indiquez au "
                                      "moins la colonne des intitulés des actions.", sheet=table.sheet,
                                      row=table.header_row))
    seen: dict[Target, int] = {}
    for column, target in sorted(mapping.items()):
        if target.is_financing and catalogue.funding(target.funder_id, target.scheme_id) is None:
            problems.append(ImportProblem("Ce financeur ou ce dispositif n'existe plus dans les données de référence.",
                                          sheet=table.sheet, row=table.header_row, column=table.letter(column)))
        if target in seen:
            what = BY_KEY[target.field].label if not target.is_financing else "le même financement à la même étape"
            problems.append(ImportProblem(f"Les colonnes {table.letter(seen[target])} et {table.letter(column)} sont "
                                          f"toutes deux associées à « {what} » : gardez-en une.",
                                          sheet=table.sheet, row=table.header_row, column=table.letter(column)))
        else:
            seen[target] = column
    return problems


class _Builder:
    def __init__(self, store, result: ImportPreview):
        self.store = store
        self.result = result
        self.table = result.table
        self.catalogue = result.catalogue
        self.service = ActionService(store)
        self.used_refs = set(self.catalogue.references)  # case-folded, existing and met in the file
        self.banner_section = None  # set by a title row naming a section ("AXE 1 — …")
        self.line_columns: dict[int, int] = {}  # id() of a financing line → the column it came from

    def run(self) -> None:
        parsed: list[tuple[DataRow, ParsedRow]] = []
        for row in self.table.rows:
            skipped = self.skip(row)
            if skipped is not None:
                self.result.rows.append(skipped)
                continue
            p = parse_row(self.table, row, self.result.mapping, self.catalogue)
            if self.banner_section is not None:
                p.values.setdefault("section", self.banner_section)
            if "reference" not in p.values and "title" not in p.values:
                self.result.rows.append(RowPreview(row.number, SKIPPED, note="Ni référence ni intitulé : ligne ignorée."))
                continue
            parsed.append((row, p))
        refs = Counter(str(p.values["reference"]).casefold() for _r, p in parsed if "reference" in p.values)
        self.used_refs |= set(refs)
        rows_of = {ref: [p.number for _r, p in parsed if str(p.values.get("reference", "")).casefold() == ref]
                   for ref, n in refs.items() if n > 1}
        previews = [self.build(p, rows_of) for _r, p in parsed]
        for preview_row, (_r, p) in zip(previews, parsed):
            self.check(preview_row, p)
        self.result.rows.extend(previews)
        self.result.rows.sort(key=lambda r: r.number)
        used = {r.new_owner for r in self.result.rows if r.new_owner}
        self.result.new_organisations = {k: v for k, v in self.result.new_organisations.items() if k in used}

    def skip(self, row: DataRow) -> RowPreview | None:
        if row.banner is not None:
            section = self.catalogue.find_section(row.banner)
            if section is not None:
                self.banner_section = section
                return RowPreview(row.number, SKIPPED, note=f"Ligne de titre : les actions suivantes sans section "
                                                            f"vont dans « {section.code} {section.title} ».")
            return RowPreview(row.number, SKIPPED, note=f"Ligne de titre « {row.banner} » ignorée.")
        if looks_like_total(self.table, row, self.result.mapping):
            return RowPreview(row.number, SKIPPED, note="Ligne de total ignorée.")
        return None

    def where(self, number: int, column: int | None) -> dict:
        if column is None:
            return dict(sheet=self.table.sheet, row=number)
        return dict(sheet=self.table.sheet, row=number, column=self.table.letter(column),
                    header=self.table.headers[column] or None)

    # -- one row ---------------------------------------------------------------------------------------
    def build(self, p: ParsedRow, duplicates: dict[str, list[int]]) -> RowPreview:
        v = p.values
        ref = str(v["reference"]) if "reference" in v else None
        problems = list(p.problems)
        if ref is not None and ref.casefold() in duplicates:
            others = [str(n) for n in duplicates[ref.casefold()] if n != p.number]
            problems.append(ImportProblem(f"La référence « {ref} » figure aussi ligne {', '.join(others)} : chaque "
                                          "action doit avoir sa propre référence.",
                                          **self.where(p.number, p.columns["reference"])))
        action_id = self.catalogue.references.get(ref.casefold()) if ref else None
        note = ""
        if action_id is not None:
            bundle = self.service.load(action_id)
            row = RowPreview(p.number, UPDATE, bundle, action_id, bundle.action.row_version)
        else:
            if ref is None:
                ref = self.new_reference(v.get("inscription_year"))
                note = f"Référence attribuée : {ref}."
            action = Action(contract_id=self.result.contract_id, reference=ref, title="")
            row = RowPreview(p.number, NEW, ActionBundle(action, [], [], full_assessment([])), note=note)
        row.problems = problems
        self.set_fields(row, p)
        self.set_financing(row, p)
        return row

    def new_reference(self, year: int | None) -> str:
        ref = self.service.next_reference(self.result.contract_id, year)
        prefix, number = ref.rsplit("-", 1)
        n = int(number)
        while ref.casefold() in self.used_refs:
            n += 1
            ref = f"{prefix}-{n}"
        self.used_refs.add(ref.casefold())
        return ref

    def set_fields(self, row: RowPreview, p: ParsedRow) -> None:
        a = row.bundle.action
        for key, value in p.values.items():
            if key == "reference":
                continue
            if key == "section":
                a.section_id = value.id
            elif key == "owner":
                self.set_owner(row, p, value)
            else:
                setattr(a, key, value)

    def set_owner(self, row: RowPreview, p: ParsedRow, org: Organisation) -> None:
        if org.id is not None:
            row.bundle.action.owner_id = org.id
            return
        if not self.result.options.create_organisations:
            row.problems.append(ImportProblem(
                f"« {org.name} » n'est pas dans l'annuaire : ajoutez-le, ou cochez « Créer les organisations "
                "inconnues ».", **self.where(p.number, p.columns["owner"])))
            return
        key = normalise(org.name)
        if key not in self.result.new_organisations:
            header = normalise(self.table.headers[p.columns["owner"]])
            kind = OrgKind.COMMUNE if _COMMUNE.match(key + " ") or header.startswith("commune") else OrgKind.AUTRE
            self.result.new_organisations[key] = Organisation(name=org.name, kind=kind)
        row.new_owner = key
        row.note = " ".join(x for x in (row.note, f"Nouvelle organisation : {org.name}.") if x)

    def set_financing(self, row: RowPreview, p: ParsedRow) -> None:
        year = p.values.get("inscription_year")
        lines = row.bundle.financing
        for column, target, amount in p.financing:
            line = next((x for x in lines if (x.funder_id, x.scheme_id) == (target.funder_id, target.scheme_id)
                         and (year is None or x.year in (None, year))), None)
            if line is None:
                line = FinancingLine(action_id=row.action_id, funder_id=target.funder_id, scheme_id=target.scheme_id,
                                     category=self.catalogue.default_category(target.funder_id, target.scheme_id),
                                     year=year)
                lines.append(line)
            if line.year is None and year is not None:
                line.year = year
            setattr(line, target.stage.value, amount)
            status = _STATUS_OF_STAGE[target.stage]
            if line.status in _STATUS_ORDER and _STATUS_ORDER.index(status) > _STATUS_ORDER.index(line.status):
                line.status = status
            self.line_columns.setdefault(id(line), column)

    # -- rules -------------------------------------------------------------------------------------------
    def check(self, row: RowPreview, p: ParsedRow) -> None:
        own = row.reference.casefold()
        others = self.used_refs - {own}
        for problem in self.service.problems(row.bundle, others):
            row.problems.append(ImportProblem(self.message(row, problem), level=problem.level,
                                              **self.where(p.number, self.column_of(row, p, problem.field))))

    def column_of(self, row: RowPreview, p: ParsedRow, field_name: str) -> int | None:
        m = re.match(r"financing\[(\d+)\]", field_name)
        if m and int(m.group(1)) < len(row.bundle.financing):
            return self.line_columns.get(id(row.bundle.financing[int(m.group(1))]))
        key = RULE_FIELDS.get(field_name)
        if key is None:
            return None
        if key in p.columns:
            return p.columns[key]
        return next((c for c, t in sorted(self.result.mapping.items()) if t.field == key), None)  # the empty cell

    def message(self, row: RowPreview, problem) -> str:
        m = re.match(r"financing\[(\d+)\]", problem.field)
        text = problem.message
        if m and int(m.group(1)) < len(row.bundle.financing):
            line = row.bundle.financing[int(m.group(1))]
            funding = self.catalogue.funding(line.funder_id, line.scheme_id)
            text = re.sub(r"^Ligne \d+ : ", "", text)
            text = f"{funding.label if funding else 'Financement'} : {text}"
        return text
