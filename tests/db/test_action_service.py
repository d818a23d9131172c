"""Saving a fiche action with its financing, indicators and assessment: round trips, history,
one transaction per user action, delete and restore with the same ids."""

from datetime import date
from decimal import Decimal as D

import pytest

from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.action import Assessment
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, Rating, TaxonomyObjective
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import scheme_id
from tests.in_transaction import InTransaction

NBSP = "\u00a0"


@pytest.fixture
def service(filled):
    return ActionService(filled[0])


def count(store, table):
    return store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_saved_bundle_reads_back_whole(filled, service):
    store, ids = filled
    b = service.load(ids["action1"])
    a = b.action
    assert (a.reference, a.title, a.section_id) == ("2021-1", "Requalification de la friche Arc-en-Ciel", ids["axis1"])
    assert (a.owner_id, a.epci_id, a.partner_ids, a.commune_ids) == (ids["agglo"], ids["agglo"], [ids["ccco"]], [ids["douai"]])
    assert (a.start_date, a.end_date) == (date(2021, 9, 1), date(2024, 12, 31))
    assert a.total_cost == D("1200000.00") and isinstance(a.total_cost, D)
    assert (a.status, a.progress, a.inscription_year, a.row_version) == (ActionStatus.EN_COURS, 40, 2021, 1)
    first, second = b.financing
    assert (first.planned, first.requested, first.granted, first.paid) == (D("500000"), D("500000"), D("450000"), D("100000"))
    assert first.status is FinancingStatus.VERSE_PARTIEL and first.category is FinancingCategory.FRANCE_RELANCE
    assert first.decision_ref == "Arrêté 2021-123" and first.year == 2021
    assert (second.requested, second.granted) == (D("150000.50"), None)
    [ind] = b.indicators
    assert (ind.name, ind.unit, ind.baseline, ind.target, ind.due_date) == (
        "Surface de friche requalifiée", "m²", 0.0, 25000.0, date(2026, 12, 31))
    assert [(m.date, m.value, m.comment) for m in ind.measurements] == [
        (date(2022, 6, 30), 5000.0, ""), (date(2023, 6, 30), 12500.0, "Tranche 1 livrée")]
    assert [x.rating for x in b.assessment].count(Rating.FAVOURABLE) == 1
    assert b.assessment[-1] == Assessment(TaxonomyObjective.BIODIVERSITY, Rating.FAVOURABLE, "Renaturation d'une partie du site")


def test_totals_of_a_saved_action(filled, service):
    _, ids = filled
    t = service.totals(service.load(ids["action1"]))
    assert t.retained == D("600000.50")  # 450 000 granted + 150 000,50 requested
    assert t.self_financing == D("599999.50")
    t2 = service.totals(service.load(ids["action2"]))
    assert t2.retained == D("100000.00")  # the refused DSIL brings nothing


def test_amounts_are_integer_cents_in_the_file(filled):
    store, ids = filled
    row = store.conn.execute("SELECT total_cost_cents, typeof(total_cost_cents) FROM action WHERE id = ?",
                             (ids["action1"],)).fetchone()
    assert row == (120000000, "integer")
    types = {r[0] for r in store.conn.execute(
        "SELECT typeof(planned_cents) FROM financing UNION SELECT typeof(requested_cents) FROM financing")}
    assert types <= {"integer", "null"}
    assert store.conn.execute("SELECT start_date FROM action WHERE id = ?", (ids["action1"],)).fetchone()[0] == "2021-09-01"


def test_new_bundle_proposes_the_next_reference_of_the_year(filled, service):
    _, ids = filled
    assert service.new_bundle(ids["contract"], year=2021).action.reference == "2021-3"
    assert service.new_bundle(ids["contract"], year=2024).action.reference == "2024-1"


