"""Schema 4 (the CRTE since 2023): the migration from the frozen v3 fixture, the new fields saved and read
back through the repositories, and every bad input refused in French naming the field, the file unchanged."""

import shutil
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.directory import FondsVertMesure
from crte_desktop.domain.enums import ContractGeneration, DecisionKind, OrgKind, PaymentKind, Phase
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.financing import Payment
from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from tests.fixtures.make_fixtures import fill

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_v3_fixture_migrates_with_the_national_reference_data(tmp_path):
    path = tmp_path / "workspace_v3.crte"
    shutil.copy(FIXTURES / path.name, path)
    with Store.open(path) as store:
        assert store.version >= 4 and store.backup is not None and store.backup.exists()
        national = NationalReferenceRepository(store)
        levers = national.levers()
        assert len(levers) == 50
        assert levers[0].name == "Gestion des forêts et produits bois" and levers[-1].name == "SAF"
        assert "50_leviers_SGPE_03_2025.csv" in national.source("sgpe_levers")
        assert "Rénovation énergétique des bâtiments publics locaux" in {m.name for m in national.mesures()}
        lapse = {s.name: s.lapse_months for s in DirectoryRepository(store).schemes()}
        assert lapse["DETR"] == lapse["DSIL"] == lapse["Fonds vert"] == 24 and lapse["Aide régionale"] is None
        assert "2018-514" in national.source("lapse_months")
        [contract] = ContractRepository(store).contracts()
        assert contract.id_crte == "" and contract.generation is ContractGeneration.RELANCE_2021
        for action in ActionRepository(store).all():
            a = ActionRepository(store).get(action.id)
            assert (a.phase, a.lever_ids, a.adaptation, a.green_override) == (None, [], False, None)
            for line in FinancingRepository(store).for_action(a.id):
                assert line.payments == [] and line.mesure_id is None and line.ds_number == ""
        # the fixture's paid amount survives, without instalments
        a1 = next(a for a in ActionRepository(store).all() if a.reference == "2021-1")
        assert FinancingRepository(store).for_action(a1.id)[0].paid == D("100000.00")


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "Douaisis.crte"
    with Store.create(path) as store:
        ids = fill(store)
    return path, ids


def _fonds_vert(store):
    return store.conn.execute("SELECT f.id, s.id FROM scheme s JOIN funder f ON f.id = s.funder_id"
                              " WHERE s.name = 'Fonds vert'").fetchone()


def test_new_action_and_line_fields_are_saved_read_back_and_historised(saved):
    path, ids = saved
    with Store.open(path) as store:
        service = ActionService(store)
        national = NationalReferenceRepository(store)
        velo, desimp = (next(l.id for l in national.levers() if l.name == n) for n in ("Vélo", "Désimperméabilisation des sols"))
        renaturation = next(m.id for m in national.mesures() if m.name == "Renaturation des villes et des villages")
        b = service.load(ids["action1"])
        b.action.phase, b.action.lever_ids, b.action.adaptation = Phase.OPERATION, [desimp, velo], True
        b.action.green_override, b.action.green_override_reason = True, "Renaturation de la friche"
        line = b.financing[0]
        line.funder_id, line.scheme_id = _fonds_vert(store)
        line.mesure_id, line.ds_number, line.decision_kind = renaturation, "12345678", DecisionKind.CONVENTION
        line.decision_date, line.works_start_date = date(2023, 6, 1), date(2023, 10, 2)
        line.paid = None  # filled with the sum of the instalments
        line.payments = [Payment(PaymentKind.ACOMPTE, date(2023, 11, 30), D("135000.00"), "Mandat 2023-0042"),
                         Payment(PaymentKind.ACOMPTE, date(2024, 5, 15), D("90000.00"))]
        service.save(b)
        assert line.paid == D("225000.00")

    with Store.open(path) as store:
        b = ActionService(store).load(ids["action1"])
        a = b.action
        assert a.phase is Phase.OPERATION and a.adaptation and a.green_override is True
        assert a.green_override_reason == "Renaturation de la friche"
        assert sorted(a.lever_ids) == sorted([desimp, velo])
        line = b.financing[0]
        assert (line.mesure_id, line.ds_number, line.decision_kind) == (renaturation, "12345678", DecisionKind.CONVENTION)
        assert line.works_start_date == date(2023, 10, 2)
        assert [(p.kind, p.date, p.amount, p.reference) for p in line.payments] == [
            (PaymentKind.ACOMPTE, date(2023, 11, 30), D("135000.00"), "Mandat 2023-0042"),
            (PaymentKind.ACOMPTE, date(2024, 5, 15), D("90000.00"), "")]
        assert line.paid == D("225000.00")
        fields = {e.field for e in HistoryRepository(store).for_action(ids["action1"])}
        assert "Phase" in fields and "Leviers SGPE" in fields
        assert any(f.endswith(": Versements") for f in fields) and any(f.endswith(": Mesure du Fonds vert") for f in fields)
        history = {e.field: e.new_value for e in HistoryRepository(store).for_action(ids["action1"])}
        assert history["Leviers SGPE"] == "Désimperméabilisation des sols, Vélo"
        # removing the instalments keeps the paid amount as it was typed
        b.financing[0].payments = []
        ActionService(store).save(b)
        assert ActionService(store).load(ids["action1"]).financing[0].payments == []


