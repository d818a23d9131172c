"""The meetings page in the main window at 1366×768, navigation tree shown: committees, members and
meetings read in full (no cut names, no hidden status, no sideways scrolling)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget

from tests.views.shell.test_global_search import demo_window  # noqa: F401 - the fixture


def needs(table: QTableWidget, row: int, col: int) -> int:
    """Width the cell's text needs on one line (with the cell's padding)."""
    return table.fontMetrics().horizontalAdvance(table.item(row, col).text()) + 4


def test_meetings_page_shows_names_and_statuses_in_full(qtbot, demo_window):  # noqa: F811
    window = demo_window
    page = window.open_window("meetings")
    qtbot.wait(50)
    meetings = page.meetings
    assert meetings.rowCount() >= 2
    assert meetings.horizontalScrollBar().maximum() == 0  # every column in view
    for row in range(meetings.rowCount()):
        for col in range(meetings.columnCount()):
            assert meetings.columnWidth(col) >= needs(meetings, row, col), meetings.item(row, col).text()
    header = meetings.horizontalHeader()
    assert header.sectionSize(3) >= header.fontMetrics().horizontalAdvance("Compte rendu") + 4
    panel = page.committees
    assert panel.list.horizontalScrollBar().maximum() == 0 and panel.list.wordWrap()
    members = panel.members
    assert members.horizontalScrollBar().maximum() == 0
    organisations = [members.item(r, 1).text() for r in range(members.rowCount())]
    assert "Communauté d'agglomération Valenciennes Métropole" in organisations  # not « CAVM »
    for row in range(members.rowCount()):
        assert members.columnWidth(2) >= needs(members, row, 2)  # « Co-président » whole
        assert members.rowHeight(row) >= members.fontMetrics().height()
