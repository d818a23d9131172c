"""The « Revue de projets » screen: the demo's campaign in progress, marking owners, creating a campaign with
its workbooks, taking a workbook back through the preview (refused when it is another campaign's)."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
import pytest

from crte_desktop.db.store import Store
from crte_desktop.domain.campaign import Campaign
from crte_desktop.views.campaigns.campaigns_page import CampaignsPage
from crte_desktop.views.shell.tasks import wait_for_writes
from tests.cli.conftest import demo_master  # noqa: F401
from tests.views.gui import app_context


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
