"""Saving a fiche action with its financing plan, indicators and assessment, as one user action."""

from __future__ import annotations

import copy
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.domain import rules
from crte_desktop.domain.action import Action, Assessment, full_assessment
from crte_desktop.domain.errors import DomainError, Problem, ValidationError
from crte_desktop.domain.financing import FinancingLine, FinancingTotals, compute_totals
from crte_desktop.domain.indicator import Indicator
from crte_desktop.editing.steps import Step


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
        """The next free reference "YYYY-n" for the year (the contracts' own numbering)."""
        from datetime import date

        year = year or date.today().year
        used = self.actions.references(contract_id)
        numbers = [int(m.group(1)) for r in used if (m := re.fullmatch(rf"{year}-(\d+)", r))]
        return f"{year}-{max(numbers, default=0) + 1}"

    def totals(self, bundle: ActionBundle) -> FinancingTotals:
        return compute_totals(bundle.action.total_cost, bundle.financing,
                              self._reference("public", self.directory.public_funder_ids))

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
                                          self._reference("public", self.directory.public_funder_ids))
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
    def save(self, bundle: ActionBundle, other_references: set[str] | None = None) -> Changes:
        """Validate then write the whole bundle in one transaction. Raises ValidationError.
        ``other_references``: as for ``problems`` (a caller saving many actions checks them itself)."""
        errors = rules.errors(self.problems(bundle, other_references))
        if errors:
            raise ValidationError(errors)
        with self.store.transaction():
            self.actions.save(bundle.action)
            aid = bundle.action.id
            self.financing.replace_for_action(aid, bundle.financing, self.line_label)
            self.indicators.replace_for_action(bundle.action.contract_id, aid, bundle.indicators)
            self.actions.save_assessment(aid, bundle.assessment)
        return self.store.notify(Changes(actions={aid}))

    def delete(self, action_id: int) -> ActionBundle:
        """Delete an action and all it holds; returns the snapshot that ``restore`` puts back."""
        snapshot = self.load(action_id)
        with self.store.transaction():
            self.actions.delete(action_id)
        self.store.notify(Changes(actions={action_id}))
        return snapshot

    def restore(self, snapshot: ActionBundle) -> Changes:
        """Put back a deleted action with the same ids (undo of a deletion)."""
        return self.save(snapshot.copy())

    # -- undo steps (editing/steps.py) ----------------------------------------------------------
    def save_step(self, before: ActionBundle | None, saved: ActionBundle) -> Step:
        """The undo step of a save just done: ``before`` as stored until then (None: a creation), ``saved``
        as written, with the ids it was given (redo gives them again, undo deletes or saves ``before`` back)."""
        before = before.copy() if before is not None else None
        after = [saved.copy()]

        def redo() -> None:
            again = after[0].copy()
            self.save(again)
            after[0] = again

        def undo() -> None:
            if before is None:
                self.delete(after[0].action.id)
            else:
                self.save(before.copy())

        verb = "Création" if before is None else "Modification"
        return Step(f"{verb} de l'action {saved.action.reference}", redo, undo)

    def delete_with_step(self, action_id: int, reference: str) -> Step:
        """Delete the action now; the step puts it back with its ids (undo) or deletes it again (redo)."""
        snapshot = [self.delete(action_id)]

        def redo() -> None:
            snapshot[0] = self.delete(action_id)

        return Step(f"Suppression de l'action {reference}", redo, lambda: self.restore(snapshot[0]))

    def line_label(self, line: FinancingLine) -> str:
        funder = next((f.label for f in self._reference("funders", self.directory.funders)
                       if f.id == line.funder_id), "?")
        scheme = next((s.name for s in self._reference("schemes", self.directory.schemes) if s.id == line.scheme_id), "")
        return " / ".join(p for p in (funder, scheme, str(line.year or "")) if p)
