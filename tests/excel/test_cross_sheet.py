"""The « Tableaux croisés » sheet of the dashboard workbook: real numbers with totals, ignored by the re-import."""

from __future__ import annotations

from openpyxl import load_workbook

from crte_desktop.excel.export import export_workbook
from crte_desktop.excel.import_diff import plan_import


def test_the_workbook_carries_the_cross_tables_and_the_reimport_ignores_them(sample, tmp_path):
    store, cid = sample
    out = export_workbook(store, tmp_path / "classeur.xlsx", cid, charts=False).path
    wb = load_workbook(out)
    assert wb.sheetnames[:6] == ["Synthèse", "Actions", "Financements", "Indicateurs", "Tableaux croisés",
                                 "Parts vertes"]
    rows = [[c for c in r if c is not None] for r in wb["Tableaux croisés"].iter_rows(values_only=True)]
    titles = [r[0] for r in rows if r and isinstance(r[0], str) and r[0].startswith("Montants")]
    assert titles == ["Montants accordés par année et par territoire EPCI",
                      "Montants versés par année et par territoire EPCI",
                      "Montants accordés par dispositif et par année"]
    totals = [r for r in rows if r and r[0] == "TOTAL"]
    assert len(totals) == 3
    # each TOTAL row ends with the grand total, the sum of the other totals of its row
    for r in totals:
        assert abs(sum(r[1:-1]) - r[-1]) < 0.005
    plan = plan_import(store, out)
    assert not [w for w in plan.warnings if w.sheet in ("Tableaux croisés", "Parts vertes")]
