"""The dashboard's « Tableau croisé » tab: choosing dimensions and stage, totals, the page's filters, export."""

from __future__ import annotations

from openpyxl import load_workbook

from crte_desktop.domain.enums import Stage
from tests.views.dashboard.test_dashboard_page import ctx, euros, page, sample, settle  # noqa: F401


def shown(tab):
    return [r.cells for r in tab.model.rows], [c.header for c in tab.model.columns]


def wait(qtbot, page):
    settle(qtbot, page)
    qtbot.waitUntil(lambda: not page.cross_tab.busy, timeout=10000)


def choose(qtbot, page, rows=None, columns=None, stage=None):
    tab = page.cross_tab
    for combo, value in ((tab.rows_combo, rows), (tab.columns_combo, columns), (tab.stage_combo, stage)):
        if value is not None:
            combo.setCurrentIndex(combo.findData(value))
    wait(qtbot, page)


def test_year_by_funder_granted_with_totals(qtbot, page):
    choose(qtbot, page, "year", "funder", Stage.GRANTED.value)
    rows, headers = shown(page.cross_tab)
    assert headers == ["Année", "État", "Région", "Total"]
    assert rows == [["2021", *map(euros, ["130 000,00 €", "70 000,00 €", "200 000,00 €"])],
                    ["2022", "—", *map(euros, ["10 000,00 €", "10 000,00 €"])],
                    ["TOTAL", *map(euros, ["130 000,00 €", "80 000,00 €", "210 000,00 €"])]]
    assert page.cross_tab.title.text() == "Montants accordés par année et par financeur"


def test_the_page_filters_narrow_the_table_and_same_dimensions_are_refused(qtbot, page, sample):
    choose(qtbot, page, "territory", "year", Stage.PAID.value)
    page.set_filter(year=2021)
    wait(qtbot, page)
    rows, headers = shown(page.cross_tab)
    assert headers == ["Territoire EPCI", "2021", "Total"]
    assert rows[-1] == ["TOTAL", *map(euros, ["145 000,00 €", "145 000,00 €"])]
    choose(qtbot, page, columns="territory")
    assert page.cross_tab.message.text() == "Choisissez deux dimensions différentes pour les lignes et les colonnes."
    assert not page.cross_tab.export_button.isEnabled()


def test_export_writes_the_table_to_a_workbook(qtbot, page, tmp_path):
    choose(qtbot, page, "year", "funder", Stage.GRANTED.value)
    out = page.cross_tab.export(str(tmp_path / "croise.xlsx"))
    assert out and "croise.xlsx" in page.cross_tab.message.text()
    ws = load_workbook(out)["Tableaux croisés"]
    values = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    assert ["Année", "État", "Région", "Total"] in values
    assert ["TOTAL", 130000, 80000, 210000] in values
    assert page.cross_tab.export(str(tmp_path / "croise.txt")) is None
    assert "extension .xlsx" in page.cross_tab.message.text()
