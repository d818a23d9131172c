"""Cross tables on the hand-computed sample (tests/dashboard/sample.py), amounts in k€."""

from __future__ import annotations

import pytest

from crte_desktop.dashboard.cross import cross_table, dimension_of, stage_of
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.errors import DomainError
from tests.dashboard.sample import TODAY, build_sample, k


@pytest.fixture
def sample(workspace):
    return build_sample(workspace)


def cents(thousands) -> int:
    return int(k(thousands) * 100)


def labelled(table):
    rows, cols = dict(table.rows), dict(table.columns)
    return {(rows[r], cols[c]): v for (r, c), v in table.cells.items()}


def test_granted_by_year_and_funder_counts_no_refused_or_cancelled_line(workspace, sample):
    t = cross_table(workspace, DashboardFilter(sample.contract_id), "year", "funder", Stage.GRANTED, TODAY)
    assert [label for _, label in t.rows] == ["2021", "2022"]
    # 2021: DETR 30 + DSIL 100 (État), Région 70; 2022: Région 10 (the refused DETR and cancelled FNADT count nothing)
    assert labelled(t) == {("2021", "État"): cents(130), ("2021", "Région"): cents(70), ("2022", "Région"): cents(10)}
    assert t.row_total(2021) == cents(200)
    assert t.column_total(sample.funders["Région"]) == cents(80)
    assert t.total == cents(210)


def test_requested_by_territory_and_section_rolls_sections_up_to_the_top_level(workspace, sample):
    t = cross_table(workspace, DashboardFilter(sample.contract_id), "territory", "section", Stage.REQUESTED, TODAY)
    assert [label for _, label in t.columns] == ["1 Transition écologique", "2 Cohésion territoriale"]
    got = labelled(t)
    # CA: 2021-2 (1.2) 100 + 70, 2022-2 (1.1) 40 (the planned-only DSIL relance line asks nothing);
    # Ville A → CA too: 2021-1 (1.1) 40 + 20, 2022-1 (2.1) 30 (refused, still requested) + 10
    assert got[("CA", "1 Transition écologique")] == cents(270)
    assert got[("CA", "2 Cohésion territoriale")] == cents(40)
    assert t.total == sum(got.values())


def test_filters_and_a_fixed_dimension_narrow_the_lines(workspace, sample):
    f = DashboardFilter(sample.contract_id, owner_id=sample.orgs["Ville A"])
    t = cross_table(workspace, f, "scheme", "year", Stage.PLANNED, TODAY)
    # the owner's own funds (« Autofinancement ») are self-financing: not in the table, as on the tiles
    assert labelled(t) == {("DETR", "2021"): cents(40), ("DETR", "2022"): cents(30),
                           ("Région (sans dispositif)", "2022"): cents(30)}
    fixed = cross_table(workspace, f, "scheme", "year", Stage.PLANNED, TODAY, fixed={"year": 2022})
    assert [label for _, label in fixed.columns] == ["2022"]
    assert fixed.total == cents(60)


def test_bad_requests_get_french_messages(workspace, sample):
    f = DashboardFilter(sample.contract_id)
    with pytest.raises(DomainError, match="deux dimensions différentes"):
        cross_table(workspace, f, "year", "year", Stage.PAID, TODAY)
    with pytest.raises(DomainError, match="Dimension inconnue « couleur »"):
        dimension_of("couleur")
    with pytest.raises(DomainError, match="Étape inconnue"):
        stage_of("rêvé")
    assert dimension_of("Maître d'ouvrage") == "owner" and dimension_of("ANNÉE") == "year"
    assert stage_of("Versé") is Stage.PAID


def test_an_empty_contract_gives_an_empty_table(workspace, sample):
    t = cross_table(workspace, DashboardFilter(sample.contract_id, year=1990), "year", "owner", Stage.PAID, TODAY)
    assert t.is_empty and t.total == 0 and t.rows == []
