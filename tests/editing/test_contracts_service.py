"""ContractService without Qt: saving a contract, its signatories, amendments and sections;
every broken rule gives its French message and leaves the file byte-for-byte unchanged."""

from datetime import date

import pytest

from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Amendment, Section, Signatory
from crte_desktop.domain.contract_rules import format_level_names, parse_level_names
from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService


def _douaisis(store):
    """The Douaisis contract: Axe 1 with two orientations, Axe 2 with one."""
    service = ContractService(store)
    bundle = service.new_bundle()
    c = bundle.contract
    c.name, c.territory, c.level_names = "CRTE du Douaisis", "Arrondissement de Douai", ["Axe", "Orientation"]
    c.signature_date, c.start_year = date(2022, 2, 1), 2021
    service.save(bundle)
    axe1 = Section(c.id, "Transition écologique")
    service.add_section(axe1)
    bio = Section(c.id, "Préserver la biodiversité, la ressource en eau", parent_id=axe1.id)
    service.add_section(bio)
    mob = Section(c.id, "Étendre les mobilités durables et décarbonées", parent_id=axe1.id)
    service.add_section(mob)
    axe2 = Section(c.id, "Compétitivité et attractivité")
    service.add_section(axe2)
    return service, c.id, {"axe1": axe1.id, "bio": bio.id, "mob": mob.id, "axe2": axe2.id}


def _codes(service, contract_id):
    return [(s.code, s.title) for s in service.sections(contract_id)]


def _add_actions(store, contract_id, section_id, n):
    actions = ActionService(store)
    for _ in range(n):
        bundle = actions.new_bundle(contract_id, section_id, 2022)
        bundle.action.title = "Étude sur le cycle de l'eau"
        actions.save(bundle)


@pytest.fixture
def douaisis(tmp_path):
    path = tmp_path / "douaisis.crte"
    store = Store.create(path)
    service, cid, ids = _douaisis(store)
    yield path, store, service, cid, ids
    store.close()


def _refused_unchanged(path, store, digest, attempt, match):
    """Close, fingerprint, reopen, make the attempt: it is refused with ``match`` and the file is unchanged."""
    store.close()
    before = digest(path)
    reopened = Store.open(path)
    try:
        with pytest.raises(DomainError, match=match):
            attempt(reopened)
    finally:
        reopened.close()
    assert digest(path) == before


def test_sections_are_numbered_in_tree_order(douaisis):
    _, _, service, cid, _ = douaisis
    assert _codes(service, cid) == [
        ("1", "Transition écologique"), ("1.1", "Préserver la biodiversité, la ressource en eau"),
        ("1.2", "Étendre les mobilités durables et décarbonées"), ("2", "Compétitivité et attractivité")]


def test_moving_a_section_renumbers_and_can_be_put_back(douaisis):
    _, _, service, cid, ids = douaisis
    place = service.section_place(ids["mob"])
    assert place == (ids["axe1"], 1)
    service.move_section(ids["mob"], ids["axe2"], 0)
    assert _codes(service, cid)[1:] == [
        ("1.1", "Préserver la biodiversité, la ressource en eau"), ("2", "Compétitivité et attractivité"),
        ("2.1", "Étendre les mobilités durables et décarbonées")]
    service.move_section(ids["axe2"], None, 0)
    assert [c for c, _ in _codes(service, cid)] == ["1", "1.1", "2", "2.1"]
    assert service.section(ids["axe2"]).code == "1"
    service.move_section(ids["mob"], *place)
    service.move_section(ids["axe2"], None, 1)
    assert _codes(service, cid)[2] == ("1.2", "Étendre les mobilités durables et décarbonées")


def test_a_section_cannot_go_under_itself(douaisis, digest):
    path, store, _, _, ids = douaisis
    _refused_unchanged(path, store, digest,
                       lambda s: ContractService(s).move_section(ids["axe1"], ids["bio"], 0),
                       "La section 1 ne peut pas être déplacée sous elle-même.")


def test_deleting_a_section_with_actions_is_refused_with_the_count(douaisis, digest):
    path, store, _, cid, ids = douaisis
    _add_actions(store, cid, ids["mob"], 3)
    _refused_unchanged(path, store, digest, lambda s: ContractService(s).delete_section(ids["mob"]),
                       r"^La section 1\.2 contient 3 actions : déplacez-les d'abord\.$")


def test_deleting_a_parent_counts_the_actions_below(douaisis, digest):
    path, store, _, cid, ids = douaisis
    _add_actions(store, cid, ids["bio"], 1)
    _refused_unchanged(path, store, digest, lambda s: ContractService(s).delete_section(ids["axe1"]),
                       "La section 1 contient une action : déplacez-la d'abord.")


