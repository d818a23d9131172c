"""The safety scenarios of ``crte-desktop bench`` run and report against their budgets (small scale here)."""

from crte_desktop.bench.generator import generate
from crte_desktop.bench.safety_bench import VERSIONS_LISTED, measure, run_safety_bench


def test_safety_scenarios_measure_and_report(tmp_path):
    path = tmp_path / "banc.crte"
    generate(path, 200)
    m = measure(path)
    assert m["versions"] == VERSIONS_LISTED
    assert 0 < m["snapshot_s"] < 5 and 0 < m["listing_s"] < 1 and 0 < m["open_s"] < 5
    lines = run_safety_bench(path)
    assert len(lines) == 3 and "Liste des versions (60 versions" in lines[1]
    assert [p.name for p in tmp_path.iterdir()] == ["banc.crte"]  # measured on a copy
