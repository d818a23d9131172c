"""The preview of a first import: for each data row, the action it would create (or the existing one it
matches), and its problems, before anything is written.

A row matches an existing action by its reference, or by its title and maître d'ouvrage: it is shown
« déjà présente » and updates that action's mapped fields only when the secretary asks
(``ImportOptions.update_existing``; an empty cell then leaves the field as it is). Any other row
creates an action (a reference "YYYY-n" is given when the row has none). Two rows of the file for the
same action are flagged; in a list of grants (one row per grant, a scheme column), they are one action
with one financing line per row. Financing columns become lines on their funder or scheme, at their
stage, for the row's year. Rules are those of the action form (``ActionService.problems``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.directory import Funder, Organisation
from crte_desktop.domain.enums import FinancingStatus, OrgKind, Stage
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.money import format_amount
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.excel.first_import.catalogue import Catalogue, normalise
from crte_desktop.excel.first_import.fields import GRANT_AMOUNT, RULE_FIELDS, SCHEME, Mapping, Target
from crte_desktop.excel.first_import.rows import Named, ParsedRow, looks_like_total, parse_row
from crte_desktop.excel.first_import.sections import NewSection, Proposal, Resolved, SectionPlan
from crte_desktop.excel.first_import.table import DataRow, Table
from crte_desktop.excel.problems import ImportProblem

NEW, UPDATE, EXISTING, SKIPPED = "new", "update", "existing", "skipped"
KIND_LABELS = {NEW: "Nouvelle", UPDATE: "Mise à jour", EXISTING: "Déjà présente", SKIPPED: "Ignorée"}
_NEW_OWNER = -2
NEW_FUNDER = -1  # funder id of a line whose funder the import creates (see RowPreview.new_funders)
_STATUS_OF_STAGE = {Stage.PLANNED: FinancingStatus.PREVU, Stage.REQUESTED: FinancingStatus.SOLLICITE,
                    Stage.GRANTED: FinancingStatus.ACCORDE, Stage.PAID: FinancingStatus.VERSE_PARTIEL}
_STATUS_ORDER = [FinancingStatus.PREVU, FinancingStatus.SOLLICITE, FinancingStatus.ACCORDE,
                 FinancingStatus.VERSE_PARTIEL]
_COMMUNE = re.compile(r"^(commune|ville|mairie) ")


@dataclass
class ImportOptions:
    create_organisations: bool = False  # create the maîtres d'ouvrage, partners and funders the directory lacks
    create_sections: bool = False  # create the sections the contract lacks (automatic without any section)
    confirmed_sections: set[str] = field(default_factory=set)  # normalised file values: "same section" confirmed
    update_existing: bool = False  # a row matching an existing action updates it


@dataclass
class RowPreview:
    number: int  # the row in the sheet
    kind: str  # NEW, UPDATE, EXISTING or SKIPPED
    bundle: ActionBundle | None = None  # what would be saved
    action_id: int | None = None  # the action updated (or matched)
    row_version: int | None = None  # its version when previewed
    new_owner: str | None = None  # key (normalised name) of an organisation to create
    new_partners: list[str] = field(default_factory=list)
    new_section: str | None = None  # key of a section to create
    new_funders: dict[int, str] = field(default_factory=dict)  # index of a financing line → funder to create
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
        return self.kind in (NEW, UPDATE) and self.bundle is not None and not self.errors

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
    new_funders: dict[str, Funder] = field(default_factory=dict)
    new_sections: dict[str, NewSection] = field(default_factory=dict)  # parents before children
    section_proposals: list[Proposal] = field(default_factory=list)  # number matches, title differs

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

    @property
    def refused_rows(self) -> list[RowPreview]:
        return [r for r in self.rows if r.kind in (NEW, UPDATE) and r.errors]

    # -- texts for the preview (dialog and command line) ----------------------------------------------
    def section_text(self, row: RowPreview) -> str:
        if row.new_section:  # "1 Transition écologique › Améliorer la qualité de l'air (nouvelle)"
            path: list[str] = []
            key: str | None = row.new_section
            while key is not None:
                planned = self.new_sections[key]
                path.insert(0, planned.title)
                if planned.parent_id is not None:
                    parent = next((s for s in self.catalogue.sections if s.id == planned.parent_id), None)
                    if parent is not None:
                        path.insert(0, f"{parent.code} {parent.title}")
                key = planned.parent_key
            return " › ".join(path) + " (nouvelle)"
        section_id = row.bundle.action.section_id if row.bundle else None
        section = next((s for s in self.catalogue.sections if s.id == section_id), None)
        return f"{section.code} {section.title}" if section else ""

    def owner_text(self, row: RowPreview) -> str:
        if row.new_owner:
            return f"{self.new_organisations[row.new_owner].name} (nouvelle)"
        owner_id = row.bundle.action.owner_id if row.bundle else None
        return self.catalogue.organisation_name(owner_id) if owner_id else ""

    def financing_text(self, row: RowPreview, separator: str = " ; ") -> str:
        """"DSIL (État) 2022 : 150 000,00 € sollicité ; Région : 80 000,00 € prévisionnel"."""
        parts = []
        for i, line in enumerate(row.bundle.financing if row.bundle else []):
            if i in row.new_funders:
                name = f"{self.new_funders[row.new_funders[i]].name} (nouveau)"
            else:
                funding = self.catalogue.funding(line.funder_id, line.scheme_id)
                name = funding.label if funding else "?"
            amounts = ", ".join(f"{format_amount(line.amount(s))} {s.label.lower()}" for s in Stage
                                if line.amount(s) is not None)
            parts.append(f"{name}{f' {line.year}' if line.year else ''} : {amounts}")
        return separator.join(parts)

    def summary(self) -> str:
        n_new, n_update, n_skip = self.count(NEW), self.count(UPDATE), self.count(SKIPPED)
        n_there = self.count(EXISTING)
        bad = len(self.refused_rows)
        text = (f"{n_new} nouvelle{'s' if n_new > 1 else ''} action{'s' if n_new > 1 else ''}, "
                f"{n_update} mise{'s' if n_update > 1 else ''} à jour, {bad} ligne{'s' if bad > 1 else ''} en erreur, "
                f"{n_skip} ligne{'s' if n_skip > 1 else ''} ignorée{'s' if n_skip > 1 else ''}.")
        if n_there:
            text += f" {n_there} action{'s' if n_there > 1 else ''} déjà présente{'s' if n_there > 1 else ''}."
        if self.new_organisations:
            k = len(self.new_organisations)
            text += f" {k} organisation{'s' if k > 1 else ''} à créer dans l'annuaire."
        if self.new_funders:
            k = len(self.new_funders)
            text += f" {k} financeur{'s' if k > 1 else ''} à créer."
        if self.new_sections:
            k = len(self.new_sections)
            text += f" {k} section{'s' if k > 1 else ''} à créer."
        return text


def preview(store, contract_id: int, table: Table, mapping: Mapping, options: ImportOptions | None = None,
            file_name: str = "", catalogue: Catalogue | None = None, control=None) -> ImportPreview:
    """What importing ``table`` with ``mapping`` would do. Writes nothing. ``control`` (optional) is told
    the progress and may cancel."""
    options = options or ImportOptions()
    catalogue = catalogue or Catalogue.load(store, contract_id)
    mapping = {c: t for c, t in mapping.items() if t is not None and 0 <= c < table.width}
    result = ImportPreview(file_name or table.sheet, table, contract_id, mapping, options, catalogue, [],
                           list(table.problems) + _mapping_problems(table, mapping, catalogue))
    if result.errors:
        return result
    builder = _Builder(store, result, control)
    with builder.service.reference_data_read_once():
        builder.run()
    return result


def _mapping_problems(table: Table, mapping: Mapping, catalogue: Catalogue) -> list[ImportProblem]:
    problems = []
    fields = {t.field for t in mapping.values()}
    where = dict(sheet=table.sheet, row=table.header_row)
    if not fields & {"title", "reference"}:
        problems.append(ImportProblem("Aucune colonne n'est associée à « Intitulé » ni à « Référence » : indiquez au "
                                      "moins la colonne des intitulés des actions.", **where))
    if (SCHEME in fields) != (GRANT_AMOUNT in fields):
        problems.append(ImportProblem("Un dispositif par ligne demande deux colonnes : « Dispositif de la ligne » et "
                                      "« Montant du dispositif de la ligne ».", **where))
    slots = Counter((t.field, t.slot) for t in mapping.values() if t.field in ("funder_name", "funder_amount"))
    for (key, slot) in list(slots):
        other = "funder_amount" if key == "funder_name" else "funder_name"
        if (other, slot) not in slots:
            problems.append(ImportProblem(f"« Financeur {slot} » demande sa colonne de nom et sa colonne de montant.",
                                          **where))
    seen: dict[Target, int] = {}
    for column, target in sorted(mapping.items()):
        if target.is_financing and catalogue.funding(target.funder_id, target.scheme_id) is None:
            problems.append(ImportProblem("Ce financeur ou ce dispositif n'existe plus dans les données de référence.",
                                          column=table.letter(column), **where))
        key = Target(target.field, target.funder_id, target.scheme_id, Stage.PLANNED if not target.is_financing
                     else target.stage, target.slot)
        if key in seen and target.field != "owner":
            what = target.label if not target.is_financing else "le même financement à la même étape"
            problems.append(ImportProblem(f"Les colonnes {table.letter(seen[key])} et {table.letter(column)} sont "
                                          f"toutes deux associées à « {what} » : gardez-en une.",
                                          column=table.letter(column), **where))
        else:
            seen[key] = column
    return problems


class _Builder:
    def __init__(self, store, result: ImportPreview, control=None):
        self.store = store
        self.result = result
        self.control = control
        self.table = result.table
        self.catalogue = result.catalogue
        options = result.options
        self.sections = SectionPlan(self.catalogue.sections, options.create_sections, set(options.confirmed_sections))
        self.service = ActionService(store)
        self.used_refs = set(self.catalogue.references)  # case-folded, existing and met in the file
        self.banner_section: Resolved | None = None  # set by a title row naming a section ("AXE 1 — …")
        self.line_columns: dict[int, int] = {}  # id() of a financing line → the column it came from
        self.grant_layout = any(t.field == SCHEME for t in result.mapping.values())

    def run(self) -> None:
        parsed: list[tuple[DataRow, ParsedRow]] = []
        rows = self.table.rows
        for i, row in enumerate(rows):
            if self.control is not None and i % 200 == 0:
                self.control.check()
                self.control.report(i, len(rows), "Lecture des lignes…")
            skipped = self.skip(row)
            if skipped is not None:
                self.result.rows.append(skipped)
                continue
            p = parse_row(self.table, row, self.result.mapping, self.catalogue)
            if self.banner_section is not None and not p.sections:
                p.sections.append((-1, Named("", -1)))  # the banner's section (see section_of)
            if "reference" not in p.values and "title" not in p.values:
                self.result.rows.append(RowPreview(row.number, SKIPPED, note="Ni référence ni intitulé : ligne ignorée."))
                continue
            if "subtitle" in p.values:  # « Action 1 » × 3 sous-actions: three different actions
                base = p.values.get("title")
                p.values["title"] = f"{base} — {p.values['subtitle']}" if base else p.values["subtitle"]
                p.columns.setdefault("title", p.columns["subtitle"])
            parsed.append((row, p))
        refs = Counter(str(p.values["reference"]).casefold() for _r, p in parsed if "reference" in p.values)
        self.used_refs |= set(refs)
        rows_of = {ref: [p.number for _r, p in parsed if str(p.values.get("reference", "")).casefold() == ref]
                   for ref, n in refs.items() if n > 1}
        previews = []
        for i, (_r, p) in enumerate(parsed):
            if self.control is not None and i % 200 == 0:
                self.control.check()
                self.control.report(i, len(parsed), "Préparation de l'aperçu…")
            previews.append(self.build(p, rows_of))
        self.flag_duplicates(previews, [p for _r, p in parsed])
        for preview_row, (_r, p) in zip(previews, parsed):
            if preview_row.kind in (NEW, UPDATE):
                self.check(preview_row, p)
        self.result.rows.extend(previews)
        self.result.rows.sort(key=lambda r: r.number)
        used = {r.new_owner for r in self.result.rows if r.new_owner and r.kind in (NEW, UPDATE)}
        used |= {k for r in self.result.rows if r.kind in (NEW, UPDATE) for k in r.new_partners}
        self.result.new_organisations = {k: v for k, v in self.result.new_organisations.items() if k in used}
        self.result.new_sections = self._used_sections()
        self.result.section_proposals = list(self.sections.proposals.values())

    def _used_sections(self) -> dict[str, NewSection]:
        wanted = {r.new_section for r in self.result.rows if r.new_section and r.kind in (NEW, UPDATE)}
        keep: set[str] = set()
        for key in wanted:
            while key is not None and key not in keep:
                keep.add(key)
                key = self.sections.new[key].parent_key
        return {k: v for k, v in self.sections.new.items() if k in keep}  # insertion order: parents first

    def skip(self, row: DataRow) -> RowPreview | None:
        if row.hint:
            return RowPreview(row.number, SKIPPED, note="Ligne d'aide du modèle (type de champ, consigne) ignorée.")
        if row.banner is not None:
            resolved = self.sections.resolve(row.banner) if self.catalogue.sections else None
            if resolved is not None and resolved.section is not None:
                self.banner_section = resolved
                section = resolved.section
                return RowPreview(row.number, SKIPPED, note=f"Ligne de titre : les actions suivantes sans section "
                                                            f"vont dans « {section.code} {section.title} ».")
            return RowPreview(row.number, SKIPPED, note=f"Ligne de titre « {row.banner} » ignorée.")
        if looks_like_total(self.table, row, self.result.mapping):
            return RowPreview(row.number, SKIPPED, note="Ligne de total ignorée.")
        return None

    def where(self, number: int, column: int | None) -> dict:
        if column is None or column < 0:
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
        row = RowPreview(p.number, NEW, ActionBundle(Action(contract_id=self.result.contract_id, reference=ref or "",
                                                            title=""), [], [], full_assessment([])))
        row.problems = problems
        owner_id = self.set_owner(row, p)
        action_id = self.catalogue.references.get(ref.casefold()) if ref else None
        how = "même référence"
        if action_id is None and "title" in v and owner_id != _NEW_OWNER:
            action_id = self.catalogue.by_title_owner.get((normalise(v["title"]), owner_id))
            how = "même intitulé et même maître d'ouvrage"
        if action_id is not None:
            bundle = self.service.load(action_id)
            found = RowPreview(p.number, UPDATE, bundle, action_id, bundle.action.row_version, problems=row.problems,
                               new_owner=row.new_owner)
            if row.bundle.action.owner_id is not None:
                bundle.action.owner_id = row.bundle.action.owner_id
            if not self.result.options.update_existing:
                found.kind = EXISTING
                found.note = (f"Déjà présente ({how}) : action « {bundle.action.reference} ». Cochez « Mettre à jour "
                              "les actions déjà présentes » pour la mettre à jour.")
                found.problems = [x for x in row.problems if not x.is_error]
                found.new_owner = None
                return found
            row = found
        elif ref is None:
            ref = self.new_reference(v.get("inscription_year"))
            row.bundle.action.reference = ref
            row.note = " ".join(x for x in (f"Référence attribuée : {ref}.", row.note) if x)
        partner_ids = self.partners(row, p)
        if partner_ids:
            row.bundle.action.partner_ids = list(dict.fromkeys(row.bundle.action.partner_ids + partner_ids))
        self.set_fields(row, p)
        self.set_section(row, p)
        self.set_financing(row, p)
        return row

    def new_reference(self, year: int | None) -> str:
        if not hasattr(self, "_next"):
            self._next: dict = {}
        prefix_ref = self.service.next_reference(self.result.contract_id, year) if year not in self._next else None
        if prefix_ref is not None:
            prefix, number = prefix_ref.rsplit("-", 1)
            self._next[year] = (prefix, int(number))
        prefix, n = self._next[year]
        ref = f"{prefix}-{n}"
        while ref.casefold() in self.used_refs:
            n += 1
            ref = f"{prefix}-{n}"
        self._next[year] = (prefix, n + 1)
        self.used_refs.add(ref.casefold())
        return ref

    def set_fields(self, row: RowPreview, p: ParsedRow) -> None:
        a = row.bundle.action
        for key, value in p.values.items():
            if key in ("reference", "subtitle"):
                continue
            setattr(a, key, value)

    def set_section(self, row: RowPreview, p: ParsedRow) -> None:
        resolved: Resolved | None = None
        for level, named in p.sections:
            if level == -1:
                resolved = self.banner_section
                continue
            resolved = self.sections.resolve(named.text, level, resolved if level > 1 else None)
            if resolved.error:
                row.problems.append(ImportProblem(resolved.error, **self.where(p.number, named.column)))
                return
        if resolved is None:
            return
        if resolved.new_key is not None:
            row.new_section = resolved.new_key
            row.bundle.action.section_id = None
        elif resolved.section is not None:
            row.bundle.action.section_id = resolved.section.id

    def set_owner(self, row: RowPreview, p: ParsedRow):
        """The owner's id; None without an owner; _NEW_OWNER for one to create."""
        if not p.owners:
            return None
        first, others = p.owners[0], p.owners[1:]
        if others:
            p.partners = others + p.partners
            row.problems.append(ImportProblem(
                f"Plusieurs organisations : « {first.text} » est le maître d'ouvrage, "
                f"{', '.join('« ' + o.text + ' »' for o in others)} en partenaires.", level="warning",
                **self.where(p.number, first.column)))
        org = self.catalogue.find_owner(first.text)
        if org is not None:
            row.bundle.action.owner_id = org.id
            return org.id
        key = self.new_organisation(row, first)
        if key is None:
            return None
        row.new_owner = key
        row.note = " ".join(x for x in (row.note, f"Nouvelle organisation : {first.text}.") if x)
        return _NEW_OWNER

    def new_organisation(self, row: RowPreview, named: Named) -> str | None:
        if not self.result.options.create_organisations:
            row.problems.append(ImportProblem(
                f"« {named.text} » n'est pas dans l'annuaire : ajoutez-le, ou cochez « Créer les organisations "
                "inconnues ».", **self.where(row.number, named.column)))
            return None
        key = normalise(named.text)
        if key not in self.result.new_organisations:
            header = normalise(self.table.headers[named.column])
            kind = OrgKind.COMMUNE if _COMMUNE.match(key + " ") or header.startswith("commune") else OrgKind.AUTRE
            self.result.new_organisations[key] = Organisation(name=named.text, kind=kind)
        return key

    def partners(self, row: RowPreview, p: ParsedRow) -> list[int]:
        ids = []
        for named in p.partners:
            org = self.catalogue.find_owner(named.text)
            if org is not None:
                if org.id not in ids and org.id != row.bundle.action.owner_id:
                    ids.append(org.id)
                continue
            key = self.new_organisation(row, named)
            if key is not None and key not in row.new_partners:
                row.new_partners.append(key)
        return ids

    def set_financing(self, row: RowPreview, p: ParsedRow) -> None:
        year = p.values.get("inscription_year")
        for column, target, amount in p.financing:
            self.add_line(row, column, target.funder_id, target.scheme_id, target.stage, amount, year)
        for slot in sorted(p.pairs):
            pair = p.pairs[slot]
            named, amount = pair.get("name"), pair.get("amount")
            if amount is None:
                continue
            if named is None:
                row.problems.append(ImportProblem(f"Montant sans financeur (financeur {slot}) : indiquez le "
                                                  "financeur.", **self.where(p.number, amount[1])))
                continue
            funding = self.catalogue.find_funding(named.text)
            if funding is not None:
                self.add_line(row, amount[1], funding.funder_id, funding.scheme_id, amount[2], amount[0], year)
                continue
            if not self.result.options.create_organisations:
                row.problems.append(ImportProblem(
                    f"Financeur « {named.text} » inconnu des données de référence : ajoutez-le (Données de "
                    "référence), ou cochez « Créer les organisations inconnues ».",
                    **self.where(p.number, named.column)))
                continue
            key = normalise(named.text)
            self.result.new_funders.setdefault(key, Funder(named.text, is_public=True))
            line = self.add_line(row, amount[1], NEW_FUNDER, None, amount[2], amount[0], year, new_funder=key)
            row.new_funders[row.bundle.financing.index(line)] = key
        grants = ([(p.scheme, p.grant)] if p.grant is not None else []) + p.grants
        for named, grant in grants:
            amount, column, stage = grant
            if named is None:
                row.problems.append(ImportProblem("Montant sans dispositif : indiquez le dispositif (DETR, DSIL…).",
                                                  **self.where(p.number, column)))
                continue
            funding = self.catalogue.find_funding(named.text)
            if funding is None:
                row.problems.append(ImportProblem(
                    f"Dispositif « {named.text} » inconnu des données de référence (dispositifs : "
                    f"{self.catalogue.funding_names()}) : ajoutez-le ou corrigez la ligne.",
                    **self.where(p.number, named.column)))
                continue
            self.add_line(row, column, funding.funder_id, funding.scheme_id, stage, amount, year)

    def add_line(self, row: RowPreview, column: int, funder_id: int, scheme_id: int | None, stage: Stage,
                 amount: Decimal, year, new_funder: str | None = None) -> FinancingLine:
        lines = row.bundle.financing
        line = None
        if new_funder is None:
            line = next((x for x in lines if (x.funder_id, x.scheme_id) == (funder_id, scheme_id)
                         and (year is None or x.year in (None, year)) and x.amount(stage) is None), None)
        else:
            line = next((x for i, x in enumerate(lines) if row.new_funders.get(i) == new_funder
                         and x.amount(stage) is None), None)
        if line is None:
            category = self.catalogue.default_category(funder_id, scheme_id) if funder_id != NEW_FUNDER else None
            line = FinancingLine(action_id=row.action_id, funder_id=funder_id, scheme_id=scheme_id,
                                 year=year, **({"category": category} if category is not None else {}))
            lines.append(line)
        if line.year is None and year is not None:
            line.year = year
        setattr(line, stage.value, amount)
        status = _STATUS_OF_STAGE[stage]
        if line.status in _STATUS_ORDER and _STATUS_ORDER.index(status) > _STATUS_ORDER.index(line.status):
            line.status = status
        self.line_columns.setdefault(id(line), column)
        return line

    # -- duplicates --------------------------------------------------------------------------------------
    def flag_duplicates(self, previews: list[RowPreview], parsed: list[ParsedRow]) -> None:
        """Two rows for one action: the same title and maître d'ouvrage (and no different reference)."""
        first: dict[tuple, int] = {}
        for i, (row, p) in enumerate(zip(previews, parsed)):
            if row.kind not in (NEW, UPDATE) or "title" not in p.values:
                continue
            owner = row.new_owner or row.bundle.action.owner_id
            key = (normalise(p.values["title"]), owner, row.action_id)
            if key not in first:
                first[key] = i
                continue
            j = first[key]
            if "reference" in p.values and "reference" in parsed[j].values:
                continue  # two references: the secretary's own numbering says two actions
            other = previews[j]
            if self.grant_layout:  # one row per grant: this row's grant is another line of the first action
                year = p.values.get("inscription_year")
                for named, grant in ([(p.scheme, p.grant)] if p.grant else []):
                    funding = self.catalogue.find_funding(named.text) if named else None
                    if funding is not None:
                        self.add_line(other, grant[1], funding.funder_id, funding.scheme_id, grant[2], grant[0], year)
                row.kind = SKIPPED
                row.note = f"Autre financement de l'action de la ligne {other.number} : ajouté à cette action."
                row.problems = [x for x in row.problems if not x.is_error]
                continue
            row.problems.append(ImportProblem(
                f"Même intitulé et même maître d'ouvrage que la ligne {other.number} : cette ligne est en double "
                "(importez l'une des deux, ou distinguez leurs intitulés).", **self.where(row.number,
                                                                                        p.columns.get("title"))))

    # -- rules -------------------------------------------------------------------------------------------
    def check(self, row: RowPreview, p: ParsedRow) -> None:
        # references: those of the file are unique (flagged above), those of the contract are matched
        # (« déjà présente ») or avoided (a reference given): the rule has nothing left to find
        for problem in self.service.problems(row.bundle, frozenset()):
            m = re.match(r"financing\[(\d+)\]\.funder", problem.field)
            if m and int(m.group(1)) in row.new_funders:
                continue  # the import creates this funder
            if problem.field == "section" and row.new_section:
                continue
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
            i = int(m.group(1))
            line = row.bundle.financing[i]
            if i in row.new_funders:
                label = self.result.new_funders[row.new_funders[i]].name
            else:
                funding = self.catalogue.funding(line.funder_id, line.scheme_id)
                label = funding.label if funding else "Financement"
            text = re.sub(r"^Ligne \d+ : ", "", text)
            text = f"{label} : {text}"
        return text
