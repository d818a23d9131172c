"""LibreOffice, in headless mode, reads the exported workbook: its numbers are the application's, text that
looks like a formula is not run, and a workbook it saved again (formulas computed) imports cleanly."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from tests.excel.conftest import edit, export, set_cell

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")]

ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> str:
    """A LibreOffice profile of our own, so that other instances running meanwhile do not interfere."""
    return tmp_path_factory.mktemp("lo-profile").as_uri()


def soffice(profile: str, target: str, source: Path, outdir: Path) -> None:
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                           "--outdir", str(outdir), str(source)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def tricky(sample):
    """The sample with text a spreadsheet could take for formulas."""
    store, cid = sample
    service = ActionService(store)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2021-2'").fetchone()[0]
    bundle = service.load(aid)
    bundle.action.title = "=1+1"
    bundle.financing[0].comment = '@SUM(1,1) -2+3 =HYPERLINK("http://example.com")'
    service.save(bundle)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2022-1'").fetchone()[0]
    bundle = service.load(aid)
    bundle.action.title = "-10+20"
    service.save(bundle)
    return store, cid


def test_libreoffice_reads_the_applications_numbers_and_runs_no_text(tricky, tmp_path, profile):
    store, cid = tricky
    book = export(store, tmp_path, charts=True)
    out = tmp_path / "csv"
    soffice(profile, ALL_SHEETS_CSV, book, out)
    actions = {r["Référence"]: r for r in read_csv(out / "export-Actions.csv")}
    financing = read_csv(out / "export-Financements.csv")

    service = ActionService(store)
    for ref, row in actions.items():
        aid = store.conn.execute("SELECT id FROM action WHERE reference = ?", (ref,)).fetchone()[0]
        a = service.load(aid).action
        cost = row["Coût total (€)"]
        assert (Decimal(cost) if cost else None) == a.total_cost, ref
        assert row["Avancement (%)"] == f"{a.progress}%", ref
    assert actions["2021-2"]["Intitulé"] == "=1+1"
    assert actions["2022-1"]["Intitulé"] == "-10+20"

    ids = [r[0] for r in store.conn.execute("SELECT id FROM action WHERE contract_id = ?", (cid,))]
    assert len(financing) == sum(len(service.load(aid).financing) for aid in ids)
    sums = [sum(Decimal(r[h] or 0) for r in financing) for h in
            ("Montant prévisionnel (€)", "Montant sollicité (€)", "Montant accordé (€)", "Montant versé (€)")]
    assert sums == [Decimal("500000.25"), Decimal("300000"), Decimal("250000"), Decimal("100000")]
    assert any(r["Commentaire"] == '@SUM(1,1) -2+3 =HYPERLINK("http://example.com")' for r in financing)

    summary = (out / "export-Synthèse.csv").read_text(encoding="utf-8")
    assert "Nombre d'actions,3" in summary and "Tableau de bord — CRTE du Test" in summary


def test_workbook_saved_again_by_libreoffice_imports_without_changes(tricky, tmp_path, profile):
    store, cid = tricky
    book = export(store, tmp_path)
    out = tmp_path / "resaved"
    soffice(profile, "xlsx", book, out)
    plan = plan_import(store, out / "export.xlsx")
    assert plan.problems == [] and plan.changes == []


def test_formula_typed_by_a_partner_is_computed_by_libreoffice_then_imported(tricky, tmp_path, profile):
    store, cid = tricky
    book = export(store, tmp_path)
    edited = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Coût total (€)", "=250000+0.5+1000"))
    out = tmp_path / "resaved"
    soffice(profile, "xlsx", edited, out)
    plan = plan_import(store, out / edited.name)
    assert plan.problems == []
    [change] = plan.changes
    assert (change.column, change.new) == ("Coût total (€)", "251\u00a0000,50\u00a0€")
    apply_import(store, plan)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2021-2'").fetchone()[0]
    assert ActionService(store).load(aid).action.total_cost == Decimal("251000.50")


def test_libreoffice_opens_every_sheet_for_printing(tricky, tmp_path, profile):
    store, cid = tricky
    book = export(store, tmp_path, charts=True)
    soffice(profile, "pdf", book, tmp_path / "pdf")
    from pypdf import PdfReader

    pages = PdfReader(tmp_path / "pdf" / "export.pdf").pages
    assert len(pages) >= 5  # summary and charts, then one page per data sheet (the hidden ones are not printed)
    text = "\n".join(p.extract_text() for p in pages)
    assert "Tableau de bord — CRTE du Test" in text and "Piscine intercommunale" in text
    assert "Identifiant (ne pas modifier)" not in text
