"""DirectoryService without Qt: organisations, persons and reference data; every broken rule gives
its French message and leaves the file byte-for-byte unchanged."""

import pytest

from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Signatory
from crte_desktop.domain.directory import Funder, Organisation, Person, Scheme
from crte_desktop.domain.enums import FinancingCategory, OrgKind
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService


@pytest.fixture
def annuaire(tmp_path):
    path = tmp_path / "annuaire.crte"
    store = Store.create(path)
    d = DirectoryService(store)
    da = Organisation("Communauté d'agglomération Douaisis Agglo", OrgKind.EPCI, "DA",
                      email="contact@douaisis-agglo.com")
    ccco = Organisation("Communauté de communes Cœur d'Ostrevent", OrgKind.EPCI, "CCCO", phone="03 27 71 37 37")
    d.save_organisation(da)
    d.save_organisation(ccco)
    douai = Organisation("Douai", OrgKind.COMMUNE, epci_id=da.id)
    somain = Organisation("Somain", OrgKind.COMMUNE, epci_id=ccco.id)
    d.save_organisation(douai)
    d.save_organisation(somain)
    poiret = Person("POIRET", "Christian", "M.", "Président", da.id, "c.poiret@douaisis-agglo.com")
    d.save_person(poiret)
    ids = {"da": da.id, "ccco": ccco.id, "douai": douai.id, "somain": somain.id, "poiret": poiret.id}
    yield path, store, d, ids
    store.close()


def _refused_unchanged(path, store, digest, attempt, match, error=DomainError):
    store.close()
    before = digest(path)
    reopened = Store.open(path)
    try:
        with pytest.raises(error, match=match):
            attempt(DirectoryService(reopened))
    finally:
        reopened.close()
    assert digest(path) == before


def test_commune_attached_to_its_epci(annuaire):
    _, _, d, ids = annuaire
    assert d.organisation(ids["douai"]).epci_id == ids["da"]
    assert [o.name for o in d.organisations(OrgKind.COMMUNE)] == ["Douai", "Somain"]


@pytest.mark.parametrize("make, message", [
    (lambda ids: Organisation("  ", OrgKind.ASSOCIATION), "Le nom de l'organisation est obligatoire."),
    (lambda ids: Organisation("Guesnain", OrgKind.COMMUNE, epci_id=ids["douai"]),
     "« Douai » n'est pas un EPCI : une commune se rattache à une communauté de communes"),
    (lambda ids: Organisation("SMTD", OrgKind.SYNDICAT, epci_id=ids["da"]),
     "Seule une commune peut être rattachée à un EPCI."),
    (lambda ids: Organisation("Arleux", OrgKind.COMMUNE, epci_id=9999),
     "L'EPCI de rattachement n'existe plus dans l'annuaire."),
    (lambda ids: Organisation("Mairie de Dechy", OrgKind.COMMUNE, epci_id=ids["da"], email="mairie.dechy.fr"),
     "L'adresse de courriel « mairie.dechy.fr » n'est pas valide"),
    (lambda ids: Organisation("Mairie d'Auby", OrgKind.COMMUNE, epci_id=ids["da"], email="accueil@auby"),
     "L'adresse de courriel « accueil@auby » n'est pas valide"),
    (lambda ids: Organisation("Mairie d'Aniche", OrgKind.COMMUNE, epci_id=ids["ccco"], phone="appelez-nous"),
     "Le numéro de téléphone « appelez-nous » n'est pas valide"),
])
def test_organisation_rules(annuaire, digest, make, message):
    path, store, _, ids = annuaire
    _refused_unchanged(path, store, digest, lambda d: d.save_organisation(make(ids)), message, ValidationError)


def test_a_commune_cannot_be_its_own_epci(annuaire, digest):
    path, store, _, ids = annuaire

    def attempt(d):
        douai = d.organisation(ids["douai"])
        douai.epci_id = douai.id
        d.save_organisation(douai)

    _refused_unchanged(path, store, digest, attempt, "Une commune ne peut pas être son propre EPCI.")


