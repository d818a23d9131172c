"""Comparing an edited workbook with the workspace: the list of changes the preview shows.

Three versions of each row meet here: the values *exported* (kept in the hidden sheet), the values in
the *workbook* now, and the *current* values of the application. A cell the partner edited is one whose
workbook value differs from the exported one; it becomes a change from the current value to the new
one. A row that was also changed in the application since the export (its row_version moved) is
flagged as a conflict rather than silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, Phase
from crte_desktop.domain.text import fold
from crte_desktop.domain.wording import plural
from crte_desktop.excel import workbook_data
from crte_desktop.excel.cells import canonical, display, same
from crte_desktop.excel.campaign_intake import campaign_of, proposals
from crte_desktop.excel.import_reader import ReadRow, ReadSheet, WorkbookContent, read_workbook
from crte_desktop.excel.layout import ACTIONS, DATA_SHEETS, FINANCING, INDICATORS, PROPOSALS, Column, Kind, SheetLayout
from crte_desktop.excel.problems import ImportProblem, ImportRefused
from crte_desktop.excel.sheet_writer import snapshot_value

CHANGED, NEW, DELETED = "changed", "new", "deleted"

# Columns a row cannot do without, and the value a new row gets when the partner left them empty
# (None: no default, the cell must be filled; "scheme": the default category of the line's scheme).
NOT_NULL = {
    ACTIONS.name: {"reference": None, "title": None, "status": ActionStatus.A_VENIR, "progress": 0},
    FINANCING.name: {"action_ref": None, "funder": None, "category": "scheme", "status": FinancingStatus.PREVU},
    INDICATORS.name: {"action_ref": None, "name": None},
}


@dataclass
class Change:
    """One difference the user accepts or not."""

    sheet: str
    row: int | None  # row in the edited workbook; for a deleted row, where the export wrote it
    kind: str  # CHANGED, NEW, DELETED
    label: str  # the record: "2021-3 — Piscine", "État / DSIL — 2021-3"
    ident: str | None = None
    column: str = ""  # header of the changed cell ("" for a whole row)
    key: str | None = None  # column key of the changed cell
    old: str = ""
    new: str = ""
    value: object = None  # the new value, as the application takes it (CHANGED)
    values: dict = field(default_factory=dict)  # every value of a NEW row
    conflict: bool = False
    note: str = ""  # e.g. what a deletion takes with it

    @property
    def where(self) -> str:
        if self.kind == DELETED:
            return f"{self.sheet}, ligne {self.row} à l'export"
        return f"{self.sheet}, ligne {self.row}"

    def describe(self) -> str:
        head = f"{self.where} ({self.label})"
        if self.kind == CHANGED:
            text = f"{head}, « {self.column} » : {self.old} → {self.new}"
        elif self.kind == NEW:
            text = f"{head} : nouvelle ligne — {self.new}"
        else:
            text = f"{head} : ligne supprimée" + (f" ({self.note})" if self.note else "")
        return ("[CONFLIT] " if self.conflict else "") + text


@dataclass
class ImportPlan:
    path: Path
    contract_id: int
    contract_name: str
    exported_at: datetime | None
    current: workbook_data.WorkspaceData
    content: WorkbookContent
    changes: list[Change]
    problems: list[ImportProblem]
    campaign: object = None  # campaign_intake.CampaignRef of a revue de projets workbook, else None

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.conflict]


def plan_import(store, path: Path | str, expected_campaign_id: int | None = None) -> ImportPlan:
    """Read the workbook at ``path`` and compare it with the workspace. Writes nothing.

    A revue de projets workbook must belong to a campaign of its contract (to ``expected_campaign_id`` when
    given); its proposed projects become NEW changes of the « Nouveaux projets » sheet.

    Raises ImportRefused when the file cannot be imported at all (not a workbook of this workspace…);
    problems in cells are listed in the plan (errors make ``apply`` refuse)."""
    content = read_workbook(path)
    meta = content.meta
    if meta["workspace_uuid"] != store.workspace_uuid:
        raise ImportRefused(f"Ce classeur a été exporté d'un autre espace de travail (contrat « {meta['contract_name']} ») : "
                            "il ne peut être réimporté que dans l'espace de travail d'où il vient.")
    contract = next((c for c in ContractRepository(store).contracts() if c.uuid == meta["contract_uuid"]), None)
    if contract is None:
        raise ImportRefused(f"Le contrat de ce classeur (« {meta['contract_name']} ») n'existe plus dans cet espace "
                            "de travail.")
    ref = campaign_of(store, content, contract.id, expected_campaign_id)
    current = workbook_data.load(store, contract.id)
    try:
        exported_at = datetime.fromisoformat(meta["exported_at"])
    except ValueError:
        exported_at = None
    problems = list(content.problems)
    changes: list[Change] = []
    differ = _Differ(current, content, problems, changes)
    differ.final_references()
    for layout in DATA_SHEETS:
        sheet = content.sheets.get(layout.name)
        if sheet is not None:
            differ.sheet(layout, sheet)
    if ref is not None:
        for row, values in proposals(content, problems):
            changes.append(Change(PROPOSALS.name, row, NEW, values["title"], new=_proposal_text(values),
                                  values=values))
    return ImportPlan(Path(path), contract.id, contract.name, exported_at, current, content, changes, problems, ref)


def _proposal_text(values: dict) -> str:
    """"projet proposé, phase Étude, 120 000,00 €, 01/03/2026 → 31/12/2027"."""
    from crte_desktop.domain.money import format_amount

    parts = ["projet proposé (action « en préparation »)"]
    if values.get("phase") is not None:
        parts.append(f"phase {values['phase'].label}")
    if values.get("total_cost") is not None:
        parts.append(format_amount(values["total_cost"]))
    if values.get("start_date") or values.get("end_date"):
        parts.append(f"{format_date(values.get('start_date')) or '?'} → {format_date(values.get('end_date')) or '?'}")
    return ", ".join(parts)


class _Differ:
    def __init__(self, current: workbook_data.WorkspaceData, content: WorkbookContent,
                 problems: list[ImportProblem], changes: list[Change]):
        self.current = current
        self.content = content
        self.problems = problems
        self.changes = changes
        self.resolver = _Resolver(current)
        self.final_refs: dict[str, str] = {}  # see final_references

    def error(self, message: str, sheet: ReadSheet, row: int | None, key: str | None = None, level: str = "error"):
        col = sheet.layout.column(key) if key else None
        self.problems.append(ImportProblem(message, sheet=sheet.layout.name, row=row,
                                           column=sheet.letter(key) if key else None,
                                           header=col.header if col else None, level=level))

    # -- one sheet ----------------------------------------------------------------------------------
    def sheet(self, layout: SheetLayout, sheet: ReadSheet) -> None:
        seen: set[str] = set()
        for row in sheet.rows:
            if row.ident is None:
                self.new_row(layout, sheet, row)
                continue
            if row.ident in seen:
                self.error(f"Identifiant « {row.ident} » en double : une ligne a été copiée avec sa colonne masquée. "
                           "Videz l'identifiant de la copie pour en faire une nouvelle ligne.", sheet, row.number)
                continue
            seen.add(row.ident)
            exported = self.content.exported.get(row.ident)
            if exported is None or exported.sheet != layout.name:
                self.error(f"Identifiant « {row.ident} » inconnu (ne modifiez pas la colonne masquée).", sheet,
                           row.number)
                continue
            self.changed_row(layout, sheet, row, exported)
        exported_here = [e for e in self.content.exported.values() if e.sheet == layout.name]
        if exported_here and not sheet.rows:
            self.error("La feuille ne contient plus aucune ligne : l'import est refusé, car il supprimerait toutes "
                       f"les lignes « {layout.name} » du contrat.", sheet, None)
            return
        for e in exported_here:
            if e.ident not in seen:
                self.deleted_row(layout, e)

    def changed_row(self, layout: SheetLayout, sheet: ReadSheet, row: ReadRow, exported) -> None:
        current = self.current.row(row.ident)
        edited = []
        for i, col in enumerate(layout.columns):
            if col.key not in sheet.columns:
                continue
            if col.key in row.bad:
                is_edited = True
            else:
                is_edited = not same(col.kind, snapshot_value(col.kind, row.values.get(col.key)), exported.snapshot[i])
            if not is_edited:
                continue
            if not col.editable:
                self.error("Colonne calculée ou non modifiable depuis le classeur : la modification est ignorée.",
                           sheet, row.number, col.key, level="warning")
            elif col.key not in row.bad:
                edited.append(col)
        if not edited:
            return
        if current is None:
            self.error("Cette ligne a été supprimée dans l'application depuis l'export : ses modifications sont "
                       "ignorées.", sheet, row.number, level="warning")
            return
        if layout is INDICATORS and current.action_id is None:
            self.error("Indicateur du contrat ou d'une section : il se modifie dans l'application, pas dans le "
                       "classeur (modification ignorée).", sheet, row.number, level="warning")
            return
        conflict = current.version != exported.version
        label = _label(layout, current.values)
        for col in edited:
            new = row.values.get(col.key)
            value = self.resolve(layout, sheet, row, col, new, current.values)
            if value is _INVALID:
                continue
            if new is None and col.key in NOT_NULL[layout.name]:
                self.error("Cette valeur est obligatoire : la cellule ne peut pas être vidée.", sheet, row.number,
                           col.key)
                continue
            if col.key == "action_ref" and not self.check_action_ref(sheet, row, new, current.action_id):
                continue
            if col.key == "funder" and "scheme" not in [c.key for c in edited]:
                if not self.resolver.scheme_fits(current.values.get("scheme"), value):
                    self.error(f"Le dispositif « {current.values.get('scheme')} » de cette ligne n'appartient pas au "
                               f"financeur « {value.label} » : changez aussi le dispositif.", sheet, row.number, col.key)
                    continue
            old = current.values.get(col.key)
            if same(col.kind, canonical(col.kind, old), canonical(col.kind, _shown(col, new, value))):
                continue  # already so in the application
            self.changes.append(Change(layout.name, row.number, CHANGED, label, row.ident, col.header, col.key,
                                       display(col.kind, old), display(col.kind, _shown(col, new, value)), value,
                                       conflict=conflict))
        if layout is INDICATORS:
            self.check_measurement(sheet, row, current)

    def new_row(self, layout: SheetLayout, sheet: ReadSheet, row: ReadRow) -> None:
        if row.bad:
            return  # the unreadable cells are already reported
        values = {}
        ok = True
        for col in layout.editable:
            new = row.values.get(col.key)
            if new is None and col.key in NOT_NULL[layout.name]:
                default = NOT_NULL[layout.name][col.key]
                if default is None:
                    self.error("Valeur obligatoire pour une nouvelle ligne.", sheet, row.number, col.key)
                    ok = False
                    continue
                if default != "scheme":
                    values[col.key] = default
                continue
            value = self.resolve(layout, sheet, row, col, new, row.values)
            if value is _INVALID:
                ok = False
                continue
            values[col.key] = value
        if layout is not ACTIONS and not self.check_action_ref(sheet, row, values.get("action_ref"), None):
            ok = False
        if not ok:
            return
        if layout is FINANCING and values.get("category") is None:
            values["category"] = self.resolver.default_category(values.get("scheme"))
        shown = {c.key: row.values.get(c.key) for c in layout.columns}
        summary = "; ".join(f"{c.header} : {display(c.kind, row.values.get(c.key))}" for c in layout.editable
                            if row.values.get(c.key) is not None)
        self.changes.append(Change(layout.name, row.number, NEW, _label(layout, shown), None, values=values,
                                   new=summary))
        if layout is INDICATORS and (values.get("last_date") is None) != (values.get("last_value") is None):
            self.error("Une mesure a besoin d'une date et d'une valeur.", sheet, row.number,
                       "last_value" if values.get("last_value") is None else "last_date")

    def deleted_row(self, layout: SheetLayout, exported) -> None:
        current = self.current.row(exported.ident)
        if current is None:
            return  # already deleted in the application
        if layout is INDICATORS and current.action_id is None:
            self.problems.append(ImportProblem("Ligne d'un indicateur du contrat supprimée : il ne se supprime que "
                                               "dans l'application (ligne conservée).", sheet=layout.name,
                                               row=exported.row, level="warning"))
            return
        note = ""
        if layout is ACTIONS:
            n_fin = sum(1 for r in self.current.rows[FINANCING.name] if r.action_id == current.entity_id)
            n_ind = sum(1 for r in self.current.rows[INDICATORS.name] if r.action_id == current.entity_id)
            if n_fin or n_ind:
                note = f"avec {plural(n_fin, 'financement')} et {plural(n_ind, 'indicateur')}"
        self.changes.append(Change(layout.name, exported.row, DELETED, _label(layout, current.values), exported.ident,
                                   conflict=current.version != exported.version, note=note))

    # -- values ---------------------------------------------------------------------------------------
    def resolve(self, layout, sheet, row, col: Column, new, context: dict):
        """The application's value for a cell (a status, a funder id…), or _INVALID after reporting why."""
        if new is None or col.kind is not Kind.CHOICE:
            if new is None and col.kind is Kind.TEXT and col.key not in NOT_NULL[layout.name]:
                return ""  # text columns hold "" rather than nothing
            return new
        try:
            return self.resolver.resolve(layout, col.key, new, context, row.values)
        except ValueError as exc:
            self.error(str(exc), sheet, row.number, col.key)
            return _INVALID

    def check_measurement(self, sheet: ReadSheet, row: ReadRow, current) -> None:
        """The last measurement can be corrected or followed by a later one, not removed or moved back."""
        if "last_date" not in sheet.columns and "last_value" not in sheet.columns:
            return
        old_date, old_value = current.values["last_date"], current.values["last_value"]
        new_date = row.values.get("last_date", old_date) if "last_date" in sheet.columns else old_date
        new_value = row.values.get("last_value", old_value) if "last_value" in sheet.columns else old_value
        if (new_date, new_value) == (old_date, old_value):
            return
        if new_date is None or new_value is None:
            if old_date is not None or (new_date, new_value) != (None, None):
                self.error("Une mesure a besoin d'une date et d'une valeur (pour supprimer une mesure, utilisez "
                           "l'application).", sheet, row.number, "last_value" if new_value is None else "last_date")
        elif old_date is not None and new_date < old_date:
            self.error(f"La nouvelle mesure ne peut pas précéder la dernière mesure connue ({format_date(old_date)}).",
                       sheet, row.number, "last_date")

    def final_references(self) -> None:
        """Reference (case-folded) → the action it names once the workbook is applied ("A12", or "row 7" for a
        new action); a reference given twice in the Actions sheet is reported."""
        refs: dict[str, str] = {}
        sheet = self.content.sheets.get(ACTIONS.name)
        if sheet is not None:
            first: dict[str, int] = {}
            for row in sheet.rows:
                ref = row.values.get("reference")
                if not ref:
                    continue
                if ref.casefold() in first:
                    self.error(f"La référence « {ref} » figure deux fois (voir la ligne {first[ref.casefold()]}).",
                               sheet, row.number, "reference")
                    continue
                first[ref.casefold()] = row.number
                refs[ref.casefold()] = row.ident or f"row {row.number}"
        if sheet is None or "reference" not in sheet.columns:  # no usable Actions sheet: nothing renamed or deleted
            refs = {r.values["reference"].casefold(): r.ident for r in self.current.rows[ACTIONS.name]}
        self.final_refs = refs

    def check_action_ref(self, sheet: ReadSheet, row: ReadRow, ref: str | None, current_action: int | None) -> bool:
        """A financing line or an indicator names an action of the workbook; False when it names none, or
        the one it already belongs to (then no change)."""
        if not ref:
            return False
        target = self.final_refs.get(ref.casefold())
        if target is None:
            self.error(f"Aucune action n'a la référence « {ref} » dans ce classeur.", sheet, row.number, "action_ref")
            return False
        return current_action is None or target != f"{ACTIONS.prefix}{current_action}"