def test_contract_and_organisation_identifiers_are_saved(saved):
    path, ids = saved
    with Store.open(path) as store:
        contracts = ContractService(store)
        bundle = contracts.load(ids["contract"])
        bundle.contract.id_crte, bundle.contract.generation = "CRTE-59-DOUAISIS", ContractGeneration.REUSSITE_2023
        contracts.save(bundle)
        directory = DirectoryService(store)
        douai = directory.organisation(ids["douai"])
        douai.insee_code, douai.siret = "59178", "215 901 786"
        directory.save_organisation(douai)
    with Store.open(path) as store:
        c = ContractRepository(store).contract(ids["contract"])
        assert (c.id_crte, c.generation) == ("CRTE-59-DOUAISIS", ContractGeneration.REUSSITE_2023)
        douai = DirectoryRepository(store).organisation(ids["douai"])
        assert (douai.insee_code, douai.siret) == ("59178", "215901786")


def test_fonds_vert_mesures_are_editable_reference_data(saved):
    path, ids = saved
    with Store.open(path) as store:
        directory = DirectoryService(store)
        m = FondsVertMesure("Mobilités durables en milieu rural", "Amélioration du cadre de vie", 2024)
        directory.save_mesure(m)
        assert m.id in {x.id for x in directory.national.mesures()}
        with pytest.raises(ValidationError, match="La mesure « Recyclage des friches » existe déjà."):
            directory.save_mesure(FondsVertMesure("Recyclage des friches"))
        friches = next(x for x in directory.national.mesures() if x.name == "Recyclage des friches")
        service = ActionService(store)
        b = service.load(ids["action1"])
        b.financing[0].mesure_id = friches.id
        service.save(b)
        with pytest.raises(DomainError, match="figure dans une ligne de financement"):
            directory.delete_mesure(friches.id)
        directory.delete_mesure(m.id)


# -- bad input: a French message naming the field, and nothing written ---------------------------------

def _unknown_lever(store, ids):
    service = ActionService(store)
    b = service.load(ids["action1"])
    b.action.lever_ids = [9999]
    service.save(b)


def _instalments_above_granted(store, ids):
    service = ActionService(store)
    b = service.load(ids["action1"])  # granted 450 000 €
    b.financing[0].payments = [Payment(PaymentKind.ACOMPTE, date(2022, 3, 1), D("300000")),
                               Payment(PaymentKind.SOLDE, date(2023, 3, 1), D("150000.01"))]
    b.financing[0].sync_paid()
    service.save(b)


def _paid_that_is_not_the_sum(store, ids):
    service = ActionService(store)
    b = service.load(ids["action1"])  # paid 100 000 €
    b.financing[0].payments = [Payment(PaymentKind.ACOMPTE, date(2022, 3, 1), D("60000"))]
    service.save(b)


def _override_without_reason(store, ids):
    service = ActionService(store)
    b = service.load(ids["action2"])
    b.action.green_override = False
    service.save(b)


def _unknown_mesure(store, ids):
    service = ActionService(store)
    b = service.load(ids["action1"])
    b.financing[0].mesure_id = 777
    service.save(b)


def _bad_ds_number(store, ids):
    service = ActionService(store)
    b = service.load(ids["action1"])
    b.financing[0].ds_number = "DS n° 12"
    service.save(b)


def _invalid_siren(store, ids):
    directory = DirectoryService(store)
    org = directory.organisation(ids["agglo"])
    org.siret = "200044619"
    directory.save_organisation(org)


def _insee_of_an_epci(store, ids):
    directory = DirectoryService(store)
    org = directory.organisation(ids["agglo"])
    org.insee_code = "59178"
    directory.save_organisation(org)


def _bad_insee(store, ids):
    directory = DirectoryService(store)
    org = directory.organisation(ids["douai"])
    org.kind = OrgKind.COMMUNE
    org.insee_code = "2C178"
    directory.save_organisation(org)


def _bad_crte_id(store, ids):
    contracts = ContractService(store)
    bundle = contracts.load(ids["contract"])
    bundle.contract.id_crte = "CRTE 59/1"
    contracts.save(bundle)


@pytest.mark.parametrize("operation, words", [
    (_unknown_lever, "Leviers SGPE : levier inconnu (9999)"),
    (_instalments_above_granted, "versements : leur somme (450\u00a0000,01\u00a0€) dépasse le montant accordé "
                                 "(450\u00a0000,00\u00a0€)"),
    (_paid_that_is_not_the_sum, "le montant versé (100\u00a0000,00\u00a0€) doit être la somme des versements "
                                "(60\u00a0000,00\u00a0€)"),
    (_override_without_reason, "Favorable à l'environnement : donnez le motif"),
    (_unknown_mesure, "Ligne 1 : mesure du Fonds vert inconnue."),
    (_bad_ds_number, "n° de dossier Démarches simplifiées : « DS n° 12 »"),
    (_invalid_siren, "SIREN / SIRET : le SIREN « 200044619 » n'est pas valide"),
    (_insee_of_an_epci, "Code INSEE : seule une commune a un code commune INSEE."),
    (_bad_insee, "Code INSEE : « 2C178 » n'est pas un code commune"),
    (_bad_crte_id, "Identifiant national du CRTE : « CRTE 59/1 »"),
])
def test_bad_input_is_refused_and_nothing_is_written(saved, digest, operation, words):
    path, ids = saved
    Store.open(path).close()
    before = digest(path)
    with Store.open(path) as store:
        with pytest.raises(ValidationError) as err:
            operation(store, ids)
        assert words in str(err.value)
    assert digest(path) == before
