"""The dashboard's figures on the sample contract (tests/dashboard/sample.py), computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crte_desktop.dashboard.compute import action_ids_for, action_list, compute_dashboard, filter_options
from crte_desktop.dashboard.model import DashboardFilter, FigureKey
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.enums import Stage
from crte_desktop.db.repos.contract import ContractRepository
from tests.dashboard.sample import TODAY, build_sample
from tests.in_transaction import InTransaction

K = 100_000  # 1 k€ in cents


@pytest.fixture
def sample(workspace):
    return build_sample(workspace)


def dash(store, sample, **filters):
    return compute_dashboard(store, DashboardFilter(sample.contract_id, **filters), TODAY)


def stages(row):
    """A StageSums row in k€: (planned, requested, granted, paid)."""
    return tuple(c / K for c in row.cents)


def by_label(rows):
    return {r.label: stages(r) for r in rows}


def ids(store, sample, key, **filters):
    return action_ids_for(store, DashboardFilter(sample.contract_id, **filters), key, TODAY)


# -- the whole contract -------------------------------------------------------------------------------

def test_counts_by_status_count_late_actions_apart(workspace, sample):
    d = dash(workspace, sample)
    counts = {s.code: s.count for s in d.statuses}
    assert counts == {"a_venir": 1, "en_preparation": 1, "en_cours": 1, "realisee": 1, "en_pause": 0,
                      "bloquee": 0, "abandonnee": 1, "late": 1}
    late = next(s for s in d.statuses if s.code == "late")
    assert late.label == "En retard"
    assert next(s for s in d.statuses if s.code == "en_cours").color == "#2e7d32"
    assert d.kpis.action_count == 6


def test_total_cost_and_actions_without_cost(workspace, sample):
    d = dash(workspace, sample)
    assert d.kpis.total_cost == Decimal("470000.00")
    assert d.kpis.uncosted_count == 1
    assert d.contract_name == "CRTE de Test"


def test_financing_by_stage_leaves_out_cancelled_lines_and_refused_grants(workspace, sample):
    d = dash(workspace, sample)
    # the « Autofinancement » lines (30 + 30 + 40 planned) are the owners' self-financing, not financing
    assert stages(d.kpis.financing) == (320, 310, 210, 145)
    assert d.kpis.stage(Stage.PAID) == Decimal("145000")
    assert by_label(d.financing["funder"]) == {"État": (220, 170, 130, 110), "Région": (100, 140, 80, 35)}


def test_financing_by_scheme_category_year_and_territory(workspace, sample):
    d = dash(workspace, sample)
    assert by_label(d.financing["scheme"]) == {
        "État — DSIL": (100, 100, 100, 100), "État — DSIL relance": (50, 0, 0, 0), "État — DETR": (70, 70, 30, 10),
        "État — FNADT": (0, 0, 0, 0), "Région — (sans dispositif)": (100, 140, 80, 35)}
    assert [(r.label, stages(r)) for r in d.financing["category"]] == [
        ("France Relance", (50, 0, 0, 0)), ("Crédits contractualisés", (170, 170, 130, 110)),
        ("Crédits valorisés", (100, 140, 80, 35))]
    assert by_label(d.financing["year"]) == {"2021": (210, 210, 200, 145), "2022": (110, 100, 10, 0),
                                            "2023": (0, 0, 0, 0)}
    assert by_label(d.financing["territory"]) == {"Communauté d'agglomération Test": (320, 310, 210, 145),
                                                 "Communauté de communes Autre": (0, 0, 0, 0)}


def test_coverage_counts_retained_financing_on_actions_with_a_cost(workspace, sample):
    d = dash(workspace, sample)
    # external financing retained: 50 + 170 + 10 + 90 (+ 0 for the abandoned one) on 470 of costs
    assert d.kpis.retained_on_costed == Decimal("320000.00")
    assert d.kpis.coverage == Decimal("0.6809")
    # self-financing, cost − external financing: 50 + 30 + 40 + 0 (2022-2 is over-financed; abandoned left out)
    assert d.kpis.self_financing == Decimal("120000.00")


def test_progress_is_weighted_by_cost_without_abandoned_actions(workspace, sample):
    d = dash(workspace, sample)
    assert d.kpis.progress == pytest.approx((100 * 50 + 200 * 100 + 50 * 20 + 80 * 0) / 430)
    sections = {s.label: s for s in d.sections}
    assert sections["1 Transition écologique"].weighted == pytest.approx(25000 / 380)
    assert sections["1.1 Eau et biodiversité"].weighted == pytest.approx(5000 / 180)
    assert sections["1.2 Mobilités durables"].weighted == 100
    assert sections["2 Cohésion territoriale"].weighted == 20  # the abandoned pool left out
    assert sections["2 Cohésion territoriale"].count == 1
    loose = sections["(sans section)"]
    assert (loose.weighted, loose.average, loose.count, loose.costed_count) == (None, 10, 1, 0)
    assert [s.label for s in d.top_sections] == ["1 Transition écologique", "2 Cohésion territoriale", "(sans section)"]
    assert [s.depth for s in d.sections] == [0, 1, 1, 0, 1, 0]


def test_indicators_against_their_targets(workspace, sample):
    d = dash(workspace, sample)
    got = {i.name: (i.achievement, i.behind, i.latest_value, i.action_reference) for i in d.indicators}
    assert got == {"Réseau rénové": (pytest.approx(0.4), True, 4.0, "2021-1"),
                   "Pistes créées": (pytest.approx(1.2), False, 6.0, "2021-2"),
                   "Praticiens installés": (None, False, None, "2022-1")}
    assert [i.name for i in d.behind_indicators] == ["Réseau rénové"]


def test_alerts_name_the_actions_behind_them(workspace, sample):
    d = dash(workspace, sample)
    found = sorted((a.kind, a.reference) for a in d.alerts)
    assert found == [("indicator_behind", "2021-1"), ("late", "2022-1"), ("overfinanced", "2022-2"),
                     ("public_aid", "2021-2"), ("public_aid", "2022-2"), ("uncovered", "2021-1")]
    for alert in d.alerts:
        assert alert.action_ids == (sample.actions[alert.reference],)
    messages = {a.kind + a.reference: a.message for a in d.alerts}
    assert "30/06/2023" in messages["late2022-1"] and "non achevée" in messages["late2022-1"]
    assert "80,0\u00a0%" in messages["uncovered2021-1"] and "20\u00a0000,00\u00a0€" in messages["uncovered2021-1"]
    assert "10\u00a0000,00\u00a0€" in messages["overfinanced2022-2"]
    assert "85,0\u00a0%" in messages["public_aid2021-2"]
    assert "112,5\u00a0%" in messages["public_aid2022-2"]
    assert "4\u00a0km" in messages["indicator_behind2021-1"] and "31/03/2024" in messages["indicator_behind2021-1"]
    # the abandoned action (no financing left, past its end) and the completed one raise nothing of their own
    assert not [a for a in d.alerts if a.reference == "2023-2"]
    assert d.alerts_of("late")[0].kind_label == "Actions en retard"


def test_a_plan_without_any_line_is_flagged(workspace, sample):
    from crte_desktop.editing.actions import ActionService

    service = ActionService(workspace)
    bundle = service.load(sample.actions["2023-1"])
    bundle.action.total_cost = Decimal("12000")
    service.save(bundle)
    alert = next(a for a in dash(workspace, sample).alerts if a.reference == "2023-1")
    assert alert.kind == "uncovered" and "aucun financement" in alert.message


def test_computing_writes_nothing(workspace, sample, digest):
    before = digest(workspace.path)
    dash(workspace, sample)
    dash(workspace, sample, status="late", year=2022)
    assert digest(workspace.path) == before


def test_an_empty_contract_gives_zeros(workspace):
    contract = Contract(name="Vide")
    InTransaction(ContractRepository(workspace)).save_contract(contract)
    d = compute_dashboard(workspace, DashboardFilter(contract.id), TODAY)
    assert d.kpis.action_count == 0 and d.kpis.total_cost == 0
    assert d.kpis.coverage is None and d.kpis.progress is None
    assert all(not rows for rows in d.financing.values())
    assert d.sections == [] and d.indicators == [] and d.alerts == []


def test_a_read_only_reader_works_as_well_as_the_store(workspace, sample):
    reader = workspace.reader()
    try:
        d = compute_dashboard(reader, DashboardFilter(sample.contract_id), TODAY)
    finally:
        reader.close()
    assert d.kpis.total_cost == Decimal("470000.00")


# -- filters ------------------------------------------------------------------------------------------

def test_section_filter_takes_the_whole_subtree(workspace, sample):
    d = dash(workspace, sample, section_id=sample.sections["1"])
    assert d.kpis.action_count == 3
    assert d.kpis.total_cost == Decimal("380000.00")
    assert stages(d.kpis.financing) == (280, 270, 200, 145)  # 2021-1, 2021-2, 2022-2
    assert [s.label for s in d.sections] == ["1 Transition écologique", "1.1 Eau et biodiversité",
                                             "1.2 Mobilités durables"]
    d = dash(workspace, sample, section_id=sample.sections["1.1"])
    assert d.kpis.action_count == 2 and [i.name for i in d.indicators] == ["Réseau rénové"]


def test_owner_filter(workspace, sample):
    d = dash(workspace, sample, owner_id=sample.orgs["Ville A"])
    assert d.kpis.action_count == 2
    assert d.kpis.total_cost == Decimal("150000.00")
    assert {a.reference for a in d.alerts} == {"2021-1", "2022-1"}


def test_funder_filter_narrows_actions_and_lines(workspace, sample):
    d = dash(workspace, sample, funder_id=sample.funders["Région"])
    assert d.kpis.action_count == 4  # every action with a line of the Région
    assert stages(d.kpis.financing) == (100, 140, 80, 35)
    assert by_label(d.financing["funder"]) == {"Région": (100, 140, 80, 35)}
    # the Région's share of the cost of the actions it finances (100 + 200 + 50 + 80)
    assert d.kpis.coverage == (Decimal(140) / Decimal(430)).quantize(Decimal("0.0001"))
    # financing alerts still judge each plan whole
    assert ("uncovered", "2021-1") in {(a.kind, a.reference) for a in d.alerts}


def test_year_filter_takes_lines_of_the_year_and_actions_inscribed_then(workspace, sample):
    d = dash(workspace, sample, year=2022)
    assert ids(workspace, sample, FigureKey("actions"), year=2022) == sample.ids("2021-1", "2022-1", "2022-2")
    assert stages(d.kpis.financing) == (110, 100, 10, 0)
    assert [r.label for r in d.financing["year"]] == ["2022"]
    d = dash(workspace, sample, year=2023)  # 2023-1 inscribed in 2023 without financing, 2023-2 cancelled
    assert d.kpis.action_count == 2 and stages(d.kpis.financing) == (0, 0, 0, 0)


def test_year_and_funder_together(workspace, sample):
    d = dash(workspace, sample, year=2022, funder_id=sample.funders["État"])
    assert ids(workspace, sample, FigureKey("actions"), year=2022, funder_id=sample.funders["État"]) == \
        sample.ids("2022-1", "2022-2")
    assert stages(d.kpis.financing) == (80, 30, 0, 0)
    assert by_label(d.financing["scheme"]) == {"État — DSIL relance": (50, 0, 0, 0), "État — DETR": (30, 30, 0, 0),
                                              "État — FNADT": (0, 0, 0, 0)}


def test_status_filter_late_and_plain(workspace, sample):
    d = dash(workspace, sample, status="late")
    assert d.kpis.action_count == 1 and [a.reference for a in d.alerts_of("late")] == ["2022-1"]
    d = dash(workspace, sample, status="en_cours")  # the late one is still "en cours"
    assert {s.code: s.count for s in d.statuses if s.count} == {"en_cours": 1, "late": 1}


def test_territory_filter(workspace, sample):
    d = dash(workspace, sample, territory_id=sample.orgs["CC"])
    assert d.kpis.action_count == 2 and d.kpis.total_cost == Decimal("40000.00")


def test_a_filter_matching_nothing(workspace, sample):
    d = dash(workspace, sample, owner_id=sample.orgs["CC"])
    assert d.kpis.action_count == 0 and d.alerts == [] and d.kpis.coverage is None


def test_filter_options_list_what_the_contract_uses(workspace, sample):
    options = filter_options(workspace, sample.contract_id)
    assert [label.strip() for _, label in options.sections][:2] == ["1 Transition écologique", "1.1 Eau et biodiversité"]
    assert [label for _, label in options.owners] == ["Communauté d'agglomération Test", "Ville A", "Ville B"]
    # the owners' own funds are self-financing, left out of every figure: no funder filter offers them
    assert [label for _, label in options.funders] == ["État", "Région"]
    assert [y for y, _ in options.years] == [2021, 2022, 2023]
    assert ("late", "En retard") in options.statuses and ("en_cours", "En cours") in options.statuses
    assert [label for _, label in options.territories] == ["Communauté d'agglomération Test",
                                                           "Communauté de communes Autre"]


# -- click-through ------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, refs", [
    (FigureKey("actions"), ["2021-1", "2021-2", "2022-1", "2022-2", "2023-1", "2023-2"]),
    (FigureKey("cost"), ["2021-1", "2021-2", "2022-1", "2022-2", "2023-2"]),
    (FigureKey("progress"), ["2021-1", "2021-2", "2022-1", "2022-2", "2023-1"]),
    (FigureKey("status", "en_cours"), ["2021-1"]),
    (FigureKey("status", "late"), ["2022-1"]),
    (FigureKey("status", "abandonnee"), ["2023-2"]),
    (FigureKey("stage", "granted"), ["2021-1", "2021-2", "2022-1"]),
    (FigureKey("stage", "paid"), ["2021-1", "2021-2"]),
    (FigureKey("stage", "requested"), ["2021-1", "2021-2", "2022-1", "2022-2"]),
    (FigureKey("category", "france_relance"), ["2022-2"]),
    (FigureKey("year", 2023), []),  # only a cancelled line
    (FigureKey("section", None), ["2023-1"]),
])
def test_actions_behind_a_figure(workspace, sample, key, refs):
    assert ids(workspace, sample, key) == sample.ids(*refs)


def test_actions_behind_financing_rows_and_sections(workspace, sample):
    d = dash(workspace, sample)
    for group, label, refs in [("funder", "État", ["2021-1", "2021-2", "2022-1", "2022-2"]),
                               ("scheme", "État — DETR", ["2021-1", "2022-1"]),
                               ("scheme", "Région — (sans dispositif)", ["2021-1", "2021-2", "2022-1", "2022-2"]),
                               ("year", "2021", ["2021-1", "2021-2"]),
                               ("territory", "Communauté d'agglomération Test", ["2021-1", "2021-2", "2022-1", "2022-2"])]:
        row = next(r for r in d.financing[group] if r.label == label)
        assert ids(workspace, sample, FigureKey(group, row.key)) == sample.ids(*refs), (group, label)
    section = next(s for s in d.sections if s.code == "2")
    assert ids(workspace, sample, section.key) == sample.ids("2022-1")
    indicator = next(i for i in d.indicators if i.name == "Pistes créées")
    assert ids(workspace, sample, indicator.key) == sample.ids("2021-2")
    status = next(s for s in d.statuses if s.code == "a_venir")
    assert ids(workspace, sample, status.key) == sample.ids("2022-2")


def test_actions_behind_a_figure_follow_the_filter(workspace, sample):
    assert ids(workspace, sample, FigureKey("funder", sample.funders["État"]), year=2021) == sample.ids("2021-1", "2021-2")
    assert ids(workspace, sample, FigureKey("stage", "granted"), owner_id=sample.orgs["Ville A"]) == \
        sample.ids("2021-1", "2022-1")


def test_unknown_figure_kind_is_refused(workspace, sample):
    with pytest.raises(ValueError):
        ids(workspace, sample, FigureKey("nonsense"))


def test_action_list_shows_reference_title_status_and_cost(workspace, sample):
    rows = action_list(workspace, sample.ids("2022-1", "2021-2", "2023-1"), TODAY)
    assert [(r.reference, r.title, r.status, r.total_cost) for r in rows] == [
        ("2022-1", "Maison de santé", "En retard", Decimal("50000.00")),
        ("2021-2", "Pistes cyclables", "Réalisée", Decimal("200000.00")),
        ("2023-1", "Étude de programmation", "En préparation", None)]
    assert action_list(workspace, [999999], TODAY) == []


def test_today_moves_the_late_actions(workspace, sample):
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), date(2023, 6, 1))
    assert [a.reference for a in d.alerts_of("late")] == []
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), date(2026, 1, 1))
    assert [a.reference for a in d.alerts_of("late")] == ["2022-1", "2021-1"]  # by end date