def test_warnings_do_not_block(annuaire):
    _, _, d, _ = annuaire
    lonely = Organisation("Rieulay", OrgKind.COMMUNE)
    problems = d.organisation_problems(lonely)
    assert [p.level for p in problems] == ["warning"]
    assert "n'est rattachée à aucun EPCI" in problems[0].message
    d.save_organisation(lonely)
    twin = Organisation("douai", OrgKind.AUTRE)
    assert [p.message for p in d.organisation_problems(twin)] == ["Une autre organisation s'appelle déjà « douai »."]


@pytest.mark.parametrize("make, message", [
    (lambda ids: Person("  ", "Frédéric"), "Le nom de famille de la personne est obligatoire."),
    (lambda ids: Person("DELANNOY", email="f.delannoy@"), "L'adresse de courriel « f.delannoy@ » n'est pas valide"),
    (lambda ids: Person("DELANNOY", phone="03"), "Le numéro de téléphone « 03 » n'est pas valide"),
    (lambda ids: Person("DELANNOY", organisation_id=9999), "Cette organisation n'existe plus dans l'annuaire."),
])
def test_person_rules(annuaire, digest, make, message):
    path, store, _, ids = annuaire
    _refused_unchanged(path, store, digest, lambda d: d.save_person(make(ids)), message, ValidationError)


