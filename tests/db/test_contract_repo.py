"""Contracts, amendments, signatories and the section tree, saved and read back."""

from datetime import date

import pytest

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.contract import Amendment, Contract, Section, Signatory
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.errors import DomainError
from tests.in_transaction import InTransaction


@pytest.fixture
def repo(workspace):
    return InTransaction(ContractRepository(workspace))


@pytest.fixture
def contract(repo):
    c = Contract(name="CRTE du Valenciennois", territory="Valenciennes Métropole et CA de la Porte du Hainaut",
                 signature_date=date(2021, 12, 17), start_year=2021, level_names=["Volet", "Orientation", "Action"])
    repo.save_contract(c)
    return c


def test_contract_round_trip(repo, contract):
    assert contract.id is not None and contract.uuid
    [back] = repo.contracts()
    assert back == contract
    assert repo.contract(contract.id) == contract
    assert repo.contract(9999) is None


def test_contract_update_and_delete(repo, contract, workspace):
    contract.duration_years = 7
    contract.title = "Contrat pour la réussite de la transition écologique"
    changes = repo.save_contract(contract)
    assert changes.contracts == {contract.id}
    assert repo.contract(contract.id).duration_years == 7
    repo.save_section(Section(contract_id=contract.id, title="Volet 1"))
    repo.delete_contract(contract.id)
    assert repo.contracts() == []
    assert workspace.conn.execute("SELECT COUNT(*) FROM section").fetchone()[0] == 0  # cascade


def test_amendments(repo, contract):
    a2 = Amendment(contract.id, 2, date(2023, 6, 1), "Avenant n° 2 : intégration de nouvelles fiches")
    a1 = Amendment(contract.id, 1, date(2022, 7, 1), "Avenant n° 1")
    repo.save_amendment(a2)
    repo.save_amendment(a1)
    assert [a.number for a in repo.amendments(contract.id)] == [1, 2]
    a1.title = "Avenant n° 1 : actualisation"
    repo.save_amendment(a1)
    assert repo.amendments(contract.id)[0].title == "Avenant n° 1 : actualisation"
    repo.delete_amendment(a2.id)
    assert repo.amendments(contract.id) == [a1]


def test_signatories_in_order(repo, contract, workspace):
    d = InTransaction(DirectoryRepository(workspace))
    prefecture = Organisation(name="Préfecture du Nord", kind=OrgKind.ETAT)
    d.save_organisation(prefecture)
    prefet = Person(last_name="LECLERC", first_name="Georges-François", function="Préfet du Nord",
                    organisation_id=prefecture.id)
    d.save_person(prefet)
    epci = Organisation(name="Valenciennes Métropole", kind=OrgKind.EPCI)
    d.save_organisation(epci)
    signs = [Signatory(contract.id, prefecture.id, prefet.id, "Pour l'État"),
             Signatory(contract.id, epci.id, None, "Pour Valenciennes Métropole")]
    repo.set_signatories(contract.id, signs)
    back = repo.signatories(contract.id)
    assert [(s.organisation_id, s.person_id, s.capacity, s.position) for s in back] == [
        (prefecture.id, prefet.id, "Pour l'État", 0), (epci.id, None, "Pour Valenciennes Métropole", 1)]
    repo.set_signatories(contract.id, list(reversed(back)))
    assert [s.capacity for s in repo.signatories(contract.id)] == ["Pour Valenciennes Métropole", "Pour l'État"]
    entries = HistoryRepository(workspace).for_record("contract", contract.id)
    assert entries[0].old_value == "Pour l'État; Pour Valenciennes Métropole"
    assert entries[0].new_value == "Pour Valenciennes Métropole; Pour l'État"


def _tree(repo, contract):
    ids = {}
    for key, title, parent in [("A", "Transition écologique", None), ("B", "Cohésion territoriale", None),
                               ("A1", "Rénovation énergétique", "A"), ("A2", "Mobilités", "A"),
                               ("B1", "Services au public", "B")]:
        s = Section(contract_id=contract.id, title=title, parent_id=ids.get(parent))
        repo.save_section(s)
        ids[key] = s.id
    return ids


def _codes(repo, contract):
    return [(s.code, s.title) for s in repo.sections(contract.id)]


def test_sections_are_numbered_in_creation_order(repo, contract):
    _tree(repo, contract)
    assert _codes(repo, contract) == [("1", "Transition écologique"), ("1.1", "Rénovation énergétique"),
                                      ("1.2", "Mobilités"), ("2", "Cohésion territoriale"), ("2.1", "Services au public")]


def test_move_section_renumbers(repo, contract, workspace):
    ids = _tree(repo, contract)
    repo.move_section(ids["A2"], None, 0)  # "Mobilités" becomes the first top-level section
    assert _codes(repo, contract) == [("1", "Mobilités"), ("2", "Transition écologique"),
                                      ("2.1", "Rénovation énergétique"), ("3", "Cohésion territoriale"),
                                      ("3.1", "Services au public")]
    repo.move_section(ids["B1"], ids["A"], 99)  # past the end: last child
    assert repo.section(ids["B1"]).code == "2.2"
    entries = HistoryRepository(workspace).for_record("section", ids["A2"])
    assert (entries[0].field, entries[0].old_value, entries[0].new_value) == ("code", "1.2", "1")


def test_a_section_cannot_move_under_itself(repo, contract, workspace, digest):
    ids = _tree(repo, contract)
    before = _codes(repo, contract)
    history = HistoryRepository(workspace).count()
    for parent in (ids["A"], ids["A1"]):
        with pytest.raises(DomainError) as err:
            repo.move_section(ids["A"], parent, 0)
        assert str(err.value) == "Une section ne peut pas être déplacée sous elle-même."
    assert _codes(repo, contract) == before
    assert HistoryRepository(workspace).count() == history
    assert not workspace.in_transaction


def test_section_update_usage_and_delete(repo, contract, workspace):
    ids = _tree(repo, contract)
    s = repo.section(ids["A1"])
    s.title = "Rénovation énergétique des bâtiments publics"
    repo.save_section(s)
    assert repo.section(ids["A1"]).title == "Rénovation énergétique des bâtiments publics"
    workspace.conn.execute("INSERT INTO action(contract_id, section_id, reference, title, status)"
                           " VALUES (?, ?, '2021-1', 'Isolation de l''école', 'a_venir')", (contract.id, ids["A1"]))
    assert repo.section_usage(ids["A"]) == 1 and repo.section_usage(ids["B"]) == 0
    repo.delete_section(ids["A"])  # its children go with it; the action stays, without section
    assert _codes(repo, contract) == [("1", "Cohésion territoriale"), ("1.1", "Services au public")]
    assert workspace.conn.execute("SELECT section_id FROM action").fetchone()[0] is None
    assert repo.section(ids["A1"]) is None