def test_update_increments_row_version_and_writes_history_with_french_labels(filled, service):
    store, ids = filled
    b = service.load(ids["action1"])
    b.action.title = "Requalification de la friche Arc-en-Ciel (tranche 1)"
    b.action.progress = 55
    b.action.total_cost = D("1250000")
    b.action.partner_ids = [ids["ccco"], ids["douai"]]
    changes = service.save(b)
    assert changes.actions == {ids["action1"]}
    assert b.action.row_version == 2
    assert service.load(ids["action1"]).action.row_version == 2
    assert ActionRepository(store).get(ids["action1"]).partner_ids == [ids["ccco"], ids["douai"]]
    rows = {(e.field, e.old_value, e.new_value) for e in HistoryRepository(store).for_record("action", ids["action1"])}
    assert ("Intitulé", "Requalification de la friche Arc-en-Ciel",
            "Requalification de la friche Arc-en-Ciel (tranche 1)") in rows
    assert ("Taux de réalisation (%)", "40", "55") in rows
    assert ("Coût total", f"1{NBSP}200{NBSP}000,00{NBSP}€", f"1{NBSP}250{NBSP}000,00{NBSP}€") in rows
    assert any(f == "Partenaires" for f, _, _ in rows)
    entry = HistoryRepository(store).for_record("action", ids["action1"])[0]
    assert entry.user == store.user and entry.user
    assert entry.action_id == ids["action1"]


def test_saving_an_unchanged_bundle_changes_nothing(filled, service):
    store, ids = filled
    history = HistoryRepository(store).count()
    service.save(service.load(ids["action1"]))
    assert service.load(ids["action1"]).action.row_version == 1
    assert HistoryRepository(store).count() == history


def test_creation_and_deletion_are_in_the_history(filled, service):
    store, ids = filled
    hist = HistoryRepository(store)
    created = [e for e in hist.for_action(ids["action2"]) if e.entity == "action"]
    assert [(e.field, e.new_value) for e in created] == [("création", "2021-2 — Maison France Services de Somain")]
    service.delete(ids["action2"])
    last = hist.for_record("action", ids["action2"])[0]
    assert (last.field, last.old_value, last.new_value) == ("suppression", None, "2021-2 — Maison France Services de Somain")
    assert last.user == store.user


def test_history_context_is_recorded(filled, service):
    store, ids = filled
    b = service.load(ids["action2"])
    b.action.status = ActionStatus.EN_COURS
    with store.context("Décision du COPIL du 12/03/2024"):
        service.save(b)
    [e] = [e for e in HistoryRepository(store).for_record("action", ids["action2"]) if e.field == "Statut"]
    assert (e.old_value, e.new_value, e.context) == ("En préparation", "En cours", "Décision du COPIL du 12/03/2024")


def test_financing_lines_inserted_updated_and_deleted(filled, service):
    store, ids = filled
    b = service.load(ids["action1"])
    friches, region = b.financing
    friches.paid = D("300000")
    friches.status = FinancingStatus.VERSE_PARTIEL
    fnadt = scheme_id(store, "État", "FNADT")
    new = FinancingLine(None, fnadt[0], fnadt[1], FinancingCategory.CONTRACTUALISE, 2023, D("50000"))
    b.financing = [new, friches]  # the Région line is removed, the new one goes first
    service.save(b)
    back = service.load(ids["action1"]).financing
    assert [l.id for l in back] == [new.id, friches.id]
    assert back[1].paid == D("300000") and back[1].row_version == 2
    assert back[0].planned == D("50000")
    assert store.conn.execute("SELECT COUNT(*) FROM financing WHERE id = ?", (region.id,)).fetchone()[0] == 0
    rows = [(e.entity, e.field, e.old_value, e.new_value) for e in HistoryRepository(store).for_action(ids["action1"])]
    assert ("financing", "État / Fonds friches / 2021 : Montant versé", f"100{NBSP}000,00{NBSP}€",
            f"300{NBSP}000,00{NBSP}€") in rows
    assert ("financing", "ajout d'un financement", None, "État / FNADT / 2023") in rows
    assert ("financing", "suppression d'un financement", None, "Région / Aide régionale / 2022") in rows


