"""Committees of a contract (COPIL, COTECH…) and their composition."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.committee import CommitteeRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.db.repos.meeting_history import field_diff
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.meeting_rules import check_committee
from crte_desktop.domain.meetings import Committee, CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.editing.steps import Step, same_content, version_to_expect
from crte_desktop.meetings.base import committee_changes, refuse

DEFAULT_MINIMUM = {CommitteeKind.COPIL: 1, CommitteeKind.COTECH: 2, CommitteeKind.OTHER: 0}


@dataclass
class MemberView:
    """A member as shown and printed: names resolved, e-mail addresses (the person's, else the organisation's)."""

    member: CommitteeMember
    person_name: str
    organisation_name: str
    substitute_name: str
    email: str
    substitute_email: str
    function: str = ""
    organisation_full_name: str = ""  # "Communauté d'agglomération Douaisis Agglo", where organisation_name is "DA"
    organisation_kind: str = ""  # OrgKind value ("etat", "epci"…)

    @property
    def role(self) -> MemberRole:
        return self.member.role

    @property
    def display_name(self) -> str:
        """"M. Laurent DEGALLAIX" or, for a seat without a named person, the organisation."""
        return self.person_name or self.organisation_name


class CommitteeService:
    def __init__(self, store):
        self.store = store
        self.repo = CommitteeRepository(store)
        self.directory = DirectoryRepository(store)
        self.contracts = ContractRepository(store)

    # -- reading ------------------------------------------------------------------------------------
    def committees(self, contract_id: int) -> list[Committee]:
        return self.repo.committees(contract_id)

    def get(self, committee_id: int) -> Committee:
        committee = self.repo.committee(committee_id)
        if committee is None:
            raise DomainError("Ce comité n'existe plus (il a peut-être été supprimé).")
        return committee

    def new(self, contract_id: int, kind: CommitteeKind = CommitteeKind.COTECH) -> Committee:
        contract = self.contracts.contract(contract_id)
        suffix = f" du {contract.name}" if contract else ""
        name = f"{kind.title}{suffix}" if kind is not CommitteeKind.OTHER else ""
        return Committee(contract_id=contract_id, kind=kind, name=name, min_per_year=DEFAULT_MINIMUM[kind])

    def history(self, committee_id: int):
        """Changes to the committee and its composition, newest first."""
        return self.repo.history.for_committee(committee_id)

    def member_views(self, committee: Committee) -> list[MemberView]:
        ids = [p for m in committee.members for p in (m.person_id, m.substitute_id)]
        persons = {p.id: p for p in (self.directory.person(i) for i in set(ids) if i is not None) if p}
        orgs = {o.id: o for o in (self.directory.organisation(m.organisation_id) for m in committee.members
                                  if m.organisation_id is not None) if o}
        views = []
        for m in committee.members:
            person, sub, org = persons.get(m.person_id), persons.get(m.substitute_id), orgs.get(m.organisation_id)
            if org is None and person is not None and person.organisation_id is not None:
                org = self.directory.organisation(person.organisation_id)
            org_email = org.email.strip() if org else ""
            views.append(MemberView(
                member=m, person_name=person.full_name if person else "",
                organisation_name=org.label if org else "", substitute_name=sub.full_name if sub else "",
                email=(person.email.strip() if person else "") or org_email,
                substitute_email=sub.email.strip() if sub else "", function=person.function if person else "",
                organisation_full_name=org.name if org else "", organisation_kind=org.kind.value if org else ""))
        return views

    # -- rules --------------------------------------------------------------------------------------
    def problems(self, committee: Committee) -> list[Problem]:
        ids = [p for m in committee.members for p in (m.person_id, m.substitute_id)]
        org_ids = [m.organisation_id for m in committee.members]
        problems = check_committee(committee, self.repo.person_names(ids), self.repo.organisation_names(org_ids))
        if self.contracts.contract(committee.contract_id) is None:
            problems.append(Problem("contract_id", "Le contrat de ce comité n'existe plus."))
        missing_persons = {i for i in ids if i is not None} - self.repo.existing_person_ids(ids)
        missing_orgs = {i for i in org_ids if i is not None} - self.repo.existing_organisation_ids(org_ids)
        if missing_persons:
            problems.append(Problem("members", "Une personne de la composition n'existe plus dans l'annuaire."))
        if missing_orgs:
            problems.append(Problem("members", "Une organisation de la composition n'existe plus dans l'annuaire."))
        return problems

    # -- writing ------------------------------------------------------------------------------------
    def save(self, committee: Committee, *, undoing: bool = False, loaded: Committee | None = None) -> Changes:
        """Create or update the committee and its composition. Refused (ConcurrentChangeError, nothing written)
        when it was changed elsewhere since ``committee`` was loaded (``undoing``: worded for an undo; ``loaded``:
        the committee as loaded, to name only what changed elsewhere)."""
        refuse(self.problems(committee))
        with self.store.transaction():
            self.refuse_if_changed_elsewhere(committee, undoing=undoing, loaded=loaded)
            self.repo.save(committee)
        return self.store.notify(committee_changes(committee.id))

    def delete(self, committee_id: int, *, expected_version: int | None = None,
               loaded: Committee | None = None) -> Changes:
        """Delete a committee without meetings. ``expected_version`` (undoing its creation): refused if it
        changed since (``loaded``: the committee as it was then)."""
        committee = self.get(committee_id)
        if expected_version is not None:
            self.refuse_if_changed_elsewhere(committee, undoing=True, expected=expected_version, loaded=loaded)
        count = self.repo.meeting_count(committee_id)
        if count:
            raise DomainError(f"Le comité « {committee.name} » a {count} séance{'s' if count > 1 else ''} : "
                              "supprimez-les d'abord (leur compte rendu et leurs décisions seraient perdus).")
        with self.store.transaction():
            self.repo.delete(committee_id)
        return self.store.notify(committee_changes(committee_id))

    def refuse_if_changed_elsewhere(self, committee: Committee, *, undoing: bool = False,
                                    expected: int | None = None, loaded: Committee | None = None) -> None:
        """Optimistic concurrency: refuse to write over a committee (or its composition) changed since it was
        loaded — another window, a colleague on a share whose locks lie. The message names what differs from
        ``loaded`` (default: ``committee``)."""
        if committee.id is None:
            return
        current = self.repo.version(committee.id)
        if current is None or current == (committee.row_version if expected is None else expected):
            return
        stored = self.repo.committee(committee.id)
        raise ConcurrentChangeError(changed_elsewhere_message(
            f"Le comité « {stored.name} »", self.repo.history.for_committee(committee.id)[:1],
            self._differences(stored, loaded or committee), undo=undoing, feminine=False,
            advice="la composition affichée est maintenant celle enregistrée, refaites-les"))

    def _differences(self, stored: Committee, mine: Committee) -> list[tuple[str, str, str]]:
        """(what, as saved now, as in the refused committee): what the save would have overwritten."""
        out = [(label, now or "", theirs or "")
               for label, now, theirs in field_diff(stored, mine, skip=("members", "contract_id"))]
        kept = {m.id: m for m in mine.members if m.id is not None}
        for m in stored.members:
            if m.id not in kept:
                out.append(("Membre", self.repo.member_text(m), "absent de votre composition"))
            elif field_diff(m, kept[m.id]):
                out.append(("Membre", self.repo.member_text(m), self.repo.member_text(kept[m.id])))
        stored_ids = {m.id for m in stored.members}
        out += [("Membre", "retiré", self.repo.member_text(m)) for m in mine.members
                if m.id is not None and m.id not in stored_ids]
        return out

    # -- undo steps (editing/steps.py) ---------------------------------------------------------------
    def create_step(self, committee: Committee) -> Step:
        """Creating ``committee``; redo creates it again with the same id, undo deletes it — refused when it
        was changed elsewhere since."""
        saved: list[Committee] = []

        def redo() -> None:
            c = copy.deepcopy(saved[0] if saved else committee)
            self.save(c)
            saved[:] = [self.get(c.id)]  # as stored, with its version
            committee.id = c.id

        def undo() -> None:
            self.delete(saved[0].id, expected_version=self._expected(saved[0]), loaded=saved[0])

        return Step(f"Création du {committee.kind.label}", redo, undo)

    def members_step(self, label: str, committee: Committee, members: list[CommitteeMember]) -> Step:
        """Giving ``committee`` (as loaded, with its version) ``members``; undo puts its composition back. The
        first run is refused if the committee changed since it was loaded, undo and redo if it changed since
        the step (ConcurrentChangeError, nothing written)."""
        before = copy.deepcopy(committee)
        after = copy.deepcopy(committee)
        after.members = copy.deepcopy(members)
        left: list[Committee | None] = [None]  # the committee as the last run left it

        def run(target: Committee) -> None:
            mine = copy.deepcopy(target)
            undoing = left[0] is not None
            if undoing:
                mine.row_version = self._expected(left[0])
            self.save(mine, undoing=undoing, loaded=left[0] or committee)
            left[0] = self.get(committee.id)
            for m, saved in zip(target.members, mine.members):  # redo gives new members their ids again
                m.id = saved.id

        return Step(label, lambda: run(after), lambda: run(before))

    def _expected(self, left: Committee) -> int | None:
        """The version a replay expects: the one ``left`` has, or the current one when the committee holds
        exactly what ``left`` holds (editing/steps.py)."""
        current = self.repo.committee(left.id)
        return version_to_expect(left.row_version, current.row_version if current else None,
                                 lambda: current is not None and same_content(current, left))

    def seats_of_person(self, person_id: int) -> int:
        """For the directory: a person seated in a committee cannot be deleted."""
        return self.repo.seats_of_person(person_id)

    def seats_of_organisation(self, organisation_id: int) -> int:
        return self.repo.seats_of_organisation(organisation_id)
