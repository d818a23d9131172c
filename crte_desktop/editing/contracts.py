"""Editing a contract (fields, signatories, amendments) and its tree of sections.

Every write validates first (nothing touches the file when a rule is broken), runs in one
transaction (the repositories write the history) and returns the Changes it notified.
Deletions have a ``*_snapshot`` reader and a ``restore_*`` writer so that undo puts back the
same records with the same ids."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.domain import contract_rules, rules
from crte_desktop.domain.contract import Amendment, Contract, Section, Signatory
from crte_desktop.domain.errors import DomainError, Problem, ValidationError
from crte_desktop.domain.identifiers import check_crte_id
from crte_desktop.domain.text import fold
from crte_desktop.editing.steps import Step


@dataclass
class ContractBundle:
    """What the contract form edits, saved (and undone) as one piece."""

    contract: Contract
    signatories: list[Signatory] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)

    def copy(self) -> "ContractBundle":
        return copy.deepcopy(self)


@dataclass
class ContractSnapshot:
    """A deleted contract with its sections, for undo."""

    bundle: ContractBundle
    sections: list[Section]


LOGO_MAX_BYTES = 2 * 1024 * 1024


def check_logo(data: bytes) -> None:
    """A logo must be a PNG or JPEG picture of at most 2 Mo."""
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise DomainError("Le logo doit être une image PNG ou JPEG.")
    if len(data) > LOGO_MAX_BYTES:
        raise DomainError(f"Le logo est trop lourd ({len(data) // 1024} Ko) : choisissez une image de 2 Mo au plus.")


class ContractService:
    def __init__(self, store):
        self.store = store
        self.repo = ContractRepository(store)
        self.directory = DirectoryRepository(store)

    # -- reading ---------------------------------------------------------------------------------
    def contracts(self) -> list[Contract]:
        return self.repo.contracts()

    def contract(self, contract_id: int) -> Contract | None:
        return self.repo.contract(contract_id)

    def load(self, contract_id: int) -> ContractBundle:
        contract = self.repo.contract(contract_id)
        if contract is None:
            raise DomainError("Ce contrat n'existe plus (il a peut-être été supprimé).")
        return ContractBundle(contract, self.repo.signatories(contract_id), self.repo.amendments(contract_id))

    def new_bundle(self) -> ContractBundle:
        return ContractBundle(Contract(name=""))

    def sections(self, contract_id: int) -> list[Section]:
        """Numbered ("1", "1.2"…), in tree order."""
        return self.repo.sections(contract_id)

    def section(self, section_id: int) -> Section | None:
        return self.repo.section(section_id)

    def section_usage(self, section_id: int) -> int:
        """Actions in this section or below it."""
        return self.repo.section_usage(section_id)

    def section_place(self, section_id: int) -> tuple[int | None, int]:
        """(parent id, 0-based index among its siblings): where ``move_section`` puts it back."""
        s = self._existing_section(section_id)
        siblings = [x.id for x in self.repo.sections(s.contract_id) if x.parent_id == s.parent_id]
        return s.parent_id, siblings.index(section_id)

    def section_subtree(self, section_id: int) -> list[Section]:
        """The section and every section below it, parents first (what ``restore_sections`` takes)."""
        s = self._existing_section(section_id)
        all_sections = self.repo.sections(s.contract_id)
        keep = {section_id}
        for x in all_sections:  # tree order: a parent comes before its children
            if x.parent_id in keep:
                keep.add(x.id)
        return [copy.copy(x) for x in all_sections if x.id in keep]

    def contract_snapshot(self, contract_id: int) -> ContractSnapshot:
        return ContractSnapshot(self.load(contract_id), [copy.copy(s) for s in self.repo.sections(contract_id)])

    # -- rules -------------------------------------------------------------------------------------
    def problems(self, bundle: ContractBundle) -> list[Problem]:
        c = bundle.contract
        problems = rules.check_contract(c)
        name = (c.name or "").strip()
        if name and any(fold(o.name) == fold(name) for o in self.repo.contracts() if o.id != c.id):
            problems.append(Problem("name", f"Un autre contrat s'appelle déjà « {name} »."))
        if c.id_crte.strip() and not any(p.field == "id_crte" for p in problems):
            problems += check_crte_id(c.id_crte, self.repo.crte_ids(c.id))
        problems += contract_rules.check_signatories(bundle.signatories)
        org_ids = {o.id for o in self.directory.organisations()}
        person_ids = {p.id for p in self.directory.persons()}
        for i, s in enumerate(bundle.signatories, start=1):
            if (s.organisation_id is not None and s.organisation_id not in org_ids) or (
                    s.person_id is not None and s.person_id not in person_ids):
                problems.append(Problem("signatories", f"Signataire {i} : cette fiche n'existe plus dans l'annuaire."))
        problems += contract_rules.check_amendments(bundle.amendments, c.signature_date)
        return problems

    def section_problems(self, section: Section) -> list[Problem]:
        problems = rules.check_section(section)
        if self.repo.contract(section.contract_id) is None:
            problems.append(Problem("contract_id", "Ce contrat n'existe plus."))
        if section.parent_id is not None:
            parent = self.repo.section(section.parent_id)
            if parent is None or parent.contract_id != section.contract_id:
                problems.append(Problem("parent_id", "La section parente n'existe pas dans ce contrat."))
        return problems

    # -- contract ----------------------------------------------------------------------------------
    def save(self, bundle: ContractBundle) -> Changes:
        """Validate then write the contract, its signatories and amendments in one transaction.

        Sets the ids of new records on ``bundle``. Raises ValidationError."""
        _raise_errors(self.problems(bundle))
        with self.store.transaction():
            self._write(bundle)
        return self.store.notify(Changes(contracts={bundle.contract.id}))

    def _write(self, bundle: ContractBundle) -> None:
        self.repo.save_contract(bundle.contract)
        cid = bundle.contract.id
        saved = self.repo.signatories(cid)
        if [(s.organisation_id, s.person_id, s.capacity) for s in saved] != [
                (s.organisation_id, s.person_id, s.capacity) for s in bundle.signatories]:
            self.repo.set_signatories(cid, bundle.signatories)
        else:  # unchanged: keep the rows (and write no history)
            for s, old in zip(bundle.signatories, saved):
                s.id, s.contract_id, s.position = old.id, cid, old.position
        self._write_amendments(cid, bundle.amendments)

    def _write_amendments(self, contract_id: int, amendments: list[Amendment]) -> None:
        existing = {a.id: a for a in self.repo.amendments(contract_id)}
        for a in amendments:
            a.contract_id = contract_id
        kept = {a.id for a in amendments if a.id in existing}
        for old_id in existing.keys() - kept:
            self.repo.delete_amendment(old_id)
        changed = [a for a in amendments if a.id in existing and existing[a.id] != a]
        # Amendments swapping numbers would collide on (contract, number): park the renumbered ones first.
        holder = {existing[i].number: i for i in kept}
        if any(holder.get(a.number, a.id) != a.id for a in amendments):
            for a in changed:
                if existing[a.id].number != a.number:
                    parked = copy.copy(a)
                    parked.number = -a.id
                    self.repo.save_amendment(parked)
        for a in amendments:
            if a.id not in existing or a in changed:
                self.repo.save_amendment(a)

    # -- logo --------------------------------------------------------------------------------------
    def logo(self, contract_id: int) -> bytes | None:
        """The contract's logo (PNG or JPEG) for the cover of its meeting packs, if any."""
        return self.repo.logo(contract_id)

    def set_logo(self, contract_id: int, data: bytes | None) -> Changes:
        """Set (``data``: PNG or JPEG bytes) or remove (None) the contract's logo. A file that is not a PNG or
        JPEG picture, or too large, is refused in French and nothing is written."""
        if self.repo.contract(contract_id) is None:
            raise DomainError("Ce contrat n'existe plus (il a peut-être été supprimé).")
        if data is not None:
            check_logo(data)
        return self.store.notify(self.repo.set_logo(contract_id, data))

    def logo_step(self, contract_id: int, data: bytes | None) -> Step:
        """Setting (or, with None, removing) the logo as one undo step: the logo before is put back."""
        before = self.logo(contract_id)
        return Step("Retrait du logo du contrat" if data is None else "Logo du contrat",
                    lambda: self.set_logo(contract_id, data), lambda: self.set_logo(contract_id, before))

    def delete_contract(self, contract_id: int) -> Changes:
        """Delete a contract with its sections, signatories and amendments; refused while it has actions."""
        contract = self.repo.contract(contract_id)
        if contract is None:
            raise DomainError("Ce contrat n'existe plus (il a peut-être été supprimé).")
        count = len(ActionRepository(self.store).for_contract(contract_id))
        if count:
            actions = "une action" if count == 1 else f"{count} actions"
            raise DomainError(f"Le contrat « {contract.name} » contient {actions} : il ne peut pas être supprimé.")
        self.repo.delete_contract(contract_id)
        return self.store.notify(Changes(contracts={contract_id}, everything=True))

    def restore_contract(self, snapshot: ContractSnapshot) -> Changes:
        """Put back a deleted contract with the same ids (undo of a deletion or redo of a creation)."""
        bundle = snapshot.bundle.copy()
        _raise_errors(self.problems(bundle))
        with self.store.transaction():
            self._write(bundle)
            for s in snapshot.sections:
                self.repo.save_section(copy.copy(s))
        return self.store.notify(Changes(contracts={bundle.contract.id}, everything=True))

    # -- sections ----------------------------------------------------------------------------------
    def add_section(self, section: Section) -> Changes:
        """Create a section at the end of its parent's children (or at ``section.position`` when its id
        is given, as undo does). Sets ``section.id``."""
        _raise_errors(self.section_problems(section))
        changes = self.repo.save_section(section)
        return self.store.notify(changes)

    def update_section(self, section_id: int, title: str | None = None, description: str | None = None) -> Changes:
        s = self._existing_section(section_id)
        if title is not None:
            s.title = title
        if description is not None:
            s.description = description
        _raise_errors(self.section_problems(s))
        return self.store.notify(self.repo.save_section(s))

    def move_section(self, section_id: int, parent_id: int | None, position: int) -> Changes:
        """Put a section under ``parent_id`` (None: top level) at ``position`` (0-based); codes renumber."""
        s = self._existing_section(section_id)
        if parent_id is not None:
            parent = self.repo.section(parent_id)
            if parent is None or parent.contract_id != s.contract_id:
                raise DomainError("La section de destination n'existe pas dans ce contrat.")
            if parent_id == section_id or s.code and parent.code.startswith(s.code + "."):
                raise DomainError(f"La section {s.code} ne peut pas être déplacée sous elle-même.")
        return self.store.notify(self.repo.move_section(section_id, parent_id, position))

    def delete_section(self, section_id: int) -> Changes:
        """Delete a section and the sections below it; refused while any of them holds actions or indicators."""
        s = self._existing_section(section_id)
        refusal = contract_rules.section_has_actions(s.code, self.repo.section_usage(section_id))
        if refusal is None:
            below = {x.id for x in self.section_subtree(section_id)}
            count = sum(1 for ind in IndicatorRepository(self.store).for_contract(s.contract_id)
                        if ind.section_id in below)
            refusal = contract_rules.section_has_indicators(s.code, count)
        if refusal:
            raise DomainError(refusal)
        return self.store.notify(self.repo.delete_section(section_id))

    def restore_sections(self, sections: list[Section]) -> Changes:
        """Put back sections deleted together (from ``section_subtree``) with their ids and places."""
        changes = Changes()
        with self.store.transaction():
            for s in sections:
                changes.merge(self.repo.save_section(copy.copy(s)))
        return self.store.notify(changes)

    # -- undo steps (editing/steps.py): built before the edit; the undo adapter runs ``redo`` once -----
    def save_step(self, before: ContractBundle | None, after: ContractBundle) -> Step:
        """Saving the contract form: creation (undo deletes the contract) or change (undo saves ``before``).
        ``after`` is saved as it is (it gets its ids: redo gives them again)."""
        before = before.copy() if before is not None else None

        def undo() -> None:
            if before is None:
                self.delete_contract(after.contract.id)
            else:
                self.save(before.copy())

        verb = "Création" if before is None else "Modification"
        return Step(f"{verb} du contrat « {after.contract.name} »", lambda: self.save(after), undo)

    def add_section_step(self, section: Section) -> Step:
        return Step(f"Ajout de la section « {section.title.strip()} »", lambda: self.add_section(section),
                    lambda: self.delete_section(section.id))

    def update_section_step(self, section_id: int, title: str | None = None,
                            description: str | None = None) -> Step:
        """Renaming (``title`` only) or changing title and description; undo puts the old ones back."""
        s = self._existing_section(section_id)
        old_title, old_description = s.title, s.description
        verb = "Renommage" if description is None else "Modification"
        if description is None:
            return Step(f"{verb} de la section {s.code}", lambda: self.update_section(section_id, title=title),
                        lambda: self.update_section(section_id, title=old_title))
        return Step(f"{verb} de la section {s.code}",
                    lambda: self.update_section(section_id, title=title, description=description),
                    lambda: self.update_section(section_id, title=old_title, description=old_description))

    def delete_section_step(self, section_id: int) -> Step:
        """Deleting a section and those below it; undo puts them back with their ids and places."""
        s = self._existing_section(section_id)
        snapshot = self.section_subtree(section_id)
        return Step(f"Suppression de la section {s.code} « {s.title} »", lambda: self.delete_section(section_id),
                    lambda: self.restore_sections(snapshot))

    def move_section_step(self, section_id: int, parent_id: int | None, position: int) -> Step | None:
        """Moving a section; None when it is already there."""
        s = self._existing_section(section_id)
        old_parent, old_position = self.section_place(section_id)
        if (old_parent, old_position) == (parent_id, position):
            return None
        return Step(f"Déplacement de la section {s.code}", lambda: self.move_section(section_id, parent_id, position),
                    lambda: self.move_section(section_id, old_parent, old_position))

    def _existing_section(self, section_id: int) -> Section:
        s = self.repo.section(section_id)
        if s is None:
            raise DomainError("Cette section n'existe plus (elle a peut-être été supprimée).")
        return s


def _raise_errors(problems: list[Problem]) -> None:
    errors = rules.errors(problems)
    if errors:
        raise ValidationError(errors)

