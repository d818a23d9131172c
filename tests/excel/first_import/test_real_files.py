"""The first import of the spreadsheets secretaries really receive (see real_files.py): each test
asserts the values imported — cost, funders, the scheme and stage of each line, section, owner,
status, dates — not only how many rows."""

from datetime import date
from decimal import Decimal

import pytest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.enums import ActionStatus, Phase, Stage
from crte_desktop.excel.first_import import (EXISTING, NEW, SKIPPED, Catalogue, ImportOptions, Target, apply,
                                             first_table, guess_mapping, open_source, preview, undo_import)
from crte_desktop.excel.first_import.fields import FUNDER_AMOUNT, FUNDER_NAME, GRANT_AMOUNT, SCHEME
from tests.excel.first_import.real_files import dgcl_list, platform_export, tet_template
from tests.in_transaction import InTransaction

D = Decimal


def run(store, contract_id, path, **options):
    table = first_table(open_source(path)).table
    catalogue = Catalogue.load(store, contract_id)
    mapping = guess_mapping(table.headers, catalogue, [r.values for r in table.rows if not r.hint])
    return preview(store, contract_id, table, mapping, ImportOptions(**options), file_name=path.name)


def imported(store, contract_id):
    """title → (action, [(funder or scheme label, stage amounts)])."""
    catalogue = Catalogue.load(store, contract_id)
    result = {}
    repo = ActionRepository(store)
    for a in (repo.get(x.id) for x in repo.for_contract(contract_id)):
        lines = [(catalogue.funding(x.funder_id, x.scheme_id).label, x.planned, x.requested, x.granted, x.year)
                 for x in FinancingRepository(store).for_action(a.id)]
        result[a.title] = (a, lines)
    return result


def org_name(store, org_id):
    return DirectoryRepository(store).organisation(org_id).name if org_id else None


@pytest.fixture
def empty_contract(ws):
    store, v = ws
    contract = Contract(name="CRTE du Denaisis")
    InTransaction(ContractRepository(store)).save_contract(contract)
    return store, v, contract.id


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_template_into_a_contract_without_sections(empty_contract, tmp_path, suffix):
    store, v, contract_id = empty_contract
    path = tet_template(tmp_path / f"plan{suffix}")
    result = run(store, contract_id, path, create_organisations=True)
    m = result.mapping
    assert m[23] == Target("total_cost")  # « Budget prévisionnel total € HT », not « Montant € HT »
    assert (m[17], m[18]) == (Target(FUNDER_NAME, slot=1), Target(FUNDER_AMOUNT, slot=1))
    assert result.row(3).kind == SKIPPED and "aide du modèle" in result.row(3).note  # « Champ texte »…
    done = apply(store, result)
    assert done.count == 4
    actions = imported(store, contract_id)
    chaudieres, lines = actions["Action 1 — Remplacer les chaudières au fioul"]
    assert chaudieres.total_cost == D("5000000.00")
    assert sorted(lines) == sorted([("Région", D("1000.00"), None, None, None),
                                    ("DSIL (État)", D("500000.00"), None, None, None),
                                    ("Fondation Léa", D("2000.00"), None, None, None)])
    assert org_name(store, chaudieres.owner_id) == "Valenciennes Métropole"
    assert sorted(org_name(store, i) for i in chaudieres.partner_ids) == ["Commune de Denain",
                                                                         "Commune de Valenciennes"]
    assert (chaudieres.status, chaudieres.start_date, chaudieres.end_date) == (
        ActionStatus.EN_COURS, date(2030, 9, 1), date(2031, 12, 31))  # serial 47727; text with a time
    ecoles, _ = actions["Action 1 — Isoler les écoles"]
    reseau, _ = actions["Action 1 — Créer un réseau de chaleur"]
    assert (ecoles.status, reseau.status) == (ActionStatus.EN_PREPARATION, ActionStatus.EN_COURS)  # À discuter, En retard
    # the file's axes and sous-axes are the contract's tree now, titles kept
    sections = {s.id: s for s in ContractRepository(store).sections(contract_id)}
    assert [(s.code, s.title) for s in sections.values()] == [
        ("1", "Sécurité et tranquillité publique"), ("1.1", "Améliorer la qualité de l'air"), ("2", "Mobilité"),
        ("2.1", "Développer le vélo")]
    assert sections[chaudieres.section_id].title == "Améliorer la qualité de l'air"
    velo, velo_lines = actions["Schéma cyclable"]
    assert sections[velo.section_id].code == "2.1" and velo.status is ActionStatus.REALISEE
    assert (velo.start_date, velo.end_date) == (date(2024, 1, 1), date(2025, 12, 31))
    assert velo_lines == [("Fonds vert (État)", D("300000.00"), None, None, None)]
    undo_import(store, done)
    assert ActionRepository(store).for_contract(contract_id) == []
    assert ContractRepository(store).sections(contract_id) == []
    assert not any(f.name == "Fondation Léa" for f in DirectoryRepository(store).funders())


