"""Fixtures of the meetings page's tests: the world of tests/meetings (a contract, its COPIL and COTECH with
their members, a few actions), the application context over it on the day ``TODAY``, and the page showing
one committee (``shown_committee``: the COTECH, unless a module overrides it)."""

import pytest

from crte_desktop.views.meetings.meetings_page import MeetingsPage
from tests.meetings.conftest import TODAY, world  # noqa: F401 - the fixture
from tests.views.gui import app_context


@pytest.fixture
def ctx(qapp, world, tmp_path):  # noqa: F811
    with app_context(world.store, tmp_path, TODAY) as context:
        yield context


@pytest.fixture
def shown_committee(world):  # noqa: F811
    return world.cotech


@pytest.fixture
def page(qtbot, ctx, world, shown_committee):  # noqa: F811
    widget = MeetingsPage(ctx, world.ids["contract"])
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    if shown_committee is not None:
        widget.committees.select(shown_committee.id)
    yield widget
    widget.detach()
