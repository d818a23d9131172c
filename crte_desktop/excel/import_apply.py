"""Applying the accepted changes of a re-imported workbook, in one transaction.

Each action touched is loaded as an ``ActionBundle``, changed, and saved through ``ActionService`` so
that the same rules and the same history apply as in the action form. When any rule is broken by the
accepted set, the whole import is refused with the French reasons and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.editing.steps import Step, same_content, version_to_expect
from crte_desktop.excel.import_diff import DELETED, NEW, Change, ImportPlan
from crte_desktop.excel import campaign_intake
from crte_desktop.excel.layout import ACTIONS, FINANCING, INDICATORS, PROPOSALS
from crte_desktop.excel.problems import ImportProblem, ImportRefused


@dataclass
class ApplyResult:
    applied: int  # changes applied
    ignored: list[str] = field(default_factory=list)  # accepted changes left without effect, and why
    changes: Changes = field(default_factory=Changes)  # what the views must refresh
    dry_run: bool = False
    # for undo and redo: the actions touched as they were before and after, created and deleted ids
    before: list[ActionBundle] = field(default_factory=list)
    after: list[ActionBundle] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    deleted_ids: list[int] = field(default_factory=list)
    # the actions as the import, or its last undo or redo, left them — version and content; absent: it did not
    # exist then. A replay refuses to go over an action changed since.
    left: dict[int, tuple[int, ActionBundle]] = field(default_factory=dict)
    title: str = ""
    notes: list[str] = field(default_factory=list)  # what else was done (a campaign's proposals linked…)

    def summary(self) -> str:
        s = "s" if self.applied > 1 else ""
        verb = f"{'seraient' if s else 'serait'} appliqué{s}" if self.dry_run else f"appliqué{s}"
        text = f"{self.applied} changement{s} {verb}."
        if self.ignored:
            text += "\n" + "\n".join(f"  ignoré : {i}" for i in self.ignored)
        if self.notes:
            text += "\n" + "\n".join(f"  {n}" for n in self.notes)
        return text


class _DryRun(Exception):
    """Rolls back the transaction of a dry run once every rule has been checked."""


def apply_import(store, plan: ImportPlan, accepted: list[Change] | None = None, *,
                 dry_run: bool = False) -> ApplyResult:
    """Apply ``accepted`` (by default every change of the plan). Raises ImportRefused, writing nothing,
    when the plan has errors or the accepted changes break a rule."""
    if plan.errors:
        raise ImportRefused(plan.errors)
    accepted = list(plan.changes if accepted is None else accepted)
    result = ApplyResult(0, dry_run=dry_run)
    if not accepted and plan.campaign is None:  # a campaign's workbook is still marked received and integrated
        return result
    if not dry_run:
        store.snapshot_before("import")  # a version to go back to (issue 9)
    job = _Job(store, plan, result)
    result.title = f"Import du classeur « {plan.path.name} »"
    try:
        with store.context(result.title), store.transaction():
            job.run(accepted)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    except BaseException:
        if job.touched:
            store.notify(Changes(actions=set(job.touched)))  # views shown during the attempt reload the truth
        raise
    result.changes = Changes(actions=set(job.touched))
    if dry_run and job.touched:
        store.notify(result.changes)
    return result


class _Job:
    def __init__(self, store, plan: ImportPlan, result: ApplyResult):
        self.store = store
        self.plan = plan
        self.result = result
        self.service = ActionService(store)
        self.bundles: dict[int, ActionBundle] = {}  # existing actions, by id
        self.original_refs: dict[int, str] = {}  # their reference in the workspace
        self.new: dict[int, ActionBundle] = {}  # new actions, by workbook row
        self.deleted: set[int] = set()
        self.problems: list[ImportProblem] = []
        self.touched: list[int] = []
        self.line_rows: dict[int, int] = {}  # id() of a financing line or indicator → its workbook row
        self.action_rows = {r.ident: r.number for s in plan.content.sheets.values() if s.layout is ACTIONS
                            for r in s.rows if r.ident}

    # -- helpers --------------------------------------------------------------------------------------
    def bundle(self, action_id: int) -> ActionBundle:
        if action_id not in self.bundles:
            self.bundles[action_id] = self.service.load(action_id)
            self.original_refs[action_id] = self.bundles[action_id].action.reference
        return self.bundles[action_id]

    def refuse(self, message: str, change: Change) -> None:
        self.problems.append(ImportProblem(message, sheet=change.sheet, row=change.row, header=change.column or None))

    def check_version(self, change: Change, version: int) -> bool:
        """The row has not moved since the preview was made (else the user must look again)."""
        planned = self.plan.current.row(change.ident)
        if planned is not None and planned.version != version:
            self.refuse("Cette ligne a été modifiée dans l'application depuis l'aperçu : relancez l'import.", change)
            return False
        return True

    # -- the run --------------------------------------------------------------------------------------
    def run(self, accepted: list[Change]) -> None:
        by_sheet = {name: [c for c in accepted if c.sheet == name] for name in (ACTIONS.name, FINANCING.name,
                                                                                 INDICATORS.name)}
        for change in by_sheet[ACTIONS.name]:
            self.action_change(change)
        refs = self.references()
        moves: list[tuple[Change, object, ActionBundle, str]] = []
        measures: dict[int, dict[str, object]] = {}
        for change in by_sheet[FINANCING.name] + by_sheet[INDICATORS.name]:
            self.child_change(change, refs, moves, measures)
        for change, item, source, ref in moves:
            self.move(change, item, source, refs, ref)
        for ind_id, values in measures.items():
            self.measure(ind_id, values)
        if self.problems:
            raise ImportRefused(self.problems)
        self.save()
        if self.problems:
            raise ImportRefused(self.problems)
        self.campaign([c for c in accepted if c.sheet == PROPOSALS.name])

    def campaign(self, proposed: list[Change]) -> None:
        """A revue de projets workbook: the accepted proposals become the owner's actions « en préparation »,
        linked to the next COPIL's « Demandes d'inscription »; the owner is marked received and integrated."""
        ref = self.plan.campaign
        if ref is None:
            return
        today = date.today()
        bundles = campaign_intake.new_bundles(self.store, ref, [c.values for c in proposed])
        for change, bundle in zip(proposed, bundles):
            if self.save_bundle(bundle, change.row):
                self.result.after.append(bundle.copy())
                self.result.created_ids.append(bundle.action.id)
                self.result.applied += 1
        if self.problems:
            raise ImportRefused(self.problems)
        note = campaign_intake.link_to_next_copil(self.store, self.plan.contract_id,
                                                  [b.action.id for b in bundles], today)
        if note:
            self.result.notes.append(note)
        self.result.notes.append(f"« {ref.owner_name} » : classeur reçu et intégré pour la campagne "
                                 f"« {ref.campaign.name} ».")
        campaign_intake.mark_integrated(self.store, ref, today)

    def action_change(self, change: Change) -> None:
        if change.kind == NEW:
            v = change.values
            action = Action(contract_id=self.plan.contract_id, reference=v["reference"], title=v["title"],
                            status=v["status"].member if hasattr(v["status"], "member") else v["status"],
                            progress=v["progress"], start_date=v.get("start_date"), end_date=v.get("end_date"),
                            total_cost=v.get("total_cost"), inscription_year=v.get("inscription_year"))
            if v.get("phase") is not None:
                action.phase = v["phase"].member
            self.new[change.row] = ActionBundle(action, [], [], full_assessment([]))
            self.result.applied += 1
            return
        action_id = int(change.ident[1:])
        if change.kind == DELETED:
            current = ActionRepository(self.store).get(action_id)
            if current is None:
                self.result.ignored.append(f"{change.label} : déjà supprimée.")
                return
            if self.check_version(change, current.row_version):
                self.deleted.add(action_id)
                self.result.applied += 1
            return
        try:
            bundle = self.bundle(action_id)
        except DomainError:
            self.result.ignored.append(f"{change.label} : l'action n'existe plus.")
            return
        if not self.check_version(change, bundle.action.row_version):
            return
        value = change.value
        if change.key in ("status", "phase") and value is not None:
            value = value.member
        setattr(bundle.action, change.key, value)
        self.result.applied += 1

    def references(self) -> dict[str, tuple[str, int]]:
        """Reference (case-folded) → ("id", action id) or ("new", workbook row), after the accepted changes."""
        refs: dict[str, tuple[str, int]] = {}
        for a in ActionRepository(self.store).for_contract(self.plan.contract_id):
            if a.id not in self.deleted and a.id not in self.bundles:
                refs[a.reference.casefold()] = ("id", a.id)
        for action_id, b in self.bundles.items():
            if action_id not in self.deleted:
                refs[b.action.reference.casefold()] = ("id", action_id)
        for row, b in self.new.items():
            refs.setdefault(b.action.reference.casefold(), ("new", row))
        return refs

    def target(self, refs, ref: str, change: Change) -> ActionBundle | None:
        found = refs.get((ref or "").casefold())
        if found is None:
            self.refuse(f"Aucune action n'a la référence « {ref} » (sa création ou son changement de référence "
                        "n'a peut-être pas été retenu).", change)
            return None
        kind, key = found
        return self.new[key] if kind == "new" else self.bundle(key)

    def child_change(self, change: Change, refs, moves, measures) -> None:
        is_line = change.sheet == FINANCING.name
        if change.kind == NEW:
            target = self.target(refs, change.values["action_ref"], change)
            if target is None:
                return
            item = _new_line(change.values) if is_line else _new_indicator(change.values, self.plan.contract_id)
            (target.financing if is_line else target.indicators).append(item)
            self.line_rows[id(item)] = change.row
            self.result.applied += 1
            return
        planned = self.plan.current.row(change.ident)
        action_id = planned.action_id if planned else None
        if action_id in self.deleted:
            self.result.ignored.append(f"{change.label} : son action est supprimée par cet import.")
            return
        try:
            bundle = self.bundle(action_id)
        except DomainError:
            self.result.ignored.append(f"{change.label} : l'action n'existe plus.")
            return
        items = bundle.financing if is_line else bundle.indicators
        item = next((x for x in items if x.id == int(change.ident[1:])), None)
        if item is None:
            self.result.ignored.append(f"{change.label} : la ligne n'existe plus dans l'application.")
            return
        if not self.check_version(change, item.row_version):
            return
        self.result.applied += 1
        if change.kind == DELETED:
            items.remove(item)
            return
        self.line_rows[id(item)] = change.row
        if change.key == "action_ref":
            moves.append((change, item, bundle, change.value))
        elif change.key in ("last_date", "last_value"):
            measures.setdefault(item.id, {"item": item})[change.key] = change.value
        elif is_line:
            _set_line(item, change.key, change.value)
        else:
            setattr(item, change.key, "" if change.key == "unit" and change.value is None else change.value)

    def move(self, change: Change, item, source: ActionBundle, refs, ref: str) -> None:
        target = self.target(refs, ref, change)
        if target is None or target is source:
            return
        items = source.financing if isinstance(item, FinancingLine) else source.indicators
        if item in items:
            items.remove(item)
        item.id = None  # a new record in the other action (the history shows the removal and the addition)
        if isinstance(item, Indicator):
            for m in item.measurements:
                m.id = None
        (target.financing if isinstance(item, FinancingLine) else target.indicators).append(item)

    def measure(self, ind_id: int, values: dict) -> None:
        ind: Indicator = values["item"]
        latest = ind.latest
        new_date = values.get("last_date", latest.date if latest else None)
        new_value = values.get("last_value", latest.value if latest else None)
        if new_date is None or new_value is None:
            return  # the preview reported it; nothing to record
        same_day = next((m for m in ind.measurements if m.date == new_date), None)
        if same_day is not None:
            same_day.value = new_value
        elif latest is not None and "last_date" not in values:
            latest.value = new_value
        else:
            ind.measurements.append(Measurement(new_date, new_value))

    # -- writing ----------------------------------------------------------------------------------------
    def save(self) -> None:
        result = self.result
        for action_id in sorted(self.deleted):
            result.before.append(self.service.delete(action_id))
            result.deleted_ids.append(action_id)
            self.touched.append(action_id)
        pending = [self.bundles[aid] for aid in self.bundles if aid not in self.deleted]
        result.before += [self.service.load(b.action.id) for b in pending]
        for bundle in in_freeing_order(pending, self.original_refs):
            if self.save_bundle(bundle, self.action_rows.get(f"{ACTIONS.prefix}{bundle.action.id}")):
                result.after.append(bundle.copy())
        for row, bundle in self.new.items():
            if self.save_bundle(bundle, row):
                result.after.append(bundle.copy())
                result.created_ids.append(bundle.action.id)
        result.left = _as_left(self.service, result.after)

    def save_bundle(self, bundle: ActionBundle, row: int | None) -> bool:
        try:
            self.service.save(bundle)
        except ValidationError as exc:
            for p in exc.problems:
                self.problems.append(self.locate(bundle, row, p.field, p.message))
            return False
        self.touched.append(bundle.action.id)
        return True

    def locate(self, bundle: ActionBundle, row: int | None, field_name: str, message: str) -> ImportProblem:
        """Put a broken rule where the user can find it: the financing row it concerns, else the action's row."""
        ref = bundle.action.reference
        m = re.match(r"financing\[(\d+)\]", field_name)
        if m and int(m.group(1)) < len(bundle.financing):
            line_row = self.line_rows.get(id(bundle.financing[int(m.group(1))]))
            message = re.sub(r"^Ligne \d+ : ", "", message)
            return ImportProblem(f"{message[:1].upper()}{message[1:]} (action « {ref} »)", sheet=FINANCING.name,
                                 row=line_row)
        return ImportProblem(f"{message} (action « {ref} »)", sheet=ACTIONS.name, row=row)


