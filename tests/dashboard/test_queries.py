"""The dashboard's one-pass grouping gives exactly what ``financing_by`` gives group by group."""

from __future__ import annotations

import pytest

from crte_desktop.db.queries import summary as sq
from tests.dashboard.sample import TODAY, build_sample

GROUPS = ("funder", "scheme", "year", "category", "owner", "territory", "section", "status")


@pytest.mark.parametrize("filters", [{}, {"year": 2022}, {"funder_id": "État"}, {"status": "late"},
                                     {"owner_id": "Ville B"}])
def test_financing_by_groups_matches_financing_by(workspace, filters):
    sample = build_sample(workspace)
    if "funder_id" in filters:
        filters["funder_id"] = sample.funders[filters["funder_id"]]
    if "owner_id" in filters:
        filters["owner_id"] = sample.orgs[filters["owner_id"]]
    scope = sq.Scope(sample.contract_id, today=TODAY.isoformat(), **filters)
    where, params = scope.lines_where()
    together = sq.financing_by_groups(workspace, sample.contract_id, GROUPS, where, params)
    for group in GROUPS:
        assert together[group] == sq.financing_by(workspace, sample.contract_id, group, where, params), group