def test_organisation_in_use_cannot_be_deleted_and_the_message_counts(annuaire, digest):
    path, store, d, ids = annuaire
    contracts = ContractService(store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    bundle.signatories = [Signatory(0, ids["da"], ids["poiret"], "Président")]
    contracts.save(bundle)
    actions = ActionService(store)
    for _ in range(2):
        b = actions.new_bundle(bundle.contract.id, None, 2022)
        b.action.title, b.action.owner_id, b.action.epci_id = "Cycle de l'eau", ids["da"], ids["da"]
        actions.save(b)
    _refused_unchanged(
        path, store, digest, lambda d: d.delete_organisation(ids["da"]),
        r"^L'organisation « DA » ne peut pas être supprimée : elle est utilisée 6 fois \(maître d'ouvrage "
        r"d'actions : 2, territoire d'actions : 2, signataire de contrats : 1, "
        r"EPCI de rattachement de communes : 1\)\. "
        r"Retirez-la d'abord de ces fiches\.$")


def test_epci_with_communes_cannot_be_deleted(annuaire, digest):
    path, store, _, ids = annuaire
    _refused_unchanged(path, store, digest, lambda d: d.delete_organisation(ids["ccco"]),
                       r"est utilisée une fois \(EPCI de rattachement de communes : 1\)")


def test_organisation_deleted_then_restored_with_its_persons(annuaire):
    _, _, d, ids = annuaire
    d.delete_organisation(ids["douai"])
    d.delete_organisation(ids["somain"])
    snapshot = d.organisation_snapshot(ids["da"])
    assert snapshot.person_ids == [ids["poiret"]] and snapshot.commune_ids == []
    changes = d.delete_organisation(ids["da"])
    assert ids["poiret"] in changes.persons
    assert d.organisation(ids["da"]) is None and d.person(ids["poiret"]).organisation_id is None
    d.restore_organisation(snapshot)
    assert d.organisation(ids["da"]).short_name == "DA"
    assert d.person(ids["poiret"]).organisation_id == ids["da"]


def test_signing_person_cannot_be_deleted(annuaire, digest):
    path, store, _, ids = annuaire
    contracts = ContractService(store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    bundle.signatories = [Signatory(0, None, ids["poiret"], "Président")]
    contracts.save(bundle)
    _refused_unchanged(path, store, digest, lambda d: d.delete_person(ids["poiret"]),
                       "La fiche de M. Christian POIRET ne peut pas être supprimée : cette personne signe un contrat.")


def test_person_deleted_and_restored_with_same_id(annuaire):
    _, _, d, ids = annuaire
    person = d.person(ids["poiret"])
    d.delete_person(ids["poiret"])
    assert d.person(ids["poiret"]) is None
    d.save_person(person)
    assert d.person(ids["poiret"]).full_name == "M. Christian POIRET"


def test_funders_schemes_and_statuses_are_seeded_and_editable(annuaire):
    _, _, d, _ = annuaire
    names = [f.name for f in d.funders()]
    assert "ADEME" in names and "Agence de l'eau Artois-Picardie" in names
    etat = next(f for f in d.funders() if f.name == "État")
    assert {"DSIL", "DETR", "FNADT", "Fonds vert"} <= {s.name for s in d.schemes(etat.id)}
    caf = Funder("Fondation du patrimoine", "FDP", is_public=False)
    d.save_funder(caf)
    d.save_scheme(Scheme(caf.id, "Souscription", FinancingCategory.VALORISE))
    assert [s.name for s in d.schemes(caf.id)] == ["Souscription"]
    d.save_status("en_cours", "En travaux", "#00AA00")
    assert d.statuses()["en_cours"] == ("En travaux", "#00aa00")


@pytest.mark.parametrize("attempt, message", [
    (lambda d: d.save_funder(Funder(" ")), "Le nom du financeur est obligatoire."),
    (lambda d: d.save_funder(Funder("ademe")), "Le financeur « ademe » existe déjà."),
    (lambda d: d.save_scheme(Scheme(d.funders()[0].id, "")), "Le nom du dispositif est obligatoire."),
    (lambda d: d.save_scheme(Scheme(d.funders()[0].id, "dsil")), "Ce financeur a déjà un dispositif « dsil »."),
    (lambda d: d.save_scheme(Scheme(9999, "Nouveau")), "Choisissez le financeur de ce dispositif."),
    (lambda d: d.save_status("en_cours", "", "#00aa00"), "Le libellé du statut est obligatoire."),
    (lambda d: d.save_status("en_cours", "Réalisée", "#00aa00"), "Un autre statut s'appelle déjà « Réalisée »."),
    (lambda d: d.save_status("en_cours", "En cours", "vert"), "La couleur « vert » n'est pas valide"),
    (lambda d: d.save_status("inconnu", "Inconnu", "#000000"), "Le statut « inconnu » n'existe pas."),
])
def test_reference_rules(annuaire, digest, attempt, message):
    path, store, _, _ = annuaire
    _refused_unchanged(path, store, digest, attempt, message, ValidationError)


def _financed_action(store, funder, scheme):
    from decimal import Decimal

    from crte_desktop.domain.enums import FinancingCategory as Cat
    from crte_desktop.domain.financing import FinancingLine

    contracts = ContractService(store)
    bundle = contracts.new_bundle()
    bundle.contract.name = "CRTE du Douaisis"
    contracts.save(bundle)
    actions = ActionService(store)
    b = actions.new_bundle(bundle.contract.id, None, 2022)
    b.action.title, b.action.total_cost = "Réhabilitation du gymnase", Decimal("500000")
    b.financing = [FinancingLine(action_id=None, funder_id=funder.id, scheme_id=scheme.id,
                                 category=Cat.CONTRACTUALISE, year=2022,
                                 planned=Decimal("100000"))]
    actions.save(b)


def test_funder_or_scheme_in_use_cannot_be_deleted(annuaire, digest):
    path, store, d, _ = annuaire
    etat = next(f for f in d.funders() if f.name == "État")
    dsil = next(s for s in d.schemes(etat.id) if s.name == "DSIL")
    _financed_action(store, etat, dsil)
    _refused_unchanged(path, store, digest, lambda d: d.delete_funder(etat.id),
                       "Le financeur « État » figure dans une ligne de financement : il ne peut pas être supprimé.")
    reopened = Store.open(path)
    try:
        with pytest.raises(DomainError, match="Le dispositif « DSIL » figure dans une ligne de financement"):
            DirectoryService(reopened).delete_scheme(dsil.id)
    finally:
        reopened.close()


def test_unused_funder_deleted_with_its_schemes_and_restored(annuaire):
    _, _, d, _ = annuaire
    vnf = next(f for f in d.funders() if f.short_name == "VNF")
    snapshot = d.funder_snapshot(vnf.id)
    assert [s.name for s in snapshot.schemes] == ["Investissement VNF"]
    d.delete_funder(vnf.id)
    assert vnf.id not in {f.id for f in d.funders()} and d.schemes(vnf.id) == []
    d.restore_funder(snapshot)
    assert [s.name for s in d.schemes(vnf.id)] == ["Investissement VNF"]
    scheme = d.schemes(vnf.id)[0]
    d.delete_scheme(scheme.id)
    assert d.schemes(vnf.id) == []