def _set_line(line: FinancingLine, key: str, value) -> None:
    if key == "funder":
        line.funder_id = value.id
    elif key == "scheme":
        line.scheme_id = value.id if value else None
    elif key == "comment":
        line.comment = value or ""
    elif key == "mesure":
        line.mesure_id = value.id if value else None
    elif key == "ds_number":
        line.ds_number = str(value or "").strip()
    else:  # category, year, amounts, status, decision_date
        setattr(line, key, value)


def _new_line(v: dict) -> FinancingLine:
    line = FinancingLine(action_id=None, funder_id=v["funder"].id)
    for key in ("scheme", "category", "year", "planned", "requested", "granted", "paid", "status", "decision_date",
                "mesure", "ds_number", "comment"):
        if key in v:
            _set_line(line, key, v[key])
    return line


def _new_indicator(v: dict, contract_id: int) -> Indicator:
    ind = Indicator(contract_id=contract_id, name=v["name"], unit=v.get("unit") or "", baseline=v.get("baseline"),
                    target=v.get("target"), due_date=v.get("due_date"))
    if v.get("last_date") is not None and v.get("last_value") is not None:
        ind.measurements.append(Measurement(v["last_date"], v["last_value"]))
    return ind


def in_freeing_order(bundles: list[ActionBundle], held: dict[int, str]) -> list[ActionBundle]:
    """The bundles in an order where a reference handed from one action to another is freed before it is taken
    (A takes B's reference while B takes a new one: B first). ``held``: action id → its reference now."""
    pending = list(bundles)
    taken_by = {b.action.id: held.get(b.action.id, b.action.reference).casefold() for b in pending}
    order = []
    while pending:
        taken = {taken_by[b.action.id] for b in pending}
        free = [b for b in pending if b.action.reference.casefold() == taken_by[b.action.id]
                or b.action.reference.casefold() not in taken]
        for b in free or pending[:1]:  # a cycle: the rules will say which reference is taken
            pending.remove(b)
            order.append(b)
    return order