def test_a_section_number_with_another_title_is_a_proposal_not_a_match(ws, tmp_path, digest):
    store, v = ws  # the Valenciennois: 1 « Transition écologique », 2 « Cohésion territoriale »
    path = tet_template(tmp_path / "plan.xlsx")
    result = run(store, v.contract_id, path, create_organisations=True)
    row = result.row(4)
    [error] = row.errors
    assert (error.column, error.message) == ("A", "La section n° 1 du contrat est « Transition écologique », pas "
                                                  "« Sécurité et tranquillité publique » : confirmez la correspondance, "
                                                  "ou cochez « Créer les sections manquantes ».")
    assert [(p.value, p.section.code) for p in result.section_proposals] == [
        ("Axe 1 : Sécurité et tranquillité publique", "1"), ("Axe 2 : Mobilité", "2")]
    assert result.importable_rows == []
    # the axes confirmed by the secretary: under them, the sous-axe 1.1 is the next proposal
    confirmed = {p.key for p in result.section_proposals}
    result = run(store, v.contract_id, path, create_organisations=True, confirmed_sections=confirmed)
    assert "1.1. Améliorer la qualité de l'air" in [p.value for p in result.section_proposals]
    assert result.row(4).errors[0].message.startswith("La section n° 1.1 du contrat est « Mobilité durable »")
    # confirmed axes, the missing sous-axes created under them
    result = run(store, v.contract_id, path, create_organisations=True, confirmed_sections=confirmed,
                 create_sections=True)
    assert [r.number for r in result.importable_rows] == [4, 5, 6, 7]
    assert [(s.title, s.parent_id) for s in result.new_sections.values()] == [
        ("Améliorer la qualité de l'air", v.sections["1"]), ("Développer le vélo", v.sections["2"])]
    # or the file's axes created beside the contract's own
    result = run(store, v.contract_id, path, create_organisations=True, create_sections=True)
    assert [s.title for s in result.new_sections.values()] == [
        "Sécurité et tranquillité publique", "Améliorer la qualité de l'air", "Mobilité", "Développer le vélo"]


def test_grant_list_one_row_per_grant(ws, tmp_path):
    store, v = ws
    path = dgcl_list(tmp_path / "dotations.xlsx")
    result = run(store, v.contract_id, path, create_organisations=True)
    m = result.mapping
    assert m[3] == Target("owner") and 2 not in m  # beneficiaire_nom, not beneficiaire_type
    assert 1 not in m  # « departement » = 59 is a code, not a financing of the Département
    assert (m[5], m[8]) == (Target(SCHEME), Target(GRANT_AMOUNT, stage=Stage.GRANTED))
    assert m[7] == Target("total_cost")
    warning = result.row(2).warnings[0]
    assert (warning.row, warning.column, warning.message) == (
        2, "I", "Montant arrondi au centime : 67256,9296875 → 67\u00a0256,93\u00a0€.")
    assert result.row(3).kind == SKIPPED  # its DSIL is the mairie's second line
    [error] = result.row(7).errors
    assert (error.column, error.message.split(" (")[0]) == ("F", "Dispositif « FSIL » inconnu des données de référence")
    apply(store, result)
    actions = imported(store, v.contract_id)
    mairie, lines = actions["Rénovation de la mairie"]
    assert (mairie.total_cost, org_name(store, mairie.owner_id), mairie.inscription_year) == (
        D("300000.00"), "Commune de Prouvy", 2023)
    assert lines == [("DETR (État)", None, None, D("67256.93"), 2023), ("DSIL (État)", None, None, D("50000.00"), 2023)]
    assert actions["Maison des associations"][1] == [("Politique de la ville (État)", None, None, D("120000.40"), 2023)]
    assert actions["Collège de Trith"][1] == [("DSID (État)", None, None, D("600000.00"), 2023)]
    assert actions["Piste cyclable de la Rhonelle"][1] == [("DSIL (État)", None, None, D("400000.00"), 2023)]
    names = {o.name for o in DirectoryRepository(store).organisations()}
    assert not names & {"commune", "epci", "departement"} and "Département du Nord" in names
    assert "Salle de sport" not in actions


