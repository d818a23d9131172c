"""A refused operation leaves the workspace file byte-for-byte unchanged (docs/architecture.md, « Conventions worth keeping »)."""

from datetime import date
from decimal import Decimal as D

import pytest

from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.indicator import Indicator
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import fill
from tests.in_transaction import InTransaction


@pytest.fixture
def saved(tmp_path):
    """(path, ids) of a closed workspace holding the fixture content."""
    path = tmp_path / "Douaisis.crte"
    with Store.create(path) as store:
        ids = fill(store)
    return path, ids


def _paid_above_granted(service, ids):
    b = service.load(ids["action1"])
    b.financing[0].paid = D("450000.01")
    return b


def _duplicate_reference(service, ids):
    b = service.load(ids["action2"])
    b.action.reference = "2021-1"
    return b


def _duplicate_reference_other_case(service, ids):
    b = service.new_bundle(ids["contract"], ids["axis1"], 2021)
    b.action.reference, b.action.title = "2021-1".upper() + " ", "Doublon"
    return b


def _end_before_start(service, ids):
    b = service.load(ids["action1"])
    b.action.end_date = date(2021, 8, 31)
    return b


def _progress_over_100(service, ids):
    b = service.load(ids["action1"])
    b.action.progress = 101
    return b


def _financing_over_cost(service, ids):
    b = service.load(ids["action1"])
    b.action.total_cost = D("500000")
    return b


def _two_measurements_same_day(service, ids):
    b = service.load(ids["action1"])
    m = b.indicators[0].measurements
    m.append(type(m[0])(m[0].date, 1.0))
    return b


@pytest.mark.parametrize("make, words", [
    (_paid_above_granted, "le montant versé (450\u00a0000,01\u00a0€) dépasse le montant accordé"),
    (_duplicate_reference, "La référence « 2021-1 » existe déjà dans ce contrat."),
    (_duplicate_reference_other_case, "existe déjà dans ce contrat."),
    (_end_before_start, "La date de fin ne peut pas précéder la date de début."),
    (_progress_over_100, "Le taux de réalisation doit être compris entre 0 et 100 %."),
    (_financing_over_cost, "dépasse le coût total (500\u00a0000,00\u00a0€)"),
    (_two_measurements_same_day, "a deux mesures à la même date."),
])
def test_refused_save_leaves_the_file_unchanged(saved, digest, make, words):
    path, ids = saved
    Store.open(path).close()
    before = digest(path)
    store = Store.open(path)
    try:
        service = ActionService(store)
        with pytest.raises(ValidationError) as err:
            service.save(make(service, ids))
        assert words in str(err.value)
    finally:
        store.close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_failed_save_leaves_the_file_unchanged(saved, digest):
    path, ids = saved
    before = digest(path)
    with Store.open(path) as store:
        service = ActionService(store)
        b = service.load(ids["action1"])
        b.action.title = "Ne sera pas enregistré"
        b.indicators.append(Indicator(ids["contract"], "Indicateur orphelin", section_id=424242))
        with pytest.raises(ConstraintError):
            service.save(b)
    assert digest(path) == before


def test_refused_section_move_and_deletion_leave_the_file_unchanged(saved, digest):
    path, ids = saved
    before = digest(path)
    with Store.open(path) as store:
        with pytest.raises(DomainError, match="sous elle-même"):
            InTransaction(ContractRepository(store)).move_section(ids["axis1"], ids["axis1"], 0)
        with pytest.raises(ConstraintError):  # the owner of an action cannot go
            InTransaction(DirectoryRepository(store)).delete_organisation(ids["agglo"])
    assert digest(path) == before
