"""The workbook benchmark at a small scale: it reports both figures and ratios, and the unchanged workbook
re-imports without a difference."""

from crte_desktop.bench.excel_bench import run_excel_bench
from crte_desktop.bench.generator import generate
from tests.conftest import file_digest


def test_excel_bench_reports_figures_and_ratios(tmp_path):
    path = tmp_path / "banc.crte"
    generate(path, 40)
    before = file_digest(path)
    lines = run_excel_bench(path, repeat=1)
    text = "\n".join(lines)
    assert lines[0].startswith("Classeur du contrat « ") and "cellules remplies" in text
    assert "Export du classeur : " in text and "rapport " in text and "(budget 1,5)" in text
    assert "valeurs nues sans format" in text
    assert "Réimport du classeur inchangé : " in text and "(budget 2,0)" in text
    assert "Attention" not in text
    assert file_digest(path) == before  # an unchanged workbook writes nothing