def test_deleting_a_section_with_an_indicator_is_refused(douaisis, digest):
    path, store, _, cid, ids = douaisis
    from crte_desktop.db.repos.indicator import IndicatorRepository

    repo = IndicatorRepository(store)
    with store.transaction() as c:  # a section indicator, written as the dashboard helper would
        c.execute("INSERT INTO indicator(contract_id, section_id, name) VALUES (?, ?, ?)",
                  (cid, ids["bio"], "Surface de zones humides restaurées"))
    assert [i.section_id for i in repo.for_contract(cid)] == [ids["bio"]]
    _refused_unchanged(path, store, digest, lambda s: ContractService(s).delete_section(ids["axe1"]),
                       "La section 1 porte un indicateur")


def test_deleting_an_empty_section_with_children_and_restoring_it(douaisis):
    _, _, service, cid, ids = douaisis
    before = _codes(service, cid)
    snapshot = service.section_subtree(ids["axe1"])
    assert [s.id for s in snapshot] == [ids["axe1"], ids["bio"], ids["mob"]]
    service.delete_section(ids["axe1"])
    assert _codes(service, cid) == [("1", "Compétitivité et attractivité")]
    service.restore_sections(snapshot)
    assert _codes(service, cid) == before
    assert service.section(ids["mob"]).parent_id == ids["axe1"]


def test_section_title_is_required(douaisis, digest):
    path, store, _, cid, ids = douaisis
    _refused_unchanged(path, store, digest, lambda s: ContractService(s).update_section(ids["bio"], title="  "),
                       "L'intitulé de la section est obligatoire.")


def test_new_section_needs_a_title_and_a_parent_of_the_same_contract(douaisis, digest):
    path, store, service, cid, ids = douaisis
    other = service.new_bundle()
    other.contract.name = "CRTE du Valenciennois"
    service.save(other)

    def attempt(s):
        ContractService(s).add_section(Section(other.contract.id, "Mobilité", parent_id=ids["axe1"]))

    _refused_unchanged(path, store, digest, attempt, "La section parente n'existe pas dans ce contrat.")
    reopened = Store.open(path)
    with pytest.raises(ValidationError, match="L'intitulé de la section est obligatoire."):
        ContractService(reopened).add_section(Section(cid, ""))
    reopened.close()


def test_rename_and_description_are_saved_with_history(douaisis):
    _, store, service, _, ids = douaisis
    service.update_section(ids["bio"], title="Préserver la biodiversité", description="SAGE Scarpe-aval")
    s = service.section(ids["bio"])
    assert (s.title, s.description) == ("Préserver la biodiversité", "SAGE Scarpe-aval")
    from crte_desktop.db.repos.history import HistoryRepository

    fields = [e.field for e in HistoryRepository(store).for_record("section", ids["bio"])]
    assert "Intitulé" in fields and "Description" in fields


@pytest.mark.parametrize("change, message", [
    (lambda c: setattr(c, "name", " "), "Le nom du contrat est obligatoire."),
    (lambda c: setattr(c, "duration_years", 0), "La durée du contrat doit être comprise entre 1 et 20 ans."),
    (lambda c: setattr(c, "start_year", 1789), "L'année de début doit être comprise entre 1990 et 2100."),
    (lambda c: setattr(c, "level_names", [" "]), "Donnez au moins un nom de niveau"),
    (lambda c: setattr(c, "name", "crte du valenciennois"), "Un autre contrat s'appelle déjà"),
])
def test_contract_rules_refuse_and_leave_the_file_unchanged(douaisis, digest, change, message):
    path, store, service, cid, _ = douaisis
    other = service.new_bundle()
    other.contract.name = "CRTE du Valenciennois"
    service.save(other)

    def attempt(s):
        svc = ContractService(s)
        bundle = svc.load(cid)
        change(bundle.contract)
        svc.save(bundle)

    _refused_unchanged(path, store, digest, attempt, message)


def _people(store):
    d = DirectoryService(store)
    prefecture = Organisation("Préfecture du Nord", OrgKind.ETAT)
    da = Organisation("Communauté d'agglomération Douaisis Agglo", OrgKind.EPCI, "DA")
    d.save_organisation(prefecture)
    d.save_organisation(da)
    poiret = Person("POIRET", "Christian", "M.", "Président", da.id)
    d.save_person(poiret)
    return prefecture, da, poiret