_INVALID = object()


def _shown(col: Column, typed, value):
    """The value to display and compare for a cell: the label chosen, for a drop-down list."""
    if col.kind is Kind.CHOICE and value is not None and hasattr(value, "label"):
        return value.label
    return typed if col.kind is Kind.CHOICE else value


def _label(layout: SheetLayout, values: dict) -> str:
    if layout is ACTIONS:
        return f"{values.get('reference') or '?'} — {values.get('title') or ''}".strip(" —")
    if layout is FINANCING:
        parts = [values.get("funder"), values.get("scheme")]
        what = " / ".join(str(p) for p in parts if p)
        return f"{what} — action {values.get('action_ref') or '?'}"
    return f"{values.get('name') or '?'} — action {values.get('action_ref') or '—'}"


@dataclass
class ResolvedChoice:
    """A funder or scheme found from the text of a cell: its id and its label."""

    id: int
    label: str


class _Resolver:
    """Drop-down texts (typed by hand, in any case, with or without accents) → the application's values."""

    def __init__(self, current: workbook_data.WorkspaceData):
        self.current = current
        self.status: dict[str, tuple[ActionStatus, str]] = {}
        for code, label in current.status_labels.items():
            member = ActionStatus.from_code(code)
            for text in (label, member.label, code):
                self.status.setdefault(fold(text), (member, label))
        self.funders: dict[str, object] = {}
        for f in current.funders:
            for text in (f.name, f.short_name):
                if text:
                    self.funders.setdefault(fold(text), f)
        self.schemes = current.schemes
        self.phases = {fold(text): p for p in Phase for text in (p.label, p.value)}

    def resolve(self, layout: SheetLayout, key: str, text: str, context: dict, row_values: dict):
        if layout is ACTIONS and key == "status":
            found = self.status.get(fold(text))
            if found is None:
                raise ValueError(f"Statut inconnu « {text} ». Choisissez dans la liste : "
                                 f"{', '.join(self.current.status_labels.values())}.")
            member, label = found
            return _LabelledStatus(member, label)
        if layout is ACTIONS and key == "phase":
            member = self.phases.get(fold(text))
            if member is None:
                raise ValueError(f"Phase inconnue « {text} ». Choisissez dans la liste : "
                                 f"{', '.join(p.label for p in Phase)}.")
            return _LabelledStatus(member, member.label)
        if key == "status":
            try:
                return FinancingStatus.from_label(text)
            except ValueError:
                raise ValueError(f"Statut de financement inconnu « {text} ». Choisissez dans la liste : "
                                 f"{', '.join(s.label for s in FinancingStatus)}.") from None
        if key == "category":
            try:
                return FinancingCategory.from_label(text)
            except ValueError:
                raise ValueError(f"Catégorie inconnue « {text} ». Choisissez dans la liste : "
                                 f"{', '.join(c.label for c in FinancingCategory)}.") from None
        if key == "funder":
            funder = self.funders.get(fold(text))
            if funder is None:
                raise ValueError(f"Financeur inconnu « {text} ». Choisissez un financeur de la liste, ou ajoutez-le "
                                 "d'abord dans l'application (Référentiels).")
            return ResolvedChoice(funder.id, funder.name)
        if key == "scheme":
            funder_text = row_values.get("funder") or context.get("funder")
            funder = self.funders.get(fold(funder_text)) if funder_text else None
            matches = [s for s in self.schemes if fold(s.name) == fold(text)]
            if not matches:
                raise ValueError(f"Dispositif inconnu « {text} ». Choisissez un dispositif de la liste, ou ajoutez-le "
                                 "d'abord dans l'application (Référentiels).")
            if funder is None:
                return ResolvedChoice(matches[0].id, matches[0].name)
            own = [s for s in matches if s.funder_id == funder.id]
            if not own:
                raise ValueError(f"Le dispositif « {text} » n'appartient pas au financeur « {funder.name} ».")
            return ResolvedChoice(own[0].id, own[0].name)
        if key == "mesure":
            found = next((m for m in self.current.mesures if fold(m.name) == fold(text)), None)
            if found is None:
                raise ValueError(f"Mesure du Fonds vert inconnue « {text} ». Choisissez une mesure de la liste, ou "
                                 "ajoutez-la d'abord dans l'application (Référentiels).")
            return ResolvedChoice(found.id, found.name)
        raise ValueError(f"Valeur « {text} » non reconnue.")  # pragma: no cover - every list is handled above

    def scheme_fits(self, scheme_name: str | None, funder: ResolvedChoice) -> bool:
        if not scheme_name:
            return True
        return any(s.funder_id == funder.id and s.name == scheme_name for s in self.schemes)

    def default_category(self, scheme) -> FinancingCategory:
        if scheme is not None:
            found = next((s for s in self.schemes if s.id == scheme.id), None)
            if found is not None and found.default_category is not None:
                return found.default_category
        return FinancingCategory.CONTRACTUALISE


@dataclass
class _LabelledStatus:
    """An action status with the label the user gave it (the workbook shows that label); a phase likewise."""

    member: ActionStatus | Phase
    label: str
