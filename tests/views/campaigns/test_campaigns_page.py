"""The « Revue de projets » screen: the demo's campaign in progress, marking owners, creating a campaign with
its workbooks, taking a workbook back through the preview (refused when it is another campaign's); marking and
creating undone with the application's undo; opened from the toolbar like the other windows; its writing
buttons disabled, with the reason, in a window opened read-only."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt

from crte_desktop.db.store import Store
from crte_desktop.domain.campaign import Campaign
from crte_desktop.views.campaigns.campaigns_page import CampaignsPage
from crte_desktop.views.shell.app import Shell
from crte_desktop.views.shell.tasks import wait_for_writes
from crte_desktop.views.shell.windows import WINDOWS
from tests.cli.conftest import demo_master  # noqa: F401
from tests.contents import contents, differing_tables
from tests.views.gui import app_context
from tests.views.shell_workspace import main_window, settings_at, small  # noqa: F401 - fixtures


@pytest.fixture
def page(qtbot, demo_master, tmp_path):
    path = shutil.copy2(demo_master, tmp_path / "demo.crte")
    store = Store.open(path)
    with app_context(store, tmp_path) as ctx:
        widget = CampaignsPage(ctx, 1)
        qtbot.addWidget(widget)
        widget.resize(1280, 700)
        widget.show()
        yield widget
    store.close()


def test_the_demo_campaign_and_marking_owners(qtbot, page):
    assert page.campaign_combo.count() == 1 and "(démonstration)" in page.campaign_combo.currentText()
    states = [r.cells[3] for r in page.model.rows]
    assert "Intégré" in states and "À envoyer" in states
    assert "maîtres d'ouvrage — 2 classeurs reçus, 1 intégré" in page.counts.text()
    waiting = next(i for i, r in enumerate(page.model.rows) if r.cells[3] == "À envoyer")
    owner_id = page.model.rows[waiting].payload
    page.mark("sent_on", [owner_id])
    row = next(r for r in page.model.rows if r.payload == owner_id)
    assert row.cells[3] == "Envoyé" and row.cells[4] == page.ctx.today.strftime("%d/%m/%Y")


def test_marking_owners_is_undone_and_redone(qtbot, page):
    stack = page.ctx.undo_stack
    before = contents(page.ctx.store.path)
    waiting = [r.payload for r in page.model.rows if r.cells[3] == "À envoyer"][:2]
    for row in range(page.model.rowCount()):
        if page.model.rows[row].payload in waiting:
            page.view.selectionModel().select(page.view.model().index(row, 0),
                                              page.view.selectionModel().SelectionFlag.Select
                                              | page.view.selectionModel().SelectionFlag.Rows)
    assert sorted(page.selected_owner_ids()) == sorted(waiting)
    qtbot.mouseClick(page.sent_button, Qt.MouseButton.LeftButton)
    assert stack.count() == 1 and stack.undoText() == "Envoyé le : 2 maîtres d'ouvrage"
    assert all(r.cells[3] == "Envoyé" for r in page.model.rows if r.payload in waiting)
    stack.undo()
    assert all(r.cells[3] == "À envoyer" for r in page.model.rows if r.payload in waiting)
    assert differing_tables(before, contents(page.ctx.store.path)) == []
    stack.redo()
    assert all(r.cells[3] == "Envoyé" for r in page.model.rows if r.payload in waiting)


def test_new_campaign_writes_the_workbooks_then_one_is_taken_back(qtbot, page, tmp_path):
    folder = tmp_path / "classeurs"
    op = page.new_campaign(str(folder), Campaign(1, "Revue de projets 2027", date(2027, 7, 1), date(2027, 9, 30)))
    assert op is not None
    qtbot.waitUntil(lambda: page.campaign_combo.count() == 2, timeout=60000)
    wait_for_writes()
    assert page.campaign_combo.currentText().startswith("Revue de projets 2027")
    files = sorted(folder.iterdir())
    assert len(files) == len(page.owners) and "classeurs écrits" in page.message.text()
    book = files[0]
    wb = openpyxl.load_workbook(book)
    wb["Nouveaux projets"].append(["Tiers-lieu numérique", None, "Idée"])
    wb.save(book)
    dialog = page.take_back(str(book))
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    assert any(c.sheet == "Nouveaux projets" and c.label == "Tiers-lieu numérique" for c in dialog.plan.changes)
    dialog.close()
    # the same workbook offered to the demo campaign is refused
    page.campaign_combo.setCurrentIndex(1)
    other = page.take_back(str(book))
    qtbot.waitUntil(lambda: other.message.isVisible(), timeout=20000)
    assert "pas à la campagne" in other.message.text()
    other.close()
    # the campaign's creation is one undo step: undone, the campaign is gone (its workbooks stay in the folder)
    stack = page.ctx.undo_stack
    assert stack.undoText() == "Nouvelle campagne « Revue de projets 2027 »"
    stack.undo()
    assert page.campaign_combo.count() == 1 and "(démonstration)" in page.campaign_combo.currentText()
    assert len(list(folder.iterdir())) == len(files)
    stack.redo()
    assert page.campaign_combo.count() == 2


def test_campaigns_open_from_the_toolbar_like_the_other_windows(qtbot, main_window):  # noqa: F811
    window, _ctx, _info = main_window
    assert WINDOWS["campaigns"].title == "Revue de projets" and WINDOWS["campaigns"].per_contract
    assert window.act_campaigns in window.toolbar.actions()
    menus = {m.text(): m.menu() for m in window.menuBar().actions()}
    assert window.act_campaigns in menus["Affic&hage"].actions()
    window.act_campaigns.trigger()
    page = window.tabs.currentWidget()
    assert isinstance(page, CampaignsPage)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Revue de projets — CRTE du Valenciennois"
    window.act_campaigns.trigger()  # a second time: the same tab comes forward
    assert sum(isinstance(window.tabs.widget(i), CampaignsPage) for i in range(window.tabs.count())) == 1
    assert not hasattr(window, "open_campaigns")


def test_a_read_only_window_disables_the_writing_buttons_and_says_why(qapp, qtbot, demo_master, tmp_path,
                                                                      digest):  # noqa: F811
    path = shutil.copy2(demo_master, tmp_path / "demo.crte")
    first = Store.open(path)  # the window that writes (or a colleague's)
    shell = Shell(settings_at(tmp_path), data_dir=tmp_path / "donnees")
    try:
        assert shell.open_path(path) and shell.ctx.store.read_only
        before = digest(path)
        window = shell.window
        page = window.open_window("campaigns", 1)
        assert isinstance(page, CampaignsPage) and page.model.rowCount() > 0
        page.view.selectRow(0)
        writing = (page.new_button, page.sent_button, page.reminded_button, page.received_button,
                   page.take_back_button)
        for button in writing:
            assert not button.isEnabled(), button.text()
            assert button.toolTip().startswith("Lecture seule") and first.user in button.toolTip(), button.text()
        page.mark("sent_on", [page.model.rows[0].payload])  # asked all the same (a double click, a shortcut)
        assert page.take_back(str(tmp_path / "classeur.xlsx")) is None and page.new_campaign() is None
        assert digest(path) == before and shell.ctx.undo_stack.count() == 0
    finally:
        qapp.processEvents()
        shell.close()
        qapp.processEvents()
        first.close()