def undo_import(store, result: ApplyResult) -> Changes:
    """Put the actions back as they were before the import (one transaction, through ActionService). Refused
    (ConcurrentChangeError, worded for an undo, nothing written) when an action it would put back or delete
    was changed since the import (or its last redo) left it."""
    return _replay(store, result, f"Annulation : {result.title}", result.created_ids, result.before, result.after)


def redo_import(store, result: ApplyResult) -> Changes:
    """Apply the import again, as it was applied (after an undo); refused like ``undo_import`` when an action
    was changed since the undo."""
    return _replay(store, result, result.title, result.deleted_ids, result.after, result.before)


def _replay(store, result: ApplyResult, context: str, delete_ids: list[int], bundles: list[ActionBundle],
            held: list[ActionBundle]) -> Changes:
    """Delete ``delete_ids`` and save ``bundles`` (in an order that frees the references the ``held`` actions
    have now) in one transaction, each refused if changed since the last run left it."""
    service = ActionService(store)
    now = {b.action.id: b.action.reference for b in held}
    with store.context(context), store.transaction():
        for action_id in delete_ids:
            service.delete(action_id, expected_version=_expected(service, result, action_id))
        saved = in_freeing_order([b.copy() for b in bundles], now)
        for bundle in saved:
            bundle.action.row_version = _expected(service, result, bundle.action.id, bundle.action.row_version)
            service.save(bundle, undoing=True)
        result.left = _as_left(service, saved)
    return Changes(actions=set(delete_ids) | {b.action.id for b in bundles})


def _as_left(service: ActionService, saved: list[ActionBundle]) -> dict[int, tuple[int, ActionBundle]]:
    """The actions a run just saved, with their version now, for a later replay to compare with."""
    left = {}
    for bundle in saved:
        version = service.actions.version(bundle.action.id)
        if version is not None:
            left[bundle.action.id] = (version, bundle)
    return left


def _expected(service: ActionService, result: ApplyResult, action_id: int | None,
              otherwise: int | None = None) -> int | None:
    """The version a replay expects the action to have: the one the last run left, or the current one when the
    action holds exactly what that run saved (editing/steps.py); ``otherwise`` for an action it did not leave."""
    if action_id not in result.left:
        return otherwise
    version, content = result.left[action_id]
    return version_to_expect(version, service.actions.version(action_id),
                             lambda: same_content(service.load(action_id), content))


def import_step(store, result: ApplyResult) -> Step:
    """The undo step of an import just applied: undo puts the actions back, redo applies it again."""
    return Step(result.title, lambda: redo_import(store, result), lambda: undo_import(store, result))
