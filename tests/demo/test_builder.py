"""The demo workspace: both seed contracts, written atomically, through the same rules as the GUI."""

import json
from decimal import Decimal

import pytest

from crte_desktop.check.report import check_workspace
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.errors import WorkspaceError
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import demo_dir, load_datasets, write_demo
from crte_desktop.demo.loader import DemoDataError
from crte_desktop.domain.enums import FinancingStatus
from crte_desktop.editing.actions import ActionService
from tests.demo.conftest import tiny_dataset


def _json(name):
    return json.loads((demo_dir() / name).read_text(encoding="utf-8"))


def test_demo_holds_both_contracts_with_every_action(demo_path):
    val, dou = _json("valenciennois.json"), _json("douaisis.json")
    with Store.open_read_only(demo_path) as store:
        contracts = ContractRepository(store).contracts()
        assert [c.name for c in contracts] == [val["contract"]["name"], dou["contract"]["name"]]
        repo = ActionRepository(store)
        refs = [{a.reference for a in repo.for_contract(c.id)} for c in contracts]
    assert refs[0] == {a["reference"] for a in val["actions"]}
    # the Douaisis grants table adds one action per EPCI territory
    assert refs[1] == {a["reference"] for a in dou["actions"]} | {"DOT-DA", "DOT-CCCO"}


def test_demo_breaks_no_rule(demo_path):
    report = check_workspace(demo_path)
    assert [f.text for f in report.errors] == []
    assert report.action_count == 58


def test_organisations_and_persons_shared_by_both_contracts_exist_once(demo_path):
    with Store.open_read_only(demo_path) as store:
        directory = DirectoryRepository(store)
        names = [o.name for o in directory.organisations()]
        persons = [(p.first_name, p.last_name) for p in directory.persons()]
    assert names.count("Préfecture de la région Hauts-de-France, préfecture du Nord") == 1
    assert names.count("Agence de l'eau Artois-Picardie") == 1
    assert len(names) == len(set(names))
    assert persons.count(("Georges-François", "LECLERC")) == 1


def test_aunelle_cycle_loop_has_its_dsil_relance(demo_path):
    with Store.open_read_only(demo_path) as store:
        contract = ContractRepository(store).contracts()[0]
        service = ActionService(store)
        bundle = service.load(ActionRepository(store).find_by_reference(contract.id, "P-03"))
        directory = DirectoryRepository(store)
        schemes = {s.id: s.name for s in directory.schemes()}
        funders = {f.id: f.name for f in directory.funders()}
    assert "Aunelle" in bundle.action.title
    [line] = bundle.financing
    assert (funders[line.funder_id], schemes[line.scheme_id], line.year) == ("État", "DSIL relance", 2021)
    assert line.granted == Decimal("283000.00")


def test_action_without_cost_keeps_it_empty_beside_its_financing(demo_path):
    with Store.open_read_only(demo_path) as store:
        contract = ContractRepository(store).contracts()[0]
        bundle = ActionService(store).load(ActionRepository(store).find_by_reference(contract.id, "P-03"))
    assert bundle.action.total_cost is None and bundle.financing


def test_existing_file_is_refused_and_left_unchanged(tmp_path, digest):
    target = tmp_path / "mien.crte"
    target.write_text("mes données")
    before = digest(target)
    with pytest.raises(WorkspaceError, match="existe déjà"):
        write_demo(target)
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mien.crte"]


