"""Green shares on the hand-computed sample (tests/dashboard/sample.py), with assessments and thresholds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.green import green_action_ids, green_shares, threshold_in_force
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.queries import green as green_queries
from crte_desktop.db.repos.green import GreenThresholdRepository
from crte_desktop.domain.action import Assessment, full_assessment
from crte_desktop.domain.enums import Rating, TaxonomyObjective
from crte_desktop.domain.errors import ValidationError
from crte_desktop.editing.actions import ActionService
from tests.dashboard.sample import TODAY, build_sample


@pytest.fixture
def sample(workspace):
    s = build_sample(workspace)
    service = ActionService(workspace)
    bundle = service.load(s.actions["2021-2"])  # DSIL 2021, 100 k€ granted: favourable on water
    bundle.assessment = full_assessment([Assessment(TaxonomyObjective.WATER, Rating.FAVOURABLE)])
    service.save(bundle)
    # the 2024 thresholds, and for this sample's years the same from 2021
    for name, percent in (("DSIL", 30), ("DETR", 20)):
        GreenThresholdRepository(workspace).save(s.schemes[name], 2021, percent)
    return s


def by_scheme(shares):
    return {(s.year, s.scheme): s for s in shares}


def test_shares_per_year_and_dotation_against_thresholds(workspace, sample):
    shares = by_scheme(green_shares(workspace, DashboardFilter(sample.contract_id), TODAY))
    # DETR 2021: 30 k€ granted to 2021-1, not assessed → 0 %; the refused DETR 2022 and cancelled FNADT count nothing
    assert set(shares) == {(2021, "DETR"), (2021, "DSIL")}
    detr, dsil = shares[(2021, "DETR")], shares[(2021, "DSIL")]
    assert (detr.granted, detr.favourable, detr.share, detr.threshold) == (Decimal("30000.00"), 0, 0, 20)
    assert detr.below and detr.gap == Decimal("6000.00") and detr.verdict == "Sous le seuil"
    assert (dsil.share, dsil.threshold, dsil.below) == (1, 30, False)


def test_an_unfavourable_rating_or_an_override_changes_the_verdict(workspace, sample):
    service = ActionService(workspace)
    bundle = service.load(sample.actions["2021-1"])
    bundle.action.green_override, bundle.action.green_override_reason = True, "Réseau d'eau : fuites réduites de 40 %"
    service.save(bundle)
    bundle = service.load(sample.actions["2021-2"])
    bundle.assessment = full_assessment([Assessment(TaxonomyObjective.WATER, Rating.FAVOURABLE),
                                         Assessment(TaxonomyObjective.BIODIVERSITY, Rating.UNFAVOURABLE)])
    service.save(bundle)
    shares = by_scheme(green_shares(workspace, DashboardFilter(sample.contract_id), TODAY))
    assert shares[(2021, "DETR")].share == 1 and not shares[(2021, "DETR")].below
    assert shares[(2021, "DSIL")].share == 0 and shares[(2021, "DSIL")].below


def test_the_alert_names_the_actions_that_are_not_favourable(workspace, sample):
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), TODAY)
    [alert] = d.alerts_of("green_share")
    assert alert.action_ids == (sample.actions["2021-1"],)
    assert alert.message.startswith("DETR 2021 : 0,0\u00a0% des montants accordés")
    assert "sous le seuil de 20\u00a0%" in alert.message and "il manque 6\u00a0000,00\u00a0€" in alert.message
    assert alert.kind_label == "Parts vertes sous leur seuil"
    share = by_scheme(d.green)[(2021, "DSIL")]
    f = DashboardFilter(sample.contract_id)
    assert green_action_ids(workspace, f, share, True, TODAY) == [sample.actions["2021-2"]]
    assert green_action_ids(workspace, f, share, False, TODAY) == []


def test_thresholds_follow_the_year_they_apply_from(workspace, sample):
    rows = green_queries.thresholds(workspace)
    dsil = sample.schemes["DSIL"]
    assert threshold_in_force(rows, dsil, 2020) is None
    assert threshold_in_force(rows, dsil, 2023) == 30
    GreenThresholdRepository(workspace).save(dsil, 2026, 35)
    rows = green_queries.thresholds(workspace)
    assert threshold_in_force(rows, dsil, 2025) == 30 and threshold_in_force(rows, dsil, 2027) == 35
    # the migration's seeds: 2024 thresholds of the four dotations
    seeded = {(name, year): p for _id, _sid, name, year, p in rows if year == 2024}
    assert seeded == {("DSIL", 2024): 30, ("DSID", 2024): 25, ("DETR", 2024): 20, ("FNADT", 2024): 15}


def test_bad_thresholds_are_refused_and_nothing_written(workspace, sample, digest):
    before = digest(workspace.path)
    with pytest.raises(ValidationError, match="Seuil : 130 % n'est pas entre 0 et 100 %"):
        GreenThresholdRepository(workspace).save(sample.schemes["DSIL"], 2025, 130)
    with pytest.raises(ValidationError, match="Année d'application"):
        GreenThresholdRepository(workspace).save(sample.schemes["DSIL"], 1850, 30)
    assert digest(workspace.path) == before