def test_platform_export_with_phase_and_status(ws, tmp_path):
    store, v = ws
    path = platform_export(tmp_path / "projets.csv")
    result = run(store, v.contract_id, path)
    m = result.mapping
    assert (m[7], m[8]) == (Target("phase"), Target("status"))
    assert 6 not in m  # a column of EPCI names is not a financing of the EPCI
    apply(store, result)
    actions = imported(store, v.contract_id)
    got = {t: (a.reference, a.status, a.start_date, a.total_cost, org_name(store, a.owner_id))
           for t, (a, _l) in actions.items() if a.reference.startswith("P-")}
    assert [actions[t][0].phase for t in ("Chaufferie bois de Denain", "Étude mobilité", "Halle gourmande")] == [
        Phase.OPERATION, Phase.ETUDE, Phase.IDEE]
    assert got == {
        "Chaufferie bois de Denain": ("P-101", ActionStatus.EN_COURS, date(2030, 9, 1), D("1500000.00"),
                                      "Commune de Denain"),
        "Rénovation du stade": ("P-102", ActionStatus.REALISEE, date(2031, 3, 1), D("750000.50"),
                                "Commune de Valenciennes"),
        "Étude mobilité": ("P-103", ActionStatus.EN_PREPARATION, None, D("40000.00"), "Valenciennes Métropole"),
        "Halle gourmande": ("P-104", ActionStatus.A_VENIR, None, D("2000000.00"), "Commune de Denain"),
        "Parc urbain": ("P-105", ActionStatus.BLOQUEE, None, D("600000.00"), "Commune de Valenciennes"),
    }


def test_the_same_file_twice_creates_nothing_the_second_time(empty_contract, tmp_path, digest):
    store, v, contract_id = empty_contract
    path = tet_template(tmp_path / "plan.xlsx")
    apply(store, run(store, contract_id, path, create_organisations=True))
    first = {a.reference: a.title for a in ActionRepository(store).for_contract(contract_id)}
    before = digest(store.path)
    again = run(store, contract_id, path, create_organisations=True)
    assert [r.kind for r in again.rows if r.kind != SKIPPED] == [EXISTING] * 4
    assert all("Déjà présente (même intitulé et même maître d'ouvrage)" in r.note for r in again.rows
               if r.kind == EXISTING)
    assert again.importable_rows == [] and not again.new_sections and not again.new_funders
    assert digest(store.path) == before
    # asked to update: the same actions are updated, none created
    again = run(store, contract_id, path, create_organisations=True, update_existing=True)
    apply(store, again)
    assert {a.reference: a.title for a in ActionRepository(store).for_contract(contract_id)} == first


def test_duplicate_rows_inside_the_file_are_flagged(ws, tmp_path):
    store, v = ws
    from tests.excel.first_import.secretary import simple_workbook

    path = simple_workbook(tmp_path / "doublons.xlsx", ["Intitulé", "Maître d'ouvrage", "Coût"],
                           [["Halle", "Denain", 1000], ["Parc", "Denain", 500], ["Halle", "Denain", 1200]])
    result = run(store, v.contract_id, path)
    [error] = result.row(4).errors
    assert error.message.startswith("Même intitulé et même maître d'ouvrage que la ligne 2")
    assert [r.number for r in result.importable_rows] == [2, 3]
    assert result.row(2).kind == NEW


def test_the_reimport_sends_an_outside_table_to_the_first_import(tmp_path):
    from crte_desktop.excel.import_reader import read_workbook
    from crte_desktop.excel.problems import ImportRefused

    for path in (tet_template(tmp_path / "plan.ods"), tet_template(tmp_path / "plan.xlsx")):
        with pytest.raises(ImportRefused) as refused:
            read_workbook(path)
        message = str(refused.value)
        assert "endommagé" not in message
        assert "utilisez Fichier ▸ Importer un tableau existant… (ou « crte-desktop import-table »)" in message