def test_overwrite_replaces_the_file(tmp_path):
    target = tmp_path / "demo.crte"
    target.write_text("ancien")
    write_demo(target, overwrite=True, datasets=[("essai.json", tiny_dataset())])
    with Store.open_read_only(target) as store:
        assert [c.name for c in ContractRepository(store).contracts()] == ["CRTE d'essai"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.crte"]


def test_tiny_dataset_is_loaded_whole(tmp_path):
    target = write_demo(tmp_path / "essai.crte", datasets=[("essai.json", tiny_dataset())])
    with Store.open_read_only(target) as store:
        contract = ContractRepository(store).contracts()[0]
        sections = ContractRepository(store).sections(contract.id)
        signatories = ContractRepository(store).signatories(contract.id)
        directory = DirectoryRepository(store)
        orgs = {o.id: o for o in directory.organisations()}
        bundle = ActionService(store).load(ActionRepository(store).find_by_reference(contract.id, "T-01"))
    assert contract.signature_date.isoformat() == "2021-12-01"
    assert [(s.code, s.title) for s in sections] == [("1", "Transition écologique"), ("1.1", "Mobilités")]
    assert signatories[0].capacity == "Maire d'Essai"
    a = bundle.action
    assert a.section_id == sections[1].id
    assert orgs[a.owner_id].name == "Commune d'Essai"
    assert orgs[orgs[a.owner_id].epci_id].short_name == "CAE"
    assert [orgs[i].short_name for i in a.partner_ids] == ["CAE"]
    assert a.total_cost == Decimal("100000.00") and a.progress == 30
    [line] = bundle.financing
    assert (line.granted, line.paid, line.status) == (Decimal("35000.00"), Decimal("10000.00"),
                                                     FinancingStatus.VERSE_PARTIEL)
    [indicator] = bundle.indicators
    assert indicator.target == 3 and indicator.measurements[0].value == 1.5
    assert a.notes == "Source : Jeu d'essai."


def test_unknown_scheme_is_created_under_its_funder_and_autre_means_private(tmp_path):
    lines = [
        {"funder": "region", "scheme": "Programme Rev3", "category": "valorise", "year": 2022,
         "planned": "1000.00", "requested": None, "granted": None, "paid": None, "status": "prevu"},
        {"funder": "autre", "scheme": "Mécénat", "category": "valorise", "year": 2022,
         "planned": "500.00", "requested": None, "granted": None, "paid": None, "status": "prevu"},
    ]
    target = write_demo(tmp_path / "essai.crte", datasets=[("essai.json", tiny_dataset(financing=lines))])
    with Store.open_read_only(target) as store:
        directory = DirectoryRepository(store)
        funders = {f.id: f for f in directory.funders()}
        schemes = {s.name: s for s in directory.schemes()}
    assert funders[schemes["Programme Rev3"].funder_id].name == "Région Hauts-de-France"
    assert funders[schemes["Mécénat"].funder_id].name == "Autre financeur privé"
    assert not funders[schemes["Mécénat"].funder_id].is_public


def test_same_organisation_in_two_contracts_is_one(tmp_path):
    second = tiny_dataset()
    second["contract"] = dict(second["contract"], name="Deuxième CRTE")
    target = write_demo(tmp_path / "essai.crte", datasets=[("a.json", tiny_dataset()), ("b.json", second)])
    with Store.open_read_only(target) as store:
        assert len(DirectoryRepository(store).organisations()) == 2
        assert len(DirectoryRepository(store).persons()) == 1
        assert len(ContractRepository(store).contracts()) == 2


@pytest.mark.parametrize("changes, message", [
    ({"financing": [{"funder": "etat", "scheme": "DSIL", "category": "contractualise", "year": 2022,
                     "planned": None, "requested": None, "granted": "1000.00", "paid": "2000.00",
                     "status": "verse_partiel"}]},
     "action T-01 : Ligne 1 : le montant versé (2 000,00 €) dépasse le montant accordé (1 000,00 €)."),
    ({"end_date": "2021-01-01"}, "action T-01 : La date de fin ne peut pas précéder la date de début."),
    ({"owner": "inconnu"}, "action T-01 : maître d'ouvrage inconnu « inconnu »."),
    ({"section": [3]}, "action T-01 : section inconnue « 3 »."),
    ({"status": "termine"}, "action T-01 : valeur absente ou invalide"),
    ({"total_cost": "12,345.678"}, "action T-01 : "),
    ({"financing": [{"funder": "mecene", "scheme": None, "year": 2022, "planned": "1.00"}]},
     "action T-01 : financeur inconnu « mecene »."),
])
def test_bad_demo_data_fails_loudly_and_writes_nothing(tmp_path, changes, message):
    with pytest.raises(DemoDataError) as err:
        write_demo(tmp_path / "essai.crte", datasets=[("essai.json", tiny_dataset(**changes))])
    assert "« essai.json »" in str(err.value)
    assert message in str(err.value).replace("\xa0", " ")
    assert list(tmp_path.iterdir()) == []


def test_missing_demo_file_is_reported(tmp_path):
    with pytest.raises(DemoDataError, match="introuvables"):
        load_datasets(tmp_path)
    (tmp_path / "valenciennois.json").write_text("{pas du json")
    with pytest.raises(DemoDataError, match="illisibles"):
        load_datasets(tmp_path)
