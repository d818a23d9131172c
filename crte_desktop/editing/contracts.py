"""Editing a contract (fields, signatories, amendments) and its tree of sections.

Every write validates first (nothing touches the file when a rule is broken), runs in one
transaction (the repositories write the history inside it) and returns the Changes it notified.
Deletions have a ``*_snapshot`` reader and a ``restore_*`` writer so that undo puts back the
same records with the same ids. A save, a deletion or an undo over a contract or a section changed
elsewhere since it was loaded is refused (editing/concurrency.py)."""

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
from crte_desktop.editing.concurrency import as_stored, deletion_step, field_differences, refuse_if_changed, versioned_step
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
    def save(self, bundle: ContractBundle, *, undoing: bool = False) -> Changes:
        """Validate then write the contract, its signatories and amendments in one transaction.

        Sets the ids of new records and the new version on ``bundle``. Raises ValidationError, or
        ConcurrentChangeError when the contract changed elsewhere since ``bundle`` was loaded (``undoing``:
        worded for an undo)."""
        _raise_errors(self.problems(bundle))
        with self.store.transaction():
            self.refuse_if_changed_elsewhere(bundle, undoing=undoing)
            self._write(bundle)
        return self.store.notify(Changes(contracts={bundle.contract.id}))

    def refuse_if_changed_elsewhere(self, bundle: ContractBundle, *, undoing: bool = False) -> None:
        """Refuse to save over a contract (fields, signatories, amendments) changed since it was loaded."""
        cid = bundle.contract.id
        refuse_if_changed(self.store, "contract", cid, self.repo.version(cid) if cid is not None else None,
                          bundle.contract.row_version, lambda: self._what(cid),
                          lambda: self._differences(bundle), undoing=undoing, feminine=False,
                          advice="cliquez sur « Abandonner les modifications » pour voir ce changement, puis refaites-"
                                 "les")

    def _what(self, contract_id: int) -> str:
        stored = self.repo.contract(contract_id)
        return f"Le contrat « {stored.name} »" if stored else "Le contrat"

    def _differences(self, bundle: ContractBundle) -> list[tuple[str, str, str]]:
        """(what, as saved now, as in the refused form): what the save would have overwritten."""
        stored = self.load(bundle.contract.id)
        out = field_differences(stored.contract, bundle.contract, skip=("uuid",))
        names = {o.id: o.label for o in self.directory.organisations()}
        persons = {p.id: p.full_name for p in self.directory.persons()}

        def signatories(items: list[Signatory]) -> str:
            return "; ".join(" — ".join(x for x in (s.capacity, persons.get(s.person_id, ""),
                                                     names.get(s.organisation_id, "")) if x) for s in items)

        def amendments(items: list[Amendment]) -> str:
            return "; ".join(f"n° {a.number} {a.title}" for a in sorted(items, key=lambda a: a.number))

        for label, read in (("Signataires", lambda b: signatories(b.signatories)),
                            ("Avenants", lambda b: amendments(b.amendments))):
            if read(stored) != read(bundle):
                out.append((label, read(stored), read(bundle)))
        return out

    def _write(self, bundle: ContractBundle) -> None:
        """Write the contract's row, signatories and amendments; a change of the signatories or amendments
        alone is a new version of the contract too."""
        existed = bundle.contract.id is not None and self.repo.version(bundle.contract.id) is not None
        changed = bool(self.repo.save_contract(bundle.contract))
        cid = bundle.contract.id
        saved = self.repo.signatories(cid)
        parts = False
        if [(s.organisation_id, s.person_id, s.capacity) for s in saved] != [
                (s.organisation_id, s.person_id, s.capacity) for s in bundle.signatories]:
            parts = bool(self.repo.set_signatories(cid, bundle.signatories))
        else:  # unchanged: keep the rows (and write no history)
            for s, old in zip(bundle.signatories, saved):
                s.id, s.contract_id, s.position = old.id, cid, old.position
        parts = self._write_amendments(cid, bundle.amendments) or parts
        if existed and parts and not changed:
            bundle.contract.row_version = self.repo.bump_contract(cid)

    def _write_amendments(self, contract_id: int, amendments: list[Amendment]) -> bool:
        """Returns True when an amendment was added, changed or removed."""
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
        written = False
        for a in amendments:
            if a.id not in existing or a in changed:
                written = bool(self.repo.save_amendment(a)) or written
        return written or bool(existing.keys() - kept)

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
        with self.store.transaction():
            changes = self.repo.set_logo(contract_id, data)
        return self.store.notify(changes)

    def logo_step(self, contract_id: int, data: bytes | None) -> Step:
        """Setting (or, with None, removing) the logo as one undo step: the logo before is put back."""
        before = self.logo(contract_id)
        return Step("Retrait du logo du contrat" if data is None else "Logo du contrat",
                    lambda: self.set_logo(contract_id, data), lambda: self.set_logo(contract_id, before))

    def delete_contract(self, contract_id: int, *, expected_version: int | None = None,
                        undoing: bool = False) -> Changes:
        """Delete a contract with its sections, signatories and amendments; refused while it has actions,
        and when it changed elsewhere since ``expected_version`` (None: not checked) was loaded."""
        contract = self.repo.contract(contract_id)
        if contract is None:
            raise DomainError("Ce contrat n'existe plus (il a peut-être été supprimé).")
        count = len(ActionRepository(self.store).for_contract(contract_id))
        if count:
            actions = "une action" if count == 1 else f"{count} actions"
            raise DomainError(f"Le contrat « {contract.name} » contient {actions} : il ne peut pas être supprimé.")
        with self.store.transaction():
            refuse_if_changed(self.store, "contract", contract_id, self.repo.version(contract_id), expected_version,
                              lambda: self._what(contract_id), undoing=undoing, deleting=not undoing, feminine=False)
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
    # ``expected_version``: the section's version as the user saw it (None: not checked); a section changed
    # elsewhere since is refused (``undoing``: worded for an undo or a redo).
    def add_section(self, section: Section) -> Changes:
        """Create a section at the end of its parent's children (or at ``section.position`` when its id
        is given, as undo does). Sets ``section.id``."""
        _raise_errors(self.section_problems(section))
        with self.store.transaction():
            changes = self.repo.save_section(section)
        return self.store.notify(changes)

    def update_section(self, section_id: int, title: str | None = None, description: str | None = None, *,
                       expected_version: int | None = None, undoing: bool = False) -> Changes:
        s = self._existing_section(section_id)
        if title is not None:
            s.title = title
        if description is not None:
            s.description = description
        _raise_errors(self.section_problems(s))
        with self.store.transaction():
            stored = self._existing_section(section_id)
            self._refuse_section_changed(stored, expected_version, undoing,
                                         lambda: field_differences(stored, s, skip=("code", "depth")))
            changes = self.repo.save_section(s)
        return self.store.notify(changes)

    def move_section(self, section_id: int, parent_id: int | None, position: int, *,
                     expected_version: int | None = None, undoing: bool = False) -> Changes:
        """Put a section under ``parent_id`` (None: top level) at ``position`` (0-based); codes renumber."""
        s = self._existing_section(section_id)
        if parent_id is not None:
            parent = self.repo.section(parent_id)
            if parent is None or parent.contract_id != s.contract_id:
                raise DomainError("La section de destination n'existe pas dans ce contrat.")
            if parent_id == section_id or s.code and parent.code.startswith(s.code + "."):
                raise DomainError(f"La section {s.code} ne peut pas être déplacée sous elle-même.")
        with self.store.transaction():
            self._refuse_section_changed(s, expected_version, undoing)
            changes = self.repo.move_section(section_id, parent_id, position)
        return self.store.notify(changes)

    def delete_section(self, section_id: int, *, expected_version: int | None = None,
                       undoing: bool = False) -> Changes:
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
        with self.store.transaction():
            self._refuse_section_changed(s, expected_version, undoing, deleting=not undoing)
            changes = self.repo.delete_section(section_id)
        return self.store.notify(changes)

    def restore_sections(self, sections: list[Section]) -> Changes:
        """Put back sections deleted together (from ``section_subtree``) with their ids and places."""
        changes = Changes()
        with self.store.transaction():
            for s in sections:
                changes.merge(self.repo.save_section(copy.copy(s)))
        return self.store.notify(changes)

    def _refuse_section_changed(self, stored: Section, expected: int | None, undoing: bool, differences=None, *,
                                deleting: bool = False) -> None:
        refuse_if_changed(self.store, "section", stored.id, self.repo.section_version(stored.id), expected,
                          lambda: f"La section {stored.code} « {stored.title} »", differences, undoing=undoing,
                          deleting=deleting, advice="fermez le contrat, rouvrez-le et refaites-les")

    # -- undo steps (editing/steps.py): built before the edit; the undo adapter runs ``redo`` once -----
    # Each replay checks the version its last run left (editing/concurrency.py ``versioned_step``).
    def save_step(self, before: ContractBundle | None, after: ContractBundle) -> Step:
        """Saving the contract form: creation (undo deletes the contract) or change (undo saves ``before``).
        ``after`` is saved as it is, checked against the version it was loaded with (it gets its ids: redo
        gives them again)."""
        before = before.copy() if before is not None else None

        def run(expected: int | None, replaying: bool) -> None:
            target = after.copy() if replaying else after
            if replaying and expected is not None:
                target.contract.row_version = expected
            self.save(target, undoing=replaying)

        def revert(expected: int | None) -> None:
            if before is None:
                self.delete_contract(after.contract.id, expected_version=expected, undoing=True)
            else:
                back = before.copy()
                back.contract.row_version = expected if expected is not None else back.contract.row_version
                self.save(back, undoing=True)

        verb = "Création" if before is None else "Modification"
        return versioned_step(f"{verb} du contrat « {after.contract.name} »", run, revert,
                              lambda: self._stored_bundle(after.contract.id), after.contract.row_version)

    def _stored_bundle(self, contract_id: int | None) -> tuple[int, ContractBundle] | None:
        if contract_id is None or self.repo.contract(contract_id) is None:
            return None
        bundle = self.load(contract_id)
        return bundle.contract.row_version, bundle

    def add_section_step(self, section: Section) -> Step:
        return versioned_step(f"Ajout de la section « {section.title.strip()} »",
                              lambda _expected, _replaying: self.add_section(section),
                              lambda expected: self.delete_section(section.id, expected_version=expected, undoing=True),
                              lambda: as_stored(self.repo.section(section.id) if section.id else None), None)

    def update_section_step(self, section_id: int, title: str | None = None, description: str | None = None,
                            expected_version: int | None = None) -> Step:
        """Renaming (``title`` only) or changing title and description; undo puts the old ones back.
        ``expected_version``: the section's version as the user saw it."""
        s = self._existing_section(section_id)
        old_title, old_description = s.title, s.description
        verb = "Renommage" if description is None else "Modification"
        new_description = description
        back_description = None if description is None else old_description
        return versioned_step(
            f"{verb} de la section {s.code}",
            lambda expected, replaying: self.update_section(section_id, title=title, description=new_description,
                                                            expected_version=expected, undoing=replaying),
            lambda expected: self.update_section(section_id, title=old_title, description=back_description,
                                                 expected_version=expected, undoing=True),
            lambda: as_stored(self.repo.section(section_id)), expected_version)

    def delete_section_step(self, section_id: int, expected_version: int | None = None) -> Step:
        """Deleting a section and those below it; undo puts them back with their ids and places."""
        s = self._existing_section(section_id)
        snapshot = self.section_subtree(section_id)
        return deletion_step(f"Suppression de la section {s.code} « {s.title} »", section_id, self.delete_section,
                             lambda: self.restore_sections(snapshot), self.repo.section, expected_version)

    def move_section_step(self, section_id: int, parent_id: int | None, position: int,
                          expected_version: int | None = None) -> Step | None:
        """Moving a section; None when it is already there."""
        s = self._existing_section(section_id)
        old_parent, old_position = self.section_place(section_id)
        if (old_parent, old_position) == (parent_id, position):
            return None
        return versioned_step(
            f"Déplacement de la section {s.code}",
            lambda expected, replaying: self.move_section(section_id, parent_id, position, expected_version=expected,
                                                          undoing=replaying),
            lambda expected: self.move_section(section_id, old_parent, old_position, expected_version=expected,
                                               undoing=True),
            lambda: as_stored(self.repo.section(section_id)), expected_version)

    def _existing_section(self, section_id: int) -> Section:
        s = self.repo.section(section_id)
        if s is None:
            raise DomainError("Cette section n'existe plus (elle a peut-être été supprimée).")
        return s


def _raise_errors(problems: list[Problem]) -> None:
    errors = rules.errors(problems)
    if errors:
        raise ValidationError(errors)

