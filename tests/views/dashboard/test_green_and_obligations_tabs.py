"""The dashboard's « Parts vertes » and « Échéances » tabs."""

from __future__ import annotations

import pytest

from crte_desktop.db.repos.green import GreenThresholdRepository
from crte_desktop.views.dashboard.dashboard_page import DashboardPage
from tests.dashboard.sample import TODAY, build_sample
from tests.views.dashboard.test_dashboard_page import ctx, settle  # noqa: F401


@pytest.fixture
def page(qtbot, ctx, workspace):  # noqa: F811
    sample = build_sample(workspace)
    GreenThresholdRepository(workspace).save(sample.schemes["DETR"], 2021, 20)
    widget = DashboardPage(ctx, sample.contract_id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    settle(qtbot, widget)
    widget.sample = sample
    yield widget
    if widget.actions_dialog is not None:
        widget.actions_dialog.close()


def test_green_shares_with_the_actions_behind_them(qtbot, page):
    tab = page.green_tab
    rows = {(r.cells[0], r.cells[1]): r.cells for r in tab.model.rows}
    assert rows[("2021", "DETR")][4:] == ["0,0\u00a0%", "20\u00a0%", "6\u00a0000,00\u00a0€", "Sous le seuil"]
    assert rows[("2021", "DSIL")][-1] == "Pas de seuil"
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Parts vertes (1 sous le seuil)"
    assert "DETR 2021" in tab.summary.text()
    detr = next(r.payload for r in tab.model.rows if r.cells[1] == "DETR")
    seen = []
    page.open_actions.disconnect()
    page.open_actions.connect(lambda ids, title: seen.append((ids, title)))
    tab.open_share(detr, False)
    assert seen == [([page.sample.actions["2021-1"]], "Actions non favorables ayant un montant accordé en DETR 2021")]
    assert any(a.kind == "green_share" for a in page.dashboard.alerts)


def test_obligations_listed_late_first_and_exported(qtbot, page, tmp_path):
    tab = page.obligations_tab
    titles = [r.cells[1] for r in tab.model.rows]
    # today 30/06/2024: the 2024 COPIL is due today, the 2024 revue window opens tomorrow
    assert "COPIL 2024 avant le 1er juillet" in titles and "Revue de projets 2024" in titles
    assert tab.model.rows[0].cells[3] in ("En retard", "À faire")
    out = tab.export(str(tmp_path / "echeances.ics"))
    text = (tmp_path / "echeances.ics").read_text(encoding="utf-8")
    assert out and text.count("BEGIN:VEVENT") == len(titles)
    assert "échéances écrites" in tab.message.text()
    assert TODAY.year == 2024


def test_thresholds_are_edited_and_refused_when_out_of_range(qtbot, page):
    dialog = page.green_tab.edit_thresholds()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("DSIL"))
    dialog.year.setValue(2021)
    dialog.percent.setValue(30)
    assert dialog.save()
    assert "DSIL : 30 % à partir de 2021" in [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.close()
    settle(qtbot, page)
    rows = {(r.cells[0], r.cells[1]): r.cells for r in page.green_tab.model.rows}
    assert rows[("2021", "DSIL")][5] == "30\u00a0%"
    # one undo step, as every edit: the DSIL 2021 share has no threshold again
    stack = page.ctx.undo_stack
    assert stack.undoText() == "Seuil de part verte DSIL 2021 : 30 %"
    stack.undo()
    settle(qtbot, page)
    rows = {(r.cells[0], r.cells[1]): r.cells for r in page.green_tab.model.rows}
    assert rows[("2021", "DSIL")][-1] == "Pas de seuil"


def test_a_refused_threshold_is_said_and_not_recorded(qtbot, page, digest):
    dialog = page.green_tab.edit_thresholds()
    dialog.percent.setRange(0, 200)  # the box stops at 100: a value typed past it is refused all the same
    dialog.percent.setValue(130)
    before = digest(page.ctx.store.path)
    assert not dialog.save()
    assert "n'est pas entre 0 et 100" in dialog.message.text()
    assert digest(page.ctx.store.path) == before and page.ctx.undo_stack.count() == 0
    dialog.close()


def test_deadlines_saved_and_deleted_are_undone(qtbot, page):
    stack = page.ctx.undo_stack
    dialog = page.obligations_tab.edit_deadlines()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("DETR (État)"))
    dialog.department.setText("59")
    dialog.day.setValue(15)
    dialog.month.setCurrentIndex(0)
    assert dialog.save()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "15 janvier : DETR (État) — département 59"]
    dialog.delete()
    assert dialog.list.count() == 0
    assert [stack.text(i) for i in range(stack.count())] == ["Date limite de dépôt DETR (59)",
                                                            "Suppression de la date limite DETR (59)"]
    stack.undo()
    assert [d.day for d in page.ctx.workspace.dashboard.deadlines()] == [15]
    stack.undo()
    assert page.ctx.workspace.dashboard.deadlines() == []
    dialog.close()


def test_read_only_the_reference_editors_only_show(qtbot, workspace, tmp_path):
    from crte_desktop.db.store import Store
    from crte_desktop.views.dashboard.deadlines_dialog import DeadlinesDialog
    from crte_desktop.views.dashboard.thresholds_dialog import ThresholdsDialog
    from tests.views.gui import app_context

    workspace.close()
    with Store.open_read_only(workspace.path) as store, app_context(store, tmp_path) as ctx:
        thresholds, deadlines = ThresholdsDialog(ctx), DeadlinesDialog(ctx)
        qtbot.addWidget(thresholds)
        qtbot.addWidget(deadlines)
        assert thresholds.list.count() == 4  # the 2024 thresholds, shown
        for button in (thresholds.save_button, deadlines.new_button, deadlines.save_button, deadlines.delete_button):
            assert not button.isEnabled() and button.toolTip().startswith("Lecture seule"), button.text()
