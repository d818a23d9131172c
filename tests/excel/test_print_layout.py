"""The workbook prints legibly: data sheets at a readable scale with columns sized to their contents and
long texts wrapped in rows tall enough; the displayed status « En retard » beside the stored one; alerts
whole; one chart per half page. Checked in the file, then on the pages LibreOffice prints."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from crte_desktop.domain.enums import ActionStatus
from crte_desktop.excel.export import export_workbook
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from crte_desktop.excel.synthese import HALF_PAGE_PX
from tests.excel.conftest import D, add_action, edit

LONG_TITLE = ("Requalification complète de la friche industrielle Sainte-Catherine en quartier mixte de logements, "
              "commerces de proximité et équipements publics, avec dépollution des sols")
TODAY = date(2024, 6, 15)


@pytest.fixture
def book(sample, tmp_path):
    store, cid = sample
    add_action(store, cid, "2023-1", LONG_TITLE, status=ActionStatus.EN_COURS, progress=20,
               start_date=date(2022, 1, 1), end_date=date(2023, 12, 31), total_cost=D("4500000.00"))
    out = tmp_path / "classeur.xlsx"
    export_workbook(store, out, cid, today=TODAY, charts=True)
    return out


def column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def row_of(ws, reference: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == reference)


def test_late_actions_show_en_retard_beside_their_stored_status(book):
    ws = openpyxl.load_workbook(book)["Actions"]
    situation, status = column(ws, "Situation"), column(ws, "Statut")
    assert situation == status - 1
    late = row_of(ws, "2023-1")
    assert (ws.cell(late, situation).value, ws.cell(late, status).value) == ("En retard", "En cours")
    on_time = row_of(ws, "2021-1")
    assert ws.cell(on_time, situation).value == ws.cell(on_time, status).value == "En cours"


def test_long_text_wraps_in_a_row_tall_enough_and_columns_fit_their_contents(book):
    ws = openpyxl.load_workbook(book)["Actions"]
    r = row_of(ws, "2023-1")
    title = ws.cell(r, column(ws, "Intitulé"))
    assert title.value == LONG_TITLE and title.alignment.wrap_text
    width = ws.column_dimensions["B"].width
    lines_needed = len(LONG_TITLE) / (width * 1.2)
    assert ws.row_dimensions[r].height >= 15 * lines_needed
    assert ws.row_dimensions[row_of(ws, "2021-2")].height in (None, 15)  # a short title keeps one line
    assert ws.column_dimensions["A"].width <= 12  # « 2021-1 »: narrower than its 13-character maximum
    assert 20 <= width <= 42


def test_alerts_are_whole_and_charts_one_per_half_page(book):
    ws = openpyxl.load_workbook(book)["Synthèse"]
    texts = [c.value for row in ws.iter_rows(max_col=1) for c in row if isinstance(c.value, str)]
    alert = next(t for t in texts if t.startswith("2023-1 — "))
    assert not alert.endswith("…") and LONG_TITLE in alert
    merged = {str(m) for m in ws.merged_cells.ranges}
    alert_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == alert)
    assert f"A{alert_row}:F{alert_row}" in merged and ws.cell(alert_row, 1).alignment.wrap_text
    images = sorted(ws._images, key=lambda i: i.anchor._from.row)
    assert len(images) == 3
    emu_per_px = 9525
    assert all(i.anchor.ext.height / emu_per_px <= HALF_PAGE_PX for i in images)  # as shown, not as stored
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    starts = [i.anchor._from.row for i in images]
    for page_start, page_end in zip(breaks, breaks[1:] + [10 ** 6]):
        assert sum(page_start <= s < page_end for s in starts) <= 2


def test_a_workbook_exported_before_the_situation_column_imports_unchanged(sample, book):
    store, _cid = sample
    old = edit(book, lambda wb: wb["Actions"].delete_cols(column(wb["Actions"], "Situation")), "ancien.xlsx")
    plan = plan_import(store, old)
    assert plan.changes == [] and plan.errors == []
    apply_import(store, plan)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_prints_the_actions_at_a_readable_scale(book, tmp_path):
    from pypdf import PdfReader

    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(book)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "classeur.pdf").pages]
    actions = [t for t in pages if "Référence" in t and "Intitulé" in t and "Situation" in t]
    assert actions, "the Actions sheet is printed with its header"
    assert "En retard" in actions[0] and "Requalification complète de la friche" in actions[0]
    summary = " ".join(pages[:3])
    assert "avec dépollution des sols : date de fin dépassée" in summary  # the alert, not cut
