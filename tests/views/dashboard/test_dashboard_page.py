"""The dashboard page: key figures, filters, click-through to the actions, PNG export, refresh on changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from crte_desktop.editing.actions import ActionService
from crte_desktop.views.dashboard.dashboard_page import DashboardPage
from tests.dashboard.sample import TODAY, build_sample
from tests.views.gui import app_context

NBSP = "\u00a0"


def euros(text: str) -> str:
    return text.replace(" ", NBSP)


@pytest.fixture
def sample(workspace):
    return build_sample(workspace)


@pytest.fixture
def ctx(workspace, tmp_path):
    with app_context(workspace, tmp_path, TODAY) as context:
        yield context


@pytest.fixture
def page(qtbot, ctx, sample):
    widget = DashboardPage(ctx, sample.contract_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy, timeout=10000)
    yield widget
    if widget.actions_dialog is not None:
        widget.actions_dialog.close()


def double_click(qtbot, view, index):
    """As a user does: the first click selects, the second opens (QTest's double-click alone sets no pressed
    index on an item view)."""
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def settle(qtbot, page):
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)


def values(page):
    return {name: tile.value for name, tile in page.tiles.items()}


def test_the_page_shows_the_key_figures(page):
    assert values(page) == {"actions": "6", "cost": euros("470 000 €"), "granted": euros("210 000 €"),
                            "paid": euros("145 000 €"), "coverage": euros("89,4 %"), "progress": euros("60 %")}
    assert page.tiles["cost"].detail_label.text() == "1 action sans coût connu"
    assert page.tiles["actions"].detail_label.text() == "1 en retard"
    assert page.tabs.tabText(4) == "Alertes (6)"
    assert page.tabs.tabText(3) == "Indicateurs (1 en retard)"


def test_the_tables_show_the_financing_by_stage(page):
    model = page.financing_models["funder"]
    assert [r.cells for r in model.rows] == [
        ["État", *map(euros, ["220 000,00 €", "170 000,00 €", "130 000,00 €", "110 000,00 €"])],
        ["Région", *map(euros, ["100 000,00 €", "140 000,00 €", "80 000,00 €", "35 000,00 €"])],
        ["Autofinancement", *map(euros, ["100 000,00 €", "0,00 €", "0,00 €", "0,00 €"])],
        ["Total", *map(euros, ["420 000,00 €", "310 000,00 €", "210 000,00 €", "145 000,00 €"])]]
    assert [r.cells[0] for r in page.financing_models["category"].rows] == [
        "France Relance", "Crédits contractualisés", "Crédits valorisés", "Total"]
    sections = {r.cells[0].strip(): r.cells[4] for r in page.sections_model.rows}
    assert sections["1 Transition écologique"] == euros("66 %")
    assert sections["(sans section)"] == "—"


def test_sorting_keeps_the_total_last(qtbot, page):
    view = page.financing_views["funder"]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        view.sortByColumn(3, order)  # granted
        labels = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
        assert labels[-1] == "Total"
        expected = ["Autofinancement", "Région", "État"]
        assert labels[:-1] == (expected if order == Qt.SortOrder.AscendingOrder else expected[::-1])


def test_changing_a_filter_updates_the_figures(qtbot, page, sample):
    combo = page.combos["owner_id"]
    combo.setCurrentIndex(combo.findData(sample.orgs["Ville A"]))
    settle(qtbot, page)
    assert values(page)["actions"] == "2"
    assert values(page)["cost"] == euros("150 000 €")
    assert page.filter.owner_id == sample.orgs["Ville A"] and page.reset_button.isEnabled()
    page.set_filter(year=2022, funder_id=sample.funders["État"])
    settle(qtbot, page)
    assert values(page)["actions"] == "1"  # 2022-1 only: 2022-2 belongs to CA
    page.reset_button.click()
    settle(qtbot, page)
    assert values(page)["actions"] == "6" and not page.filter.is_narrowed and not page.reset_button.isEnabled()


def test_the_late_status_filter(qtbot, page):
    page.set_filter(status="late")
    settle(qtbot, page)
    assert values(page)["actions"] == "1"
    assert page.combos["status"].currentText() == "En retard"


def test_double_click_on_an_alert_emits_its_actions(qtbot, page, sample):
    page.tabs.setCurrentIndex(4)
    view = page.alerts_view
    qtbot.waitExposed(view)
    model = page.alerts_model
    group = next(model.index(r, 0) for r in range(model.rowCount()) if model.groups[r][0] == "late")
    view.expand(group)
    alert = model.index(0, 0, group)
    view.scrollTo(alert)
    with qtbot.waitSignal(page.open_actions) as signal:
        double_click(qtbot, view, alert)
    ids, title = signal.args
    assert ids == sample.ids("2022-1")
    assert title.startswith("2022-1 — Maison de santé : date de fin dépassée")


def test_double_click_on_an_alert_group_lists_all_its_actions(qtbot, page, sample):
    model = page.alerts_model
    group = next(model.index(r, 0) for r in range(model.rowCount()) if model.groups[r][0] == "public_aid")
    page.tabs.setCurrentIndex(4)
    view = page.alerts_view
    qtbot.waitExposed(view)
    with qtbot.waitSignal(page.open_actions) as signal:
        double_click(qtbot, view, group)
    assert signal.args == [sample.ids("2021-2", "2022-2"), "Aides publiques au-delà de 80 %"]


def test_the_list_dialog_opens_an_action_on_double_click(qtbot, page, sample):
    page.tabs.setCurrentIndex(1)
    view = page.financing_views["funder"]
    qtbot.waitExposed(view)
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 0).data() == "Région")
    index = view.model().index(row, 1)
    with qtbot.waitSignal(page.open_actions) as signal:
        double_click(qtbot, view, index)
    assert signal.args == [sample.ids("2021-1", "2021-2", "2022-1", "2022-2"), "Actions financées par Région"]
    dialog = page.actions_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.action_ids() == sample.ids("2021-1", "2021-2", "2022-1", "2022-2")
    cells = [[dialog.model.index(r, c).data() for c in range(4)] for r in range(dialog.model.rowCount())]
    assert cells[2] == ["2022-1", "Maison de santé", "En retard", euros("50 000,00 €")]
    table = dialog.table
    target = table.model().index(1, 1)
    with qtbot.waitSignal(page.open_action) as opened:
        double_click(qtbot, table, target)
    assert opened.args == [sample.actions["2021-2"]]


def test_double_click_on_a_tile(qtbot, page, sample):
    with qtbot.waitSignal(page.open_actions) as signal:
        qtbot.mouseDClick(page.tiles["paid"], Qt.MouseButton.LeftButton)
    assert signal.args == [sample.ids("2021-1", "2021-2"), "Actions ayant des financements versés"]


def test_other_tables_click_through(qtbot, page, sample):
    got = []
    page.open_actions.connect(lambda ids, title: got.append((ids, title)))
    page.tabs.setCurrentIndex(2)
    for view, label in [(page.sections_view, "2 Cohésion territoriale"), (page.status_view, "À venir")]:
        model = view.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == label)
        view.doubleClicked.emit(model.index(row, 0))
    page.tabs.setCurrentIndex(3)
    model = page.indicators_view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Pistes créées")
    page.indicators_view.doubleClicked.emit(model.index(row, 1))
    assert got == [(sample.ids("2022-1"), "Actions de la section « 2 Cohésion territoriale » (hors abandonnées)"),
                   (sample.ids("2022-2"), "Actions au statut « À venir »"),
                   (sample.ids("2021-2"), "Action mesurée par l'indicateur « Pistes créées »")]


def test_export_png_writes_a_file(qtbot, page, tmp_path):
    path = page.funding_chart.export_png(tmp_path / "financeurs.png")
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 15_000


def test_export_button_asks_where_then_writes(qtbot, page, tmp_path):
    chart = page.progress_chart
    chart.export_button.click()
    dialog = chart.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    target = tmp_path / "avancement.png"
    with qtbot.waitSignal(chart.exported) as signal:
        dialog.selectFile(str(target))
        dialog.accept()
    assert signal.args == [str(target)]
    assert target.stat().st_size > 15_000
    assert page.ctx.settings.value("exports/Graphique/last_dir") == str(tmp_path)
    box = chart.written_box  # « Ouvrir » / « Ouvrir le dossier » after the export
    assert {"Ouvrir", "Ouvrir le dossier"} <= {b.text() for b in box.buttons()}
    box.close()


def test_an_exported_chart_carries_the_contract_and_the_date(qtbot, page):
    settle(qtbot, page)
    texts = [t.get_text() for t in page.status_chart.export_figure().texts]
    assert f"CRTE de Test — situation au {TODAY:%d/%m/%Y}" in texts
    assert all("CRTE de Test" not in t.get_text() for t in page.status_chart.figure.texts)  # not on screen


def test_the_funding_chart_follows_the_chosen_grouping(qtbot, page):
    page.funding_group.setCurrentIndex(page.funding_group.findData("year"))
    labels = [t.get_text() for t in page.funding_chart.figure.axes[0].get_yticklabels()]
    assert labels == ["2021", "2022"]  # 2023 has only a cancelled line
    assert page.funding_chart.file_name == "financements-année"


def test_a_change_in_the_workspace_refreshes_the_page(qtbot, page, sample):
    service = ActionService(page.ctx.store)
    bundle = service.load(sample.actions["2023-1"])
    bundle.action.total_cost = Decimal("30000")
    service.save(bundle)
    qtbot.waitUntil(lambda: values(page)["cost"] == euros("500 000 €"), timeout=10000)
    assert page.tiles["cost"].detail_label.text() == "toutes les actions sont chiffrées"


def test_a_hidden_page_refreshes_when_shown_again(qtbot, page, sample):
    page.hide()
    service = ActionService(page.ctx.store)
    bundle = service.load(sample.actions["2021-1"])
    bundle.action.progress = 100
    service.save(bundle)
    qtbot.wait(50)
    assert values(page)["progress"] == euros("60 %")  # not computed while hidden
    page.show()
    qtbot.waitUntil(lambda: values(page)["progress"] == euros("72 %"), timeout=10000)


def test_a_vanished_filter_value_falls_back_to_all(qtbot, page, sample):
    page.set_filter(year=2023)
    settle(qtbot, page)
    assert values(page)["actions"] == "2"
    service = ActionService(page.ctx.store)
    for ref in ("2023-1", "2023-2"):
        service.delete(sample.actions[ref])
    qtbot.waitUntil(lambda: page.combos["year"].findData(2023) < 0, timeout=10000)
    settle(qtbot, page)
    assert page.filter.year is None and values(page)["actions"] == "4"


def test_models_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.financing_models["scheme"])
    qtmodeltester.check(page.sections_model)
    qtmodeltester.check(page.alerts_model)
    qtmodeltester.check(page.indicators_model)
    qtmodeltester.check(page.financing_views["funder"].model())
