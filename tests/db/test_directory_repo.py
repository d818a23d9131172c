"""Organisations, persons, funders and schemes (seeded with the real French values)."""


import pytest

from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.directory import Funder, Organisation, Person, Scheme
from crte_desktop.domain.enums import FinancingCategory, OrgKind
from tests.in_transaction import InTransaction


@pytest.fixture
def repo(workspace):
    return InTransaction(DirectoryRepository(workspace))


def test_seeded_funders_and_schemes(repo):
    funders = {f.label: f for f in repo.funders()}
    assert {"État", "ADEME", "Agence de l'eau", "Banque des territoires", "Région", "Département",
            "EPCI", "Autofinancement"} <= set(funders)
    etat = funders["État"]
    schemes = {s.name: s for s in repo.schemes(etat.id)}
    assert {"DSIL", "DETR", "FNADT", "Fonds friches", "Fonds vert"} <= set(schemes)
    assert schemes["Fonds friches"].default_category is FinancingCategory.FRANCE_RELANCE
    assert schemes["DETR"].default_category is FinancingCategory.CONTRACTUALISE
    assert not funders["Autofinancement"].is_public and not funders["Privé"].is_public
    assert etat.is_public
    assert repo.public_funder_ids() == {f.id for f in repo.funders() if f.is_public}
    assert len(repo.schemes()) > len(repo.schemes(etat.id))


def test_funder_and_scheme_round_trip(repo):
    f = Funder(name="Agence nationale de la cohésion des territoires", short_name="ANCT")
    repo.save_funder(f)
    s = Scheme(f.id, "Petites villes de demain", FinancingCategory.VALORISE)
    changes = repo.save_scheme(s)
    assert changes.reference
    assert next(x for x in repo.funders() if x.id == f.id) == f
    assert repo.schemes(f.id) == [s]
    s.name = "Petites villes de demain (ingénierie)"
    repo.save_scheme(s)
    assert repo.schemes(f.id)[0].name == "Petites villes de demain (ingénierie)"
    f.is_public = False
    repo.save_funder(f)
    assert f.id not in repo.public_funder_ids()


def test_funder_names_are_unique(repo, workspace):
    with pytest.raises(ConstraintError):
        repo.save_funder(Funder(name="ADEME"))
    assert not workspace.in_transaction


def test_organisations_and_communes_of_an_epci(repo):
    epci = Organisation(name="Douaisis Agglo", kind=OrgKind.EPCI, short_name="DA", email="contact@douaisis-agglo.com")
    repo.save_organisation(epci)
    douai = Organisation(name="Douai", kind=OrgKind.COMMUNE, epci_id=epci.id)
    sin = Organisation(name="Sin-le-Noble", kind=OrgKind.COMMUNE, epci_id=epci.id)
    repo.save_organisation(douai)
    repo.save_organisation(sin)
    assert repo.organisation(epci.id) == epci
    assert epci.label == "DA" and douai.label == "Douai"
    assert [o.name for o in repo.organisations()] == ["Douai", "Douaisis Agglo", "Sin-le-Noble"]
    assert [o.name for o in repo.organisations(OrgKind.COMMUNE)] == ["Douai", "Sin-le-Noble"]
    assert repo.epci_of() == {douai.id: epci.id, sin.id: epci.id}
    sin.phone = "03 27 00 00 00"
    repo.save_organisation(sin)
    assert repo.organisation(sin.id).phone == "03 27 00 00 00"
    assert repo.organisation_usage(douai.id) == 0
    repo.delete_organisation(epci.id)  # its communes stay, without EPCI
    assert repo.organisation(douai.id).epci_id is None
    assert repo.organisation(epci.id) is None


def test_persons(repo):
    org = Organisation(name="Sous-préfecture de Douai", kind=OrgKind.ETAT)
    repo.save_organisation(org)
    p = Person(last_name="Martin", first_name="Élise", civility="Mme", function="Cheffe du bureau", organisation_id=org.id)
    q = Person(last_name="André", first_name="Paul", civility="M.")
    repo.save_person(p)
    repo.save_person(q)
    assert p.full_name == "Mme Élise Martin"
    assert repo.person(p.id) == p
    assert [x.last_name for x in repo.persons()] == ["André", "Martin"]
    assert repo.persons(org.id) == [p]
    p.email = "elise.martin@nord.gouv.fr"
    repo.save_person(p)
    assert repo.person(p.id).email == "elise.martin@nord.gouv.fr"
    repo.delete_person(q.id)
    assert repo.person(q.id) is None


def test_status_labels_and_colours_are_editable(repo):
    assert repo.status_colors()["bloquee"] == ("Bloquée", "#c62828")
    repo.save_status("bloquee", "Bloquée (attente financement)", "#aa0000")
    assert repo.status_colors()["bloquee"] == ("Bloquée (attente financement)", "#aa0000")
