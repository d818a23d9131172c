"""Fixtures of the first-import tests: the Valenciennois workspace and the secretary's tracking file."""

import pytest

from tests.excel.first_import.secretary import build_workspace, write_workbook


@pytest.fixture
def ws(workspace):
    """(store, Valenciennois ids)."""
    return workspace, build_workspace(workspace)


@pytest.fixture
def tracking_file(tmp_path):
    return write_workbook(tmp_path / "Suivi CRTE 2024.xlsx")
