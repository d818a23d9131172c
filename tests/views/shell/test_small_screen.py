"""Every screen fits a small laptop screen (1280×720): opening a page in the main window does not push the
window wider or taller than the screen; dialogs fit too. Uses the demonstration workspace (long French names)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from crte_desktop.db.queries import action_table as q
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import write_demo
from crte_desktop.views.shell.main_window import MainWindow
from tests.views.gui import app_context

WIDTH, HEIGHT = 1280, 720


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "demonstration.crte"
    write_demo(path)
    store = Store.open(path)
    with app_context(store, tmp_path) as ctx:
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.resize(WIDTH, HEIGHT)
        win.show()
        qtbot.waitExposed(win)
        yield win
        ctx.undo_stack.clear()
        for form in win.open_forms():
            win._remove_tab(form)
        win.close()
    store.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def assert_fits(win) -> None:
    settle()
    assert win.width() <= WIDTH and win.height() <= HEIGHT, (win.width(), win.height())
    assert win.minimumSizeHint().width() <= WIDTH


def test_the_meetings_page_and_each_of_its_tabs_fit(window):
    page = window.open_window("meetings")
    assert page is not None
    page.meetings.selectRow(0)
    for i in range(page.meeting_tabs.count()):
        page.meeting_tabs.setCurrentIndex(i)
        assert_fits(window)
    page.tabs.setCurrentIndex(1)
    assert_fits(window)
    page.registers.tabs.setCurrentIndex(1)
    assert_fits(window)


def test_the_action_form_contract_form_and_dashboard_fit(window, qtbot):
    ids = q.action_ids(window.ctx.store, q.ActionFilter(), "financed", descending=True)
    form = window.open_action(ids[0])
    for i in range(form.tabs.count()):
        form.tabs.setCurrentIndex(i)
        assert_fits(window)
    window._remove_tab(form)
    window.open_window("contract")
    assert_fits(window)
    dashboard = window.open_window("dashboard")
    qtbot.waitUntil(lambda: getattr(dashboard, "dashboard", None) is not None, timeout=20000)
    for i in range(dashboard.tabs.count()):
        dashboard.tabs.setCurrentIndex(i)
        assert_fits(window)


def test_the_directory_and_reference_dialogs_fit(window):
    for kind in ("directory", "reference"):
        dialog = window.open_window(kind)
        settle()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= WIDTH and hint.height() <= HEIGHT, (kind, hint)
        assert dialog.width() <= WIDTH and dialog.height() <= HEIGHT
        dialog.close()