def test_signatories_and_amendments_saved_and_reordered(douaisis):
    _, store, service, cid, _ = douaisis
    prefecture, da, poiret = _people(store)
    bundle = service.load(cid)
    bundle.signatories = [Signatory(cid, prefecture.id, None, "Le préfet du Nord"),
                          Signatory(cid, da.id, poiret.id, "Président de Douaisis Agglo")]
    bundle.amendments = [Amendment(cid, 1, date(2023, 6, 30), "Intégration de nouvelles fiches actions"),
                         Amendment(cid, 2, date(2024, 7, 1), "Passage au contrat pour la réussite de la transition")]
    service.save(bundle)
    loaded = service.load(cid)
    assert [(s.organisation_id, s.person_id, s.capacity) for s in loaded.signatories] == [
        (prefecture.id, None, "Le préfet du Nord"), (da.id, poiret.id, "Président de Douaisis Agglo")]
    loaded.signatories.reverse()
    loaded.amendments[0].number, loaded.amendments[1].number = 2, 1  # swap numbers
    service.save(loaded)
    again = service.load(cid)
    assert [s.capacity for s in again.signatories] == ["Président de Douaisis Agglo", "Le préfet du Nord"]
    assert [(a.number, a.title[:12]) for a in again.amendments] == [(1, "Passage au c"), (2, "Intégration ")]
    again.amendments.pop(0)
    service.save(again)
    assert [a.number for a in service.load(cid).amendments] == [2]


@pytest.mark.parametrize("build, message", [
    (lambda cid, org: ([Signatory(cid, None, None, "Le préfet")], []),
     "Signataire 1 : choisissez une organisation ou une personne."),
    (lambda cid, org: ([Signatory(cid, org, None), Signatory(cid, org, None)], []),
     "Signataire 2 : il figure déjà dans la liste."),
    (lambda cid, org: ([Signatory(cid, 9999, None)], []),
     "Signataire 1 : cette fiche n'existe plus dans l'annuaire."),
    (lambda cid, org: ([], [Amendment(cid, 1, None, "A"), Amendment(cid, 1, None, "B")]),
     "Deux avenants portent le numéro 1."),
    (lambda cid, org: ([], [Amendment(cid, 0, None, "A")]),
     "Le numéro d'un avenant doit être un entier supérieur ou égal à 1."),
    (lambda cid, org: ([], [Amendment(cid, 3, None, " ")]), "Avenant n° 3 : l'objet est obligatoire."),
    (lambda cid, org: ([], [Amendment(cid, 1, date(2021, 12, 31), "Avant")]),
     r"Avenant n° 1 : sa date \(31/12/2021\) précède la signature du contrat \(01/02/2022\)."),
])
def test_signatory_and_amendment_rules(douaisis, digest, build, message):
    path, store, _, cid, _ = douaisis
    prefecture, _, _ = _people(store)

    def attempt(s):
        svc = ContractService(s)
        bundle = svc.load(cid)
        bundle.signatories, bundle.amendments = build(cid, prefecture.id)
        svc.save(bundle)

    _refused_unchanged(path, store, digest, attempt, message)


def test_contract_deleted_and_restored_with_its_sections(douaisis):
    _, _, service, cid, _ = douaisis
    before = _codes(service, cid)
    snapshot = service.contract_snapshot(cid)
    service.delete_contract(cid)
    assert service.contract(cid) is None and service.sections(cid) == []
    service.restore_contract(snapshot)
    assert service.contract(cid).name == "CRTE du Douaisis"
    assert _codes(service, cid) == before


def test_contract_with_actions_cannot_be_deleted(douaisis, digest):
    path, store, _, cid, ids = douaisis
    _add_actions(store, cid, ids["bio"], 2)
    _refused_unchanged(path, store, digest, lambda s: ContractService(s).delete_contract(cid),
                       "Le contrat « CRTE du Douaisis » contient 2 actions : il ne peut pas être supprimé.")


def test_writes_notify_what_changed(douaisis):
    _, store, service, cid, ids = douaisis
    seen = []
    store.subscribe(seen.append)
    changes = service.update_section(ids["bio"], title="Biodiversité")
    assert seen == [changes] and ids["bio"] in changes.sections


def test_level_names_text():
    assert parse_level_names("Axe → Orientation") == ["Axe", "Orientation"]
    assert parse_level_names(" Volet > Orientation > Action ") == ["Volet", "Orientation", "Action"]
    assert parse_level_names("Axe, Orientation") == ["Axe", "Orientation"]
    assert parse_level_names("  ") == []
    assert format_level_names(["Volet", "Orientation"]) == "Volet → Orientation"


def test_reading_a_missing_contract_says_so(workspace):
    with pytest.raises(DomainError, match="Ce contrat n'existe plus"):
        ContractService(workspace).load(42)
    with pytest.raises(DomainError, match="Cette section n'existe plus"):
        ContractService(workspace).delete_section(42)


def test_services_and_their_rules_import_no_qt():
    import subprocess
    import sys

    code = ("import sys; import crte_desktop.editing.contracts, crte_desktop.editing.directory, "
            "crte_desktop.domain.contract_rules, crte_desktop.domain.directory_rules; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
