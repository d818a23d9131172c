"""Committees and their composition, through the service."""


import pytest

from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.meetings.committees import CommitteeService
from tests.meetings.conftest import TODAY, new_meeting
from tests.in_transaction import InTransaction


def test_new_committees_get_the_contract_name_and_the_seeded_minimums(world):
    service = CommitteeService(world.store)
    copil = service.new(world.ids["contract"], CommitteeKind.COPIL)
    cotech = service.new(world.ids["contract"], CommitteeKind.COTECH)
    assert (copil.name, copil.min_per_year) == ("Comité de pilotage du CRTE du Douaisis", 1)
    assert (cotech.name, cotech.min_per_year) == ("Comité technique du CRTE du Douaisis", 2)


def test_composition_is_saved_in_order_with_roles_and_substitutes(world):
    service = CommitteeService(world.store)
    copil = service.committees(world.ids["contract"])[0]
    views = service.member_views(copil)
    assert [(v.display_name, v.organisation_name, v.role.label) for v in views] == [
        ("M. Jean-Marc LEBLANC", "Sous-préfecture de Douai", "Co-président"),
        ("M. Christian POIRET", "DA", "Co-président"),
        ("M. Frédéric DELANNOY", "CCCO", "Co-président"),
        ("Banque des territoires", "Banque des territoires", "Membre"),
        ("ADEME", "ADEME", "Membre"),
        ("Mme Sophie MARTIN", "Sous-préfecture de Douai", "Secrétariat"),
    ]
    poiret = views[1]
    assert (poiret.substitute_name, poiret.substitute_email) == ("M. Paul LEROY", "p.leroy@douaisis-agglo.com")
    # a seat without a named person is reached through the organisation's address
    assert views[3].email == "hauts-de-france@caissedesdepots.fr"
    assert views[4].email == ""


def test_a_person_in_two_roles_is_refused_and_nothing_is_written(world, digest):
    service = CommitteeService(world.store)
    copil = service.get(world.copil.id)
    before = digest(world.path)
    copil.members.append(CommitteeMember(world.ids["agglo"], world.ids["poiret"], MemberRole.PERMANENT_GUEST))
    with pytest.raises(ValidationError) as err:
        service.save(copil)
    assert str(err.value) == ("M. Christian POIRET figure deux fois dans ce comité (co-président et invité permanent) : "
                              "une personne n'y tient qu'un rôle.")
    assert digest(world.path) == before
    assert len(service.get(world.copil.id).members) == 6


def test_the_same_person_may_sit_in_two_committees(world):
    service = CommitteeService(world.store)
    assert service.seats_of_person(world.ids["sous_prefet"]) == 2
    assert service.seats_of_person(world.ids["suppleant"]) == 1


def test_changes_to_the_composition_are_in_the_committee_history(world):
    service = CommitteeService(world.store)
    cotech = service.get(world.cotech.id)
    cotech.min_per_year = 3
    cotech.members[2].person_id = world.ids["delannoy"]
    cotech.members.pop(1)
    service.save(cotech)
    rows = {(h.field, h.old_value, h.new_value) for h in service.repo.history.for_committee(cotech.id)}
    assert ("Nombre minimal de séances par an", "2", "3") in rows
    assert ("membre retiré", "Mme Claire DUPONT (DA) — Co-président", None) in rows
    assert ("membre modifié", "CCCO — Co-président", "M. Frédéric DELANNOY (CCCO) — Co-président") in rows
    assert [m.person_id for m in service.get(cotech.id).members] == [
        world.ids["sous_prefet"], world.ids["delannoy"], world.ids["secretariat"]]


def test_a_committee_with_meetings_cannot_be_deleted(world, digest):
    service = CommitteeService(world.store)
    new_meeting(world.store, world.cotech.id, TODAY)
    before = digest(world.path)
    with pytest.raises(DomainError, match="a 1 séance : supprimez-les d'abord"):
        service.delete(world.cotech.id)
    assert digest(world.path) == before
    empty = service.new(world.ids["contract"], CommitteeKind.OTHER)
    empty.name = "Comité des financeurs"
    service.save(empty)
    service.delete(empty.id)
    assert [c.name for c in service.committees(world.ids["contract"])] == [world.copil.name, world.cotech.name]


def test_a_seated_organisation_or_person_cannot_be_deleted_from_the_directory(world):
    directory = InTransaction(DirectoryRepository(world.store))
    assert CommitteeService(world.store).seats_of_organisation(world.ids["ademe"]) == 1
    with pytest.raises(ConstraintError):
        directory.delete_organisation(world.ids["ademe"])
    with pytest.raises(ConstraintError):
        directory.delete_person(world.ids["poiret"])
    # a substitute can go: the seat simply loses its substitute
    directory.delete_person(world.ids["suppleant"])
    assert CommitteeService(world.store).get(world.copil.id).members[1].substitute_id is None


def test_a_deleted_contract_takes_its_committees_and_meetings_along(world):
    from crte_desktop.db.repos.contract import ContractRepository

    new_meeting(world.store, world.copil.id, TODAY)
    InTransaction(ContractRepository(world.store)).delete_contract(world.ids["contract"])
    assert world.store.conn.execute("SELECT COUNT(*) FROM committee").fetchone()[0] == 0
    assert world.store.conn.execute("SELECT COUNT(*) FROM meeting").fetchone()[0] == 0
