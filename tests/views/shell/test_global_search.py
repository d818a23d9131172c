"""Ctrl+K « Rechercher partout » on the demo workspace: actions (by description too), meetings, decisions,
follow-ups and persons; Entrée opens the record where it lives. The actions filter finds descriptions,
funders and schemes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crte_desktop.db.store import Store
from crte_desktop.views.shell.global_search import HIT_ROLE, GlobalSearchDialog
from tests.views.gui import type_text
from tests.views.shell_workspace import settings_at


@pytest.fixture
def demo_window(qapp, qtbot, tmp_path):
    from crte_desktop.demo.builder import write_demo
    from crte_desktop.views.shell.context import AppContext
    from crte_desktop.views.shell.main_window import MainWindow

    ctx = AppContext.create(Store.open(write_demo(tmp_path / "demo.crte")), settings_at(tmp_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    ctx.close()


def search_for(qtbot, window, text):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window._windows.get("search")
    assert isinstance(dialog, GlobalSearchDialog) and dialog.isVisible()
    dialog.field.clear()
    type_text(dialog.field, text)
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=2000)
    return dialog


def hits(dialog):
    return [dialog.results.item(i).data(HIT_ROLE) for i in range(dialog.results.count())]


def test_ctrl_k_finds_every_kind_of_record(qtbot, demo_window):
    dialog = search_for(qtbot, demo_window, "poiret")
    assert [(h.kind, h.title) for h in hits(dialog)] == [("person", "M. Christian POIRET")]
    dialog = search_for(qtbot, demo_window, "copil douai")
    assert {h.kind for h in hits(dialog)} == {"meeting"} and "COPIL du 05/01/2027" in [h.title for h in hits(dialog)]
    dialog = search_for(qtbot, demo_window, "tableau de suivi validé")
    assert "decision" in {h.kind for h in hits(dialog)}
    dialog = search_for(qtbot, demo_window, "covoiturage")  # a word of 2021-2's description
    assert ("action", "2021-2") in {(h.kind, h.title.split(" — ")[0]) for h in hits(dialog)}
    dialog = search_for(qtbot, demo_window, "zzzintrouvable")
    assert hits(dialog) == [] and dialog.status.text() == "Rien ne contient « zzzintrouvable »."


def test_follow_ups_are_found(qtbot, demo_window):
    with Store.open_read_only(demo_window.ctx.store.path) as store:
        text = store.conn.execute("SELECT text FROM follow_up ORDER BY id LIMIT 1").fetchone()[0]
    dialog = search_for(qtbot, demo_window, " ".join(text.split()[:3]))
    assert "follow_up" in {h.kind for h in hits(dialog)}


def test_enter_opens_the_record(qtbot, demo_window):
    dialog = search_for(qtbot, demo_window, "covoiturage")
    row = next(i for i, h in enumerate(hits(dialog)) if h.kind == "action")
    dialog.results.setCurrentRow(row)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert demo_window.tabs.tabText(demo_window.tabs.currentIndex()).startswith("2021-2")
    dialog = search_for(qtbot, demo_window, "copil douai 2027")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    page = demo_window.tabs.currentWidget()
    assert page.title.text() == "COPIL du 05/01/2027"
    assert "Douaisis" in demo_window.tabs.tabText(demo_window.tabs.currentIndex())
    dialog = search_for(qtbot, demo_window, "poiret")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    directory = demo_window._windows["directory"]
    assert directory.tabs.currentWidget() is directory.persons


def test_the_actions_filter_finds_funders_and_descriptions(qtbot, demo_window):
    demo_window.apply_filter_now("anru")
    model = demo_window.actions_model
    refs = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert refs and all(r for r in refs)
    demo_window.apply_filter_now("covoiturage")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["2021-2"]
