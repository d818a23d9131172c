"""The pack benchmark runs on a copy: the benchmark workspace is never modified."""

from __future__ import annotations

import pytest

from crte_desktop.bench.generator import generate
from crte_desktop.bench.pack_bench import run_pack_bench

pytestmark = pytest.mark.usefixtures("qapp")


def test_pack_bench_reports_time_and_pages_and_leaves_the_workspace_alone(tmp_path, digest):
    path = tmp_path / "banc.crte"
    generate(path, 80)
    before = digest(path)
    lines = run_pack_bench(path, items=30)
    assert len(lines) == 1
    assert lines[0].startswith("Dossier de séance (30 points, 30 fiches actions, ")
    assert "< 5 s" in lines[0] and lines[0].split()[-1] in ("OK", "DÉPASSÉ")
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["banc.crte"]


def test_pack_bench_fits_a_small_workspace(tmp_path, digest):
    path = tmp_path / "petit.crte"
    generate(path, 10)
    before = digest(path)
    line, = run_pack_bench(path)
    points = int(line.removeprefix("Dossier de séance (").split()[0])
    assert 1 <= points <= 10 and f"{points} fiches actions" in line
    assert digest(path) == before