def test_indicators_and_measurements(filled, service):
    store, ids = filled
    b = service.load(ids["action1"])
    [ind] = b.indicators
    ind.measurements.append(Measurement(date(2024, 6, 30), 20000.0))
    ind.target = 30000.0
    b.indicators.append(Indicator(ids["contract"], "Logements créés", "logements", 0, 120, date(2026, 12, 31)))
    service.save(b)
    back = service.load(ids["action1"]).indicators
    assert [i.name for i in back] == ["Surface de friche requalifiée", "Logements créés"]
    assert back[0].target == 30000.0 and back[0].latest.value == 20000.0
    assert back[0].achievement == pytest.approx(2 / 3)
    rows = [(e.field, e.new_value) for e in HistoryRepository(store).for_record("indicator", ind.id)]
    assert ("Surface de friche requalifiée : Cible", "30000") in rows
    assert ("Surface de friche requalifiée : mesures", "30/06/2022 = 5000; 30/06/2023 = 12500; 30/06/2024 = 20000") in rows
    b = service.load(ids["action1"])
    b.indicators = b.indicators[1:]
    service.save(b)
    assert [i.name for i in service.load(ids["action1"]).indicators] == ["Logements créés"]
    assert store.conn.execute("SELECT COUNT(*) FROM measurement WHERE indicator_id = ?", (ind.id,)).fetchone()[0] == 0


def test_assessment_changes(filled, service):
    store, ids = filled
    b = service.load(ids["action2"])
    b.assessment[0] = Assessment(TaxonomyObjective.MITIGATION, Rating.NEUTRAL, "Bâtiment existant")
    service.save(b)
    assert service.load(ids["action2"]).assessment[0].rating is Rating.NEUTRAL
    [e] = HistoryRepository(store).for_record("assessment", ids["action2"])
    assert e.field == "évaluation : Atténuation du changement climatique"
    assert (e.old_value, e.new_value) == ("Non évalué", "Neutre Bâtiment existant")


