"""Saving a fiche action with its financing plan, indicators and assessment, as one user action."""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.history import HistoryRepository, changed_elsewhere_message
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.domain import rules
from crte_desktop.domain.action import Action, Assessment, full_assessment
from crte_desktop.domain.errors import DomainError, Problem, ValidationError
from crte_desktop.domain.financing import FinancingLine, FinancingTotals, compute_totals
from crte_desktop.domain.history import diff
from crte_desktop.domain.indicator import Indicator
from crte_desktop.domain.references import next_reference
from crte_desktop.editing.steps import Step, same_content, version_to_expect


@dataclass
class ActionBundle:
    """Everything the action form edits; saved and undone as one piece."""

    action: Action
    financing: list[FinancingLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    assessment: list[Assessment] = field(default_factory=list)

    def copy(self) -> "ActionBundle":
        return copy.deepcopy(self)


class ActionService:
    def __init__(self, store):
        self.store = store
        self.actions = ActionRepository(store)
        self.financing = FinancingRepository(store)
        self.indicators = IndicatorRepository(store)
        self.directory = DirectoryRepository(store)
        self.national = NationalReferenceRepository(store)
        self._cache: dict | None = None

    @contextmanager
    def reference_data_read_once(self):
        """Within the block, funders, schemes and public funders are read once, not for every action (a
        first import checks and saves thousands)."""
        self._cache = {}
        try:
            yield self
        finally:
            self._cache = None

    def _reference(self, name: str, read):
        if self._cache is None:
            return read()
        if name not in self._cache:
            self._cache[name] = read()
        return self._cache[name]

    # -- reading -----------------------------------------------------------------------------------
    def load(self, action_id: int) -> ActionBundle:
        action = self.actions.get(action_id)
        if action is None:
            raise DomainError("Cette action n'existe plus (elle a peut-être été supprimée).")
        return ActionBundle(action, self.financing.for_action(action_id), self.indicators.for_action(action_id),
                            self.actions.assessment(action_id))

    def new_bundle(self, contract_id: int, section_id: int | None = None, year: int | None = None) -> ActionBundle:
        action = Action(contract_id=contract_id, reference=self.next_reference(contract_id, year), title="",
                        section_id=section_id, inscription_year=year)
        return ActionBundle(action, [], [], full_assessment([]))

    def next_reference(self, contract_id: int, year: int | None = None) -> str:
        """The next reference in the contract's own numbering (D-24 after D-23; "YYYY-n" by year):
        ``domain.references.next_reference``."""
        from datetime import date

        return next_reference(self.actions.references_in_order(contract_id), year or date.today().year)

    def totals(self, bundle: ActionBundle) -> FinancingTotals:
        return compute_totals(bundle.action.total_cost, bundle.financing,
                              self._reference("public", self.directory.public_funder_ids),
                              self._reference("own_funds", self.directory.own_funds_funder_ids))

    # -- rules ---------------------------------------------------------------------------------------
    def problems(self, bundle: ActionBundle, other_references: set[str] | None = None) -> list[Problem]:
        """Every rule the bundle breaks. ``other_references``: the references of the contract's other
        actions, when the caller already has them (checking a whole contract); else they are read."""
        a = bundle.action
        if other_references is None:
            other_references = self.actions.references(a.contract_id, a.id)
        for line in bundle.financing:
            line.fill_paid()
        problems = rules.check_action(a, other_references)
        if a.lever_ids:
            problems += rules.check_levers(a.lever_ids, self._reference("levers", self.national.lever_names))
        problems += rules.check_financing(a.total_cost, bundle.financing,
                                          self._reference("public", self.directory.public_funder_ids),
                                          self._reference("own_funds", self.directory.own_funds_funder_ids))
        for ind in bundle.indicators:
            problems += rules.check_indicator(ind)
        funders = {f.id for f in self._reference("funders", self.directory.funders)}
        schemes = {s.id: s.funder_id for s in self._reference("schemes", self.directory.schemes)}
        mesures = {m.id for m in self._reference("mesures", self.national.mesures)} \
            if any(line.mesure_id for line in bundle.financing) else set()
        for i, line in enumerate(bundle.financing):
            if line.funder_id not in funders:
                problems.append(Problem(f"financing[{i}].funder", f"Ligne {i + 1} : financeur inconnu."))
            if line.scheme_id is not None and schemes.get(line.scheme_id) != line.funder_id:
                problems.append(Problem(f"financing[{i}].scheme", f"Ligne {i + 1} : ce dispositif n'appartient pas à ce financeur."))
            if line.mesure_id is not None and line.mesure_id not in mesures:
                problems.append(Problem(f"financing[{i}].mesure_id", f"Ligne {i + 1} : mesure du Fonds vert inconnue."))
        return problems

    # -- writing -------------------------------------------------------------------------------------
    def save(self, bundle: ActionBundle, other_references: set[str] | None = None, *, undoing: bool = False,
             check_version: bool = True) -> Changes:
        """Validate then write the whole bundle in one transaction. Raises ValidationError, or
        ConcurrentChangeError when the fiche changed elsewhere since ``bundle`` was loaded (``undoing``: the
        refusal is worded for an undo). ``other_references``: as for ``problems`` (a caller saving many
        actions checks them itself). ``check_version=False``: a replay putting back a state it recorded
        itself (the redo of an import, a programme put back with its meeting)."""
        errors = rules.errors(self.problems(bundle, other_references))
        if errors:
            raise ValidationError(errors)
        with self.store.transaction():
            if check_version:
                existed = self.refuse_if_changed_elsewhere(bundle.action, undoing=undoing, financing=bundle.financing)
            else:
                existed = bundle.action.id is not None and self.actions.version(bundle.action.id) is not None
                if existed:
                    bundle.action.row_version = self.actions.version(bundle.action.id)
            changed = self.actions.save(bundle.action)
            aid = bundle.action.id
            parts = [self.financing.replace_for_action(aid, bundle.financing, self.line_label),
                     self.indicators.replace_for_action(bundle.action.contract_id, aid, bundle.indicators),
                     self.actions.save_assessment(aid, bundle.assessment)]
            if existed and any(parts) and not changed:
                # the action's version is the version of the whole fiche (financing, indicators…)
                bundle.action.row_version = self.actions.bump_version(aid)
        return self.store.notify(Changes(actions={aid}))

    def refuse_if_changed_elsewhere(self, action: Action, *, undoing: bool = False, expected: int | None = None,
                                    financing: list[FinancingLine] | None = None) -> bool:
        """Optimistic concurrency: refuse to save over a fiche changed since it was loaded (another window,
        a colleague on a share whose locks lie). Returns whether the action exists."""
        if action.id is None:
            return False
        current = self.actions.version(action.id)
        if current is None:
            return False
        if current != (action.row_version if expected is None else expected):
            raise ConcurrentChangeError(changed_elsewhere_message(
                f"L'action {action.reference}", HistoryRepository(self.store).latest_change(action.id)[:1],
                self._differences(action, financing), undo=undoing))
        return True

    def _differences(self, action: Action, financing: list[FinancingLine] | None) -> list[tuple[str, str, str]]:
        """(what, as saved now, as in the refused fiche): what the save would have overwritten."""
        stored = self.actions.get(action.id)
        out = [(f, o or "", n or "") for f, o, n in diff(self.actions.readable(stored), self.actions.readable(action))]
        if financing is not None:
            mine = {line.id: line for line in financing if line.id is not None}
            for line in self.financing.for_action(action.id):
                if line.id not in mine:
                    out.append((f"financement {self.line_label(line)}", "présent", "absent de votre fiche"))
                elif mine[line.id].row_version != line.row_version:
                    out.append((f"financement {self.line_label(line)}", "modifié", "ancienne version"))
        return out

    def delete(self, action_id: int, *, expected_version: int | None = None) -> ActionBundle:
        """Delete an action and all it holds; returns the snapshot that ``restore`` puts back.
        ``expected_version`` (undoing a creation, redoing a deletion): refused if it changed since."""
        snapshot = self.load(action_id)
        if expected_version is not None:
            self.refuse_if_changed_elsewhere(snapshot.action, undoing=True, expected=expected_version)
        with self.store.transaction():
            self.actions.delete(action_id)
        self.store.notify(Changes(actions={action_id}))
        return snapshot

    def restore(self, snapshot: ActionBundle) -> Changes:
        """Put back a deleted action with the same ids (undo of a deletion)."""
        return self.save(snapshot.copy(), check_version=False)

    # -- undo steps (editing/steps.py) ----------------------------------------------------------
    def save_step(self, before: ActionBundle | None, saved: ActionBundle) -> Step:
        """The undo step of a save just done: ``before`` as stored until then (None: a creation), ``saved``
        as written, with the ids it was given (redo gives them again, undo deletes or saves ``before`` back).
        Undo and redo refuse (ConcurrentChangeError) to go over a change made elsewhere since the step."""
        before = before.copy() if before is not None else None
        after = [saved.copy()]
        left = [saved.copy()]  # the fiche as this step left it, with its version

        def redo() -> None:
            again = after[0].copy()
            again.action.row_version = self.version_to_expect(left[0])
            self.save(again, undoing=True)
            after[0] = again
            left[0] = again.copy()

        def undo() -> None:
            if before is None:
                self.delete(after[0].action.id, expected_version=self.version_to_expect(left[0]))
            else:
                back = before.copy()
                back.action.row_version = self.version_to_expect(left[0])
                self.save(back, undoing=True)
                left[0] = back.copy()

        verb = "Création" if before is None else "Modification"
        return Step(f"{verb} de l'action {saved.action.reference}", redo, undo)

    def delete_with_step(self, action_id: int, reference: str) -> Step:
        """Delete the action now; the step puts it back with its ids (undo) or deletes it again (redo) —
        refused if it was changed elsewhere after being put back."""
        snapshot = [self.delete(action_id)]
        restored: list[int | None] = [None]

        def redo() -> None:
            snapshot[0] = self.delete(action_id, expected_version=restored[0])

        def undo() -> None:
            self.restore(snapshot[0])
            restored[0] = self.actions.version(action_id)

        return Step(f"Suppression de l'action {reference}", redo, undo)

    def version_to_expect(self, left: ActionBundle | None) -> int | None:
        """The version a replay expects to find: the one the step ``left``, or the current one when the fiche
        holds exactly what it left (a later step changed it and was undone): editing/steps.py."""
        if left is None or left.action.id is None:
            return None
        current = self.actions.version(left.action.id)

        return version_to_expect(left.action.row_version, current,
                                 lambda: same_content(self.load(left.action.id), left))

    def line_label(self, line: FinancingLine) -> str:
        funder = next((f.label for f in self._reference("funders", self.directory.funders)
                       if f.id == line.funder_id), "?")
        scheme = next((s.name for s in self._reference("schemes", self.directory.schemes) if s.id == line.scheme_id), "")
        return " / ".join(p for p in (funder, scheme, str(line.year or "")) if p)
