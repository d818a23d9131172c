"""Fixtures of the db tests: a workspace filled with the small real content of tests/fixtures."""

import pytest

from tests.fixtures.make_fixtures import fill


@pytest.fixture
def filled(workspace):
    """(store, ids by name) — the Douaisis contract, two sections, two actions with financing."""
    return workspace, fill(workspace)