def test_one_user_action_is_one_transaction(filled, service):
    store, ids = filled
    statements = []
    store.conn.set_trace_callback(statements.append)
    try:
        b = service.load(ids["action1"])
        b.action.progress = 60
        b.financing[0].paid = D("200000")
        b.indicators[0].measurements.append(Measurement(date(2024, 1, 1), 15000.0))
        service.save(b)
    finally:
        store.conn.set_trace_callback(None)
    assert [s for s in statements if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")] == ["BEGIN IMMEDIATE", "COMMIT"]


def test_a_failing_save_leaves_nothing_half_written(filled, service, digest):
    store, ids = filled
    before = {t: count(store, t) for t in ("action", "financing", "indicator", "measurement", "history", "assessment")}
    b = service.new_bundle(ids["contract"], ids["axis1"], 2022)
    b.action.title = "Vélo-route de la Scarpe"
    detr = scheme_id(store, "État", "DETR")
    b.financing = [FinancingLine(None, detr[0], detr[1], planned=D("10000"))]
    # The indicator points at a section that does not exist: its INSERT fails on the foreign key,
    # after the action and its financing were written in the same transaction.
    b.indicators = [Indicator(ids["contract"], "Kilomètres aménagés", "km", 0, 12, section_id=9999)]
    with pytest.raises(ConstraintError):
        service.save(b)
    assert b.action.id is not None and b.financing[0].id is not None  # they had been written, then rolled back
    assert not store.in_transaction
    assert {t: count(store, t) for t in before} == before
    assert ActionRepository(store).find_by_reference(ids["contract"], "2022-1") is None
    # the same bundle, corrected, saves normally
    b.indicators[0].section_id = None
    service.save(b)
    assert ActionRepository(store).find_by_reference(ids["contract"], "2022-1") == b.action.id


def test_a_failing_update_keeps_the_previous_version(filled, service):
    store, ids = filled
    b = service.load(ids["action1"])
    b.action.title = "Titre qui ne sera pas enregistré"
    b.indicators[0].section_id = 9999
    with pytest.raises(ConstraintError):
        service.save(b)
    a = service.load(ids["action1"]).action
    assert a.title == "Requalification de la friche Arc-en-Ciel" and a.row_version == 1


def test_delete_then_restore_keeps_the_same_ids(filled, service):
    store, ids = filled
    before = service.load(ids["action1"])
    snapshot = service.delete(ids["action1"])
    with pytest.raises(DomainError, match="Cette action n'existe plus"):
        service.load(ids["action1"])
    assert store.conn.execute("SELECT COUNT(*) FROM financing WHERE action_id = ?", (ids["action1"],)).fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM indicator WHERE action_id = ?", (ids["action1"],)).fetchone()[0] == 0
    service.restore(snapshot)
    after = service.load(ids["action1"])
    assert after.action.id == before.action.id
    assert [l.id for l in after.financing] == [l.id for l in before.financing]
    assert [i.id for i in after.indicators] == [i.id for i in before.indicators]
    assert after.action.partner_ids == before.action.partner_ids
    assert after.action.commune_ids == before.action.commune_ids
    assert [(l.planned, l.requested, l.granted, l.paid) for l in after.financing] == \
        [(l.planned, l.requested, l.granted, l.paid) for l in before.financing]
    assert [(m.date, m.value) for m in after.indicators[0].measurements] == \
        [(m.date, m.value) for m in before.indicators[0].measurements]
    assert after.assessment == before.assessment
    # and the snapshot can be restored again after a second deletion (undo, redo, undo)
    service.delete(ids["action1"])
    service.restore(snapshot)
    assert service.load(ids["action1"]).action.id == ids["action1"]


def test_save_notifies_listeners_once(filled, service):
    store, ids = filled
    seen = []
    store.subscribe(seen.append)
    b = service.load(ids["action2"])
    b.action.notes = "Relancer la DETR en 2023"
    service.save(b)
    assert [c.actions for c in seen] == [{ids["action2"]}]


def test_an_organisation_in_use_cannot_be_deleted(filled):
    store, ids = filled
    d = InTransaction(DirectoryRepository(store))
    assert d.organisation_usage(ids["agglo"]) >= 1
    with pytest.raises(ConstraintError):
        d.delete_organisation(ids["agglo"])
    assert d.organisation(ids["agglo"]) is not None
    assert not store.in_transaction


@pytest.mark.parametrize("case", ["paid_above_granted", "duplicate_reference", "end_before_start"])
def test_refused_saves_write_nothing(filled, service, case):
    store, ids = filled
    history = HistoryRepository(store).count()
    b = service.load(ids["action2"])
    expected = {
        "paid_above_granted": "Ligne 2 : le montant versé",
        "duplicate_reference": "La référence « 2021-1 » existe déjà dans ce contrat.",
        "end_before_start": "La date de fin ne peut pas précéder la date de début.",
    }[case]
    if case == "paid_above_granted":
        b.financing[1].granted, b.financing[1].paid = D("80000"), D("90000")
    elif case == "duplicate_reference":
        b.action.reference = "2021-1"
    else:
        b.action.start_date, b.action.end_date = date(2023, 1, 1), date(2022, 12, 31)
    with pytest.raises(ValidationError) as err:
        service.save(b)
    assert expected in str(err.value)
    assert HistoryRepository(store).count() == history
    assert service.load(ids["action2"]).action.row_version == 1


def test_unknown_funder_or_scheme_of_another_funder_is_refused(filled, service):
    store, ids = filled
    b = service.load(ids["action2"])
    region = scheme_id(store, "Région", "Aide régionale")
    b.financing[1].scheme_id = region[1]  # DETR is a scheme of the State, not of the Région
    b.financing.append(FinancingLine(None, 9999, None, planned=D("1")))
    msgs = [p.message for p in service.problems(b)]
    assert "Ligne 2 : ce dispositif n'appartient pas à ce financeur." in msgs
    assert "Ligne 3 : financeur inconnu." in msgs
    with pytest.raises(ValidationError):
        service.save(b)


@pytest.mark.parametrize("status", [ActionStatus.ABANDONNEE, ActionStatus.REALISEE])
def test_a_closed_action_keeps_its_history_and_financing(filled, service, status):
    store, ids = filled
    hist = HistoryRepository(store)
    before = service.load(ids["action1"])
    entries = len(hist.for_action(ids["action1"]))
    b = service.load(ids["action1"])
    b.action.status = status
    service.save(b)
    after = service.load(ids["action1"])
    assert after.action.status is status
    assert [(l.id, l.granted, l.paid) for l in after.financing] == [(l.id, l.granted, l.paid) for l in before.financing]
    assert [i.id for i in after.indicators] == [i.id for i in before.indicators]
    assert len(hist.for_action(ids["action1"])) == entries + 1
    assert hist.for_action(ids["action1"])[0].new_value == status.label
