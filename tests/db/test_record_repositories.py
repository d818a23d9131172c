"""The repository contract (issue 12.4) for contracts, sections, organisations and persons: a repository
writes only inside its caller's transaction (it never opens one: a refused operation rolls back all it
wrote), and every change moves the record's ``row_version``."""

from __future__ import annotations

import pytest

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.errors import DomainError
from tests.fixtures.make_fixtures import fill


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "espace.crte") as s:
        yield s


def test_a_repository_never_writes_outside_its_callers_transaction(store):
    contracts, directory = ContractRepository(store), DirectoryRepository(store)
    before = store.path.read_bytes()
    for write in (lambda: contracts.save_contract(Contract(name="CRTE")),
                  lambda: directory.save_organisation(Organisation("Douai")),
                  lambda: directory.save_person(Person("Durand"))):
        with pytest.raises(RuntimeError, match="transaction"):
            write()
    assert store.path.read_bytes() == before


def test_a_refusal_later_in_the_transaction_takes_back_what_the_repositories_wrote(store):
    contracts, directory = ContractRepository(store), DirectoryRepository(store)
    before = store.path.read_bytes()
    with pytest.raises(DomainError):
        with store.transaction():
            contract = Contract(name="CRTE")
            contracts.save_contract(contract)
            contracts.save_section(Section(contract.id, "Axe 1"))
            directory.save_organisation(Organisation("Douai"))
            raise DomainError("refusé")
    assert store.path.read_bytes() == before
    assert contracts.contracts() == [] and directory.organisations() == []


def test_every_change_moves_the_records_version(store):
    ids = fill(store)
    contracts, directory = ContractRepository(store), DirectoryRepository(store)
    contract = contracts.contract(ids["contract"])
    org = directory.organisation(ids["douai"])
    section = contracts.section(ids["axis1"])
    assert (contract.row_version, org.row_version, section.row_version) == (1, 1, 1)
    with store.transaction():
        contract.title = "Nouveau titre"
        assert contracts.save_contract(contract)
        org.phone = "03 27 00 00 00"
        assert directory.save_organisation(org)
        section.title = "Écologie"
        assert contracts.save_section(section)
        assert not contracts.save_contract(contract)  # nothing changed: no new version
    assert contracts.contract(ids["contract"]).row_version == contract.row_version == 2
    assert directory.organisation(ids["douai"]).row_version == org.row_version == 2
    assert contracts.section(ids["axis1"]).row_version == section.row_version == 2
    with store.transaction():
        contracts.move_section(ids["axis1"], None, 1)
    assert contracts.section(ids["axis1"]).row_version == 3  # moved
    assert contracts.section(ids["axis2"]).row_version == 1  # renumbered only: edited from its stored row
    # the history holds what a person reads, never the version
    assert not [e for e in directory.history.for_record("organisation", ids["douai"]) if "version" in e.field]
