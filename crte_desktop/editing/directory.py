"""Editing the directory (organisations, persons) and the reference data (funders, schemes,
action statuses).

Every write validates first (nothing touches the file when a rule is broken), runs in one
transaction (the repositories write the history) and returns the Changes it notified.
Deletions have a ``*_snapshot`` reader and a ``restore_*`` writer so that undo puts back the
same records with the same ids and links. A save, a deletion or an undo over an organisation, a person, a
funder, a scheme or a Fonds vert mesure changed elsewhere since it was loaded is refused
(editing/concurrency.py)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.domain import directory_rules, rules
from crte_desktop.domain.directory import FondsVertMesure, Funder, Organisation, Person, Scheme
from crte_desktop.domain.errors import DomainError, Problem, ValidationError
from crte_desktop.editing.concurrency import as_stored, deletion_step, field_differences, refuse_if_changed, versioned_step
from crte_desktop.editing.steps import Step


@dataclass
class OrganisationSnapshot:
    """A deleted organisation and the records that pointed to it (their link is cleared by the deletion)."""

    organisation: Organisation
    person_ids: list[int] = field(default_factory=list)
    commune_ids: list[int] = field(default_factory=list)
    funder_ids: list[int] = field(default_factory=list)


@dataclass
class FunderSnapshot:
    """A deleted funder with its schemes, for undo."""

    funder: Funder
    schemes: list[Scheme] = field(default_factory=list)


class DirectoryService:
    def __init__(self, store):
        self.store = store
        self.repo = DirectoryRepository(store)
        self.contracts = ContractRepository(store)
        self.national = NationalReferenceRepository(store)

    # -- reading ---------------------------------------------------------------------------------
    def organisations(self, kind=None) -> list[Organisation]:
        return self.repo.organisations(kind)

    def organisation(self, org_id: int) -> Organisation | None:
        return self.repo.organisation(org_id)

    def persons(self, organisation_id: int | None = None) -> list[Person]:
        return self.repo.persons(organisation_id)

    def person(self, person_id: int) -> Person | None:
        return self.repo.person(person_id)

    def funders(self) -> list[Funder]:
        return self.repo.funders()

    def schemes(self, funder_id: int | None = None) -> list[Scheme]:
        return self.repo.schemes(funder_id)

    def statuses(self) -> dict[str, tuple[str, str]]:
        """Action status code → (label, colour)."""
        return self.repo.status_colors()

    def organisation_uses(self, org_id: int) -> dict[str, int]:
        """What still uses an organisation, by kind of use (French description → count)."""
        actions = ActionRepository(self.store).all()
        owner = sum(1 for a in actions if a.owner_id == org_id)
        signatures = sum(1 for c in self.contracts.contracts() for s in self.contracts.signatories(c.id)
                         if s.organisation_id == org_id)
        partner_or_commune = self.repo.organisation_usage(org_id) - owner - signatures
        return {
            "maître d'ouvrage d'actions": owner,
            "partenaire ou commune d'actions": partner_or_commune,
            "territoire d'actions": sum(1 for a in actions if a.epci_id == org_id),
            "signataire de contrats": signatures,
            "EPCI de rattachement de communes": sum(1 for o in self.repo.organisations() if o.epci_id == org_id),
        }

    def organisation_snapshot(self, org_id: int) -> OrganisationSnapshot:
        org = self._existing_organisation(org_id)
        return OrganisationSnapshot(
            copy.copy(org),
            person_ids=[p.id for p in self.repo.persons(org_id)],
            commune_ids=[o.id for o in self.repo.organisations() if o.epci_id == org_id],
            funder_ids=[f.id for f in self.repo.funders() if f.organisation_id == org_id],
        )

    def person_signatures(self, person_id: int) -> int:
        return sum(1 for c in self.contracts.contracts() for s in self.contracts.signatories(c.id)
                   if s.person_id == person_id)

    # -- rules -------------------------------------------------------------------------------------
    def organisation_problems(self, org: Organisation) -> list[Problem]:
        epci = self.repo.organisation(org.epci_id) if org.epci_id is not None else None
        others = {o.name for o in self.repo.organisations() if o.id != org.id}
        return directory_rules.check_organisation(org, epci, others)

    def person_problems(self, person: Person) -> list[Problem]:
        problems = directory_rules.check_person(person)
        if person.organisation_id is not None and self.repo.organisation(person.organisation_id) is None:
            problems.append(Problem("organisation_id", "Cette organisation n'existe plus dans l'annuaire."))
        return problems

    def funder_problems(self, funder: Funder) -> list[Problem]:
        return directory_rules.check_funder(funder, {f.name for f in self.repo.funders() if f.id != funder.id})

    def scheme_problems(self, scheme: Scheme) -> list[Problem]:
        if scheme.funder_id not in {f.id for f in self.repo.funders()}:
            return [Problem("funder_id", "Choisissez le financeur de ce dispositif.")]
        others = {s.name for s in self.repo.schemes(scheme.funder_id) if s.id != scheme.id}
        return directory_rules.check_scheme(scheme, others)

    def status_problems(self, code: str, label: str, color: str) -> list[Problem]:
        statuses = self.repo.status_colors()
        if code not in statuses:
            return [Problem("code", f"Le statut « {code} » n'existe pas.")]
        others = {lbl for c, (lbl, _) in statuses.items() if c != code}
        return directory_rules.check_status(label, color, others)

    # -- organisations -----------------------------------------------------------------------------
    def save_organisation(self, org: Organisation, *, undoing: bool = False) -> Changes:
        """Create or update (a given id that does not exist yet is created with it, for undo).
        Sets ``org.id`` and its new version. Raises ValidationError, or ConcurrentChangeError when it
        changed elsewhere since ``org`` was loaded (``undoing``: worded for an undo)."""
        _raise_errors(self.organisation_problems(org))
        return self._save_versioned("organisation", org, self.repo.organisation, self.repo.save_organisation,
                                    _organisation_what, undoing)

    def delete_organisation(self, org_id: int, *, expected_version: int | None = None,
                            undoing: bool = False) -> Changes:
        """Refused while actions, signatories or communes use it (the message says how many), and when
        it changed elsewhere since ``expected_version`` (None: not checked) was loaded."""
        org = self._existing_organisation(org_id)
        refusal = directory_rules.organisation_in_use(org.label, self.organisation_uses(org_id))
        if refusal:
            raise DomainError(refusal)
        detached = {p.id for p in self.repo.persons(org_id)}  # the database clears their organisation
        funders_linked = any(f.organisation_id == org_id for f in self.repo.funders())
        try:
            with self.store.transaction():
                stored = self._existing_organisation(org_id)
                refuse_if_changed(self.store, "organisation", org_id, stored.row_version, expected_version,
                                  lambda: _organisation_what(stored), undoing=undoing, deleting=not undoing)
                changes = self.repo.delete_organisation(org_id)
        except ConstraintError as exc:  # a use this version does not count (e.g. a later table)
            raise DomainError(f"L'organisation « {org.label} » est encore utilisée ailleurs : "
                              "elle ne peut pas être supprimée.") from exc
        changes.persons |= detached
        changes.reference |= funders_linked
        return self.store.notify(changes)

    def restore_organisation(self, snapshot: OrganisationSnapshot) -> Changes:
        """Put back a deleted organisation with its id, and re-attach its persons, communes and funders."""
        org = copy.copy(snapshot.organisation)
        _raise_errors(self.organisation_problems(org))
        changes = Changes()
        with self.store.transaction():
            changes.merge(self.repo.save_organisation(org))
            for pid in snapshot.person_ids:
                person = self.repo.person(pid)
                if person is not None and person.organisation_id is None:
                    person.organisation_id = org.id
                    changes.merge(self.repo.save_person(person))
            for cid in snapshot.commune_ids:
                commune = self.repo.organisation(cid)
                if commune is not None and commune.epci_id is None:
                    commune.epci_id = org.id
                    changes.merge(self.repo.save_organisation(commune))
            for funder in self.repo.funders():
                if funder.id in snapshot.funder_ids and funder.organisation_id is None:
                    funder.organisation_id = org.id
                    changes.merge(self.repo.save_funder(funder))
        return self.store.notify(changes)

    # -- persons -----------------------------------------------------------------------------------
    def save_person(self, person: Person, *, undoing: bool = False) -> Changes:
        """Create or update (a given id that does not exist yet is created with it, for undo).
        Sets ``person.id`` and its new version. Raises ValidationError, or ConcurrentChangeError when it
        changed elsewhere since ``person`` was loaded (``undoing``: worded for an undo)."""
        _raise_errors(self.person_problems(person))
        return self._save_versioned("person", person, self.repo.person, self.repo.save_person, _person_what, undoing)

    def delete_person(self, person_id: int, *, expected_version: int | None = None,
                      undoing: bool = False) -> Changes:
        """Refused while the person signs a contract, and when the fiche changed elsewhere since
        ``expected_version`` (None: not checked) was loaded."""
        person = self.repo.person(person_id)
        if person is None:
            raise DomainError("Cette personne n'existe plus dans l'annuaire.")
        refusal = directory_rules.person_in_use(person.full_name, self.person_signatures(person_id))
        if refusal:
            raise DomainError(refusal)
        try:
            with self.store.transaction():
                stored = self.repo.person(person_id)
                if stored is not None:
                    refuse_if_changed(self.store, "person", person_id, stored.row_version, expected_version,
                                      lambda: _person_what(stored), undoing=undoing, deleting=not undoing)
                changes = self.repo.delete_person(person_id)
        except ConstraintError as exc:
            raise DomainError(f"La fiche de {person.full_name} est encore utilisée ailleurs : "
                              "elle ne peut pas être supprimée.") from exc
        return self.store.notify(changes)

    # -- reference data ----------------------------------------------------------------------------
    # A save, a deletion or an undo over a funder, a scheme or a mesure changed elsewhere since it was loaded
    # is refused, as for organisations (the « Données de référence » window).
    def save_funder(self, funder: Funder, *, undoing: bool = False) -> Changes:
        """Create or update (a given id that does not exist yet is created with it, for undo). Raises
        ValidationError, or ConcurrentChangeError when it changed elsewhere since ``funder`` was loaded."""
        _raise_errors(self.funder_problems(funder))
        return self._save_versioned("funder", funder, self.repo.funder, self.repo.save_funder, _funder_what, undoing,
                                    feminine=False, advice=REFERENCE_ADVICE)

    def save_scheme(self, scheme: Scheme, *, undoing: bool = False) -> Changes:
        """As ``save_funder``, for a scheme (« dispositif »)."""
        _raise_errors(self.scheme_problems(scheme))
        return self._save_versioned("scheme", scheme, self.repo.scheme, self.repo.save_scheme, _scheme_what, undoing,
                                    feminine=False, advice=REFERENCE_ADVICE)

    def funder_snapshot(self, funder_id: int) -> FunderSnapshot:
        funder = self.repo.funder(funder_id)
        if funder is None:
            raise DomainError("Ce financeur n'existe plus.")
        return FunderSnapshot(funder, self.repo.schemes(funder_id))

    def delete_funder(self, funder_id: int, *, expected_version: int | None = None, undoing: bool = False) -> Changes:
        """Delete a funder with its schemes; refused while financing lines use it, and when it changed
        elsewhere since ``expected_version`` (None: not checked) was loaded."""
        funder = self.funder_snapshot(funder_id).funder
        refusal = directory_rules.funder_in_use(funder.label, self.repo.funder_usage(funder_id))
        if refusal:
            raise DomainError(refusal)
        with self.store.transaction():
            self._refuse_deleting("funder", self.repo.funder(funder_id), expected_version, _funder_what, undoing,
                                  feminine=False)
            changes = self.repo.delete_funder(funder_id)
        return self.store.notify(changes)

    def restore_funder(self, snapshot: FunderSnapshot) -> Changes:
        """Put back a deleted funder and its schemes with their ids (and versions)."""
        funder = copy.copy(snapshot.funder)
        _raise_errors(self.funder_problems(funder))
        with self.store.transaction():
            self.repo.save_funder(funder)
            for scheme in snapshot.schemes:
                self.repo.save_scheme(copy.copy(scheme))
        return self.store.notify(Changes(reference=True))

    def delete_scheme(self, scheme_id: int, *, expected_version: int | None = None, undoing: bool = False) -> Changes:
        """Refused while financing lines use it, and when it changed elsewhere since ``expected_version``."""
        scheme = self.repo.scheme(scheme_id)
        if scheme is None:
            raise DomainError("Ce dispositif n'existe plus.")
        refusal = directory_rules.scheme_in_use(scheme.name, self.repo.scheme_usage(scheme_id))
        if refusal:
            raise DomainError(refusal)
        with self.store.transaction():
            self._refuse_deleting("scheme", self.repo.scheme(scheme_id), expected_version, _scheme_what, undoing,
                                  feminine=False)
            changes = self.repo.delete_scheme(scheme_id)
        return self.store.notify(changes)

    # -- Fonds vert mesures ------------------------------------------------------------------------
    def mesure_problems(self, mesure: FondsVertMesure) -> list[Problem]:
        others = {m.name for m in self.national.mesures() if m.id != mesure.id}
        return directory_rules.check_mesure(mesure, others)

    def save_mesure(self, mesure: FondsVertMesure, *, undoing: bool = False) -> Changes:
        """As ``save_funder``, for a Fonds vert mesure."""
        _raise_errors(self.mesure_problems(mesure))
        return self._save_versioned("fonds_vert_mesure", mesure, self.national.mesure, self.national.save_mesure,
                                    _mesure_what, undoing, advice=REFERENCE_ADVICE, skip=("position",))

    def delete_mesure(self, mesure_id: int, *, expected_version: int | None = None, undoing: bool = False) -> Changes:
        mesure = self.national.mesure(mesure_id)
        if mesure is None:
            raise DomainError("Cette mesure du Fonds vert n'existe plus.")
        used = self.national.mesure_usage(mesure_id)
        if used:
            what = "une ligne de financement" if used == 1 else f"{used} lignes de financement"
            raise DomainError(f"La mesure « {mesure.name} » figure dans {what} : elle ne peut pas être supprimée.")
        with self.store.transaction():
            self._refuse_deleting("fonds_vert_mesure", self.national.mesure(mesure_id), expected_version,
                                  _mesure_what, undoing)
            changes = self.national.delete_mesure(mesure_id)
        return self.store.notify(changes)

    def _refuse_deleting(self, entity: str, stored, expected: int | None, what, undoing: bool, *,
                         feminine: bool = True) -> None:
        """Inside the deletion's transaction: refuse when ``stored`` moved since ``expected`` was loaded."""
        if stored is not None:
            refuse_if_changed(self.store, entity, stored.id, stored.row_version, expected, lambda: what(stored),
                              undoing=undoing, deleting=not undoing, feminine=feminine)

    def save_status(self, code: str, label: str, color: str) -> Changes:
        """Change the label and colour of an action status (its code is fixed)."""
        _raise_errors(self.status_problems(code, label, color))
        with self.store.transaction():
            changes = self.repo.save_status(code, label.strip(), color.lower())
        return self.store.notify(changes)

    # -- undo steps (editing/steps.py): built before the edit; the undo adapter runs ``redo`` once ------
    # Each replay checks the version its last run left (editing/concurrency.py ``versioned_step``).
    def save_organisation_step(self, org: Organisation) -> Step:
        """Adding (undo deletes it) or changing (undo puts the stored version back) an organisation; the
        change is checked against the version ``org`` was loaded with."""
        return self._save_step("organisation", org, f"l'organisation « {org.label} »", self.organisation,
                               self.save_organisation, self.delete_organisation)

    def delete_organisation_step(self, org_id: int, expected_version: int | None = None) -> Step:
        """Deleting an organisation; undo puts it back with its persons, communes and funders.
        ``expected_version``: the version the user saw (None: not checked)."""
        snapshot = self.organisation_snapshot(org_id)
        org = self._existing_organisation(org_id)
        return deletion_step(f"Suppression de l'organisation « {org.label} »", org_id, self.delete_organisation,
                            lambda: self.restore_organisation(snapshot), self.repo.organisation, expected_version)

    def save_person_step(self, person: Person) -> Step:
        return self._save_step("person", person, person.full_name or "la personne", self.person, self.save_person,
                               self.delete_person)

    def _save_step(self, entity: str, record, name: str, read, save, delete, article: str = "de ") -> Step:
        """« Ajout de/du … », « Modification de/du … »: ``article`` « de » unless ``name`` carries its own."""
        before = read(record.id) if record.id is not None else None
        read_back = lambda: as_stored(read(record.id) if record.id is not None else None)  # noqa: E731 - id given by the first run
        if before is None:
            return versioned_step(f"Ajout {article}{name}",
                                  lambda _expected, replaying: save(copy.copy(record) if replaying else record),
                                  lambda expected: delete(record.id, expected_version=expected, undoing=True),
                                  read_back, None)
        return versioned_step(f"Modification {article}{name}",
                              lambda expected, replaying: save(_at(record, expected), undoing=replaying),
                              lambda expected: save(_at(before, expected), undoing=True), read_back,
                              record.row_version)

    def delete_person_step(self, person_id: int, expected_version: int | None = None) -> Step:
        person = self.person(person_id)
        if person is None:
            raise DomainError("Cette personne n'existe plus dans l'annuaire.")
        return deletion_step(f"Suppression de {person.full_name or 'la personne'}", person_id, self.delete_person,
                            lambda: self.save_person(copy.copy(person)), self.repo.person, expected_version)

    # -- undo steps of the reference data (versioned, as those of the directory) ----------------------
    def save_funder_step(self, funder: Funder) -> Step:
        """Adding (undo deletes it) or changing (undo puts the stored version back) a funder; the change is
        checked against the version ``funder`` was loaded with."""
        return self._save_step("funder", funder, f"du financeur « {funder.label} »", self.repo.funder,
                               self.save_funder, self.delete_funder, article="")

    def delete_funder_step(self, funder_id: int, expected_version: int | None = None) -> Step:
        """Deleting a funder; undo puts it back with its schemes. ``expected_version``: the version the user
        saw (None: not checked)."""
        snapshot = self.funder_snapshot(funder_id)
        return deletion_step(f"Suppression du financeur « {snapshot.funder.label} »", funder_id, self.delete_funder,
                            lambda: self.restore_funder(snapshot), self.repo.funder, expected_version)

    def save_scheme_step(self, scheme: Scheme) -> Step:
        return self._save_step("scheme", scheme, f"du dispositif « {scheme.name} »", self.repo.scheme,
                               self.save_scheme, self.delete_scheme, article="")

    def delete_scheme_step(self, scheme_id: int, expected_version: int | None = None) -> Step:
        snapshot = copy.copy(self.repo.scheme(scheme_id))
        if snapshot is None:
            raise DomainError("Ce dispositif n'existe plus (il a peut-être été supprimé).")
        return deletion_step(f"Suppression du dispositif « {snapshot.name} »", scheme_id, self.delete_scheme,
                            lambda: self.save_scheme(copy.copy(snapshot)), self.repo.scheme, expected_version)

    def save_mesure_step(self, mesure: FondsVertMesure) -> Step:
        return self._save_step("fonds_vert_mesure", mesure, f"la mesure « {mesure.name} »", self.national.mesure,
                               self.save_mesure, self.delete_mesure)

    def delete_mesure_step(self, mesure_id: int, expected_version: int | None = None) -> Step:
        snapshot = copy.copy(self.national.mesure(mesure_id))
        if snapshot is None:
            raise DomainError("Cette mesure du Fonds vert n'existe plus.")
        return deletion_step(f"Suppression de la mesure « {snapshot.name} »", mesure_id, self.delete_mesure,
                            lambda: self.save_mesure(copy.copy(snapshot)), self.national.mesure, expected_version)

    def save_status_step(self, code: str, label: str, color: str) -> Step:
        old_label, old_color = self.statuses()[code]
        return Step(f"Modification du statut « {old_label} »", lambda: self.save_status(code, label, color),
                    lambda: self.save_status(code, old_label, old_color))

    def _save_versioned(self, entity: str, record, read, write, what, undoing: bool, *, feminine: bool = True,
                        advice: str = "", skip: tuple[str, ...] = ()) -> Changes:
        """Write an organisation, a person or reference data in one transaction, refused when the stored one
        changed since ``record`` was loaded (its ``row_version``)."""
        with self.store.transaction():
            stored = read(record.id) if record.id is not None else None
            if stored is not None:
                refuse_if_changed(self.store, entity, record.id, stored.row_version, record.row_version,
                                  lambda: what(stored),
                                  lambda: field_differences(self._readable(stored), self._readable(record), skip),
                                  undoing=undoing, feminine=feminine, advice=advice or DIRECTORY_ADVICE)
            changes = write(record)
        return self.store.notify(changes)

    def _readable(self, record):
        """A copy whose organisation ids read as names, for the message of a refused save."""
        shown = copy.copy(record)
        for name in ("epci_id", "organisation_id"):
            value = getattr(record, name, None)
            if value is not None:
                org = self.repo.organisation(value)
                setattr(shown, name, org.label if org else value)
        return shown

    def _existing_organisation(self, org_id: int) -> Organisation:
        org = self.repo.organisation(org_id)
        if org is None:
            raise DomainError("Cette organisation n'existe plus dans l'annuaire.")
        return org


DIRECTORY_ADVICE = "fermez l'annuaire, rouvrez-le et refaites-les"
REFERENCE_ADVICE = "fermez la fenêtre des données de référence, rouvrez-la et refaites-les"


def _organisation_what(org: Organisation) -> str:
    return f"L'organisation « {org.label} »"


def _person_what(person: Person) -> str:
    return f"La fiche de {person.full_name or 'cette personne'}"


def _funder_what(funder: Funder) -> str:
    return f"Le financeur « {funder.label} »"


def _scheme_what(scheme: Scheme) -> str:
    return f"Le dispositif « {scheme.name} »"


def _mesure_what(mesure: FondsVertMesure) -> str:
    return f"La mesure « {mesure.name} »"


def _at(record, version: int | None):
    """A copy of ``record`` expecting ``version`` (None: the version it holds)."""
    shown = copy.copy(record)
    if version is not None:
        shown.row_version = version
    return shown


def _raise_errors(problems: list[Problem]) -> None:
    errors = rules.errors(problems)
    if errors:
        raise ValidationError(errors)
