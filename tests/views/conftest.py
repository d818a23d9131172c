"""Fixtures of the GUI tests."""

import pytest

from tests.views.gui import app_context


@pytest.fixture
def ctx(workspace, tmp_path):
    """The application context over a new empty workspace."""
    with app_context(workspace, tmp_path) as context:
        yield context
