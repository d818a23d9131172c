"""The dashboard's charts: matplotlib figures that render to PNG, whatever the data."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from matplotlib.figure import Figure

from crte_desktop.dashboard import charts
from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.formatting import format_compact_amount
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.domain.errors import DomainError
from tests.dashboard.sample import TODAY, build_sample

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def dashboard(workspace):
    sample = build_sample(workspace)
    return compute_dashboard(workspace, DashboardFilter(sample.contract_id), TODAY)


@pytest.mark.parametrize("value, text", [
    (0, "0 €"), (950, "950 €"), (999.6, "1 k€"), (9500, "9,5 k€"), (350_000, "350 k€"), (999_999, "1 M€"),
    (1_200_000, "1,2 M€"), (Decimal("16546179.90"), "16,5 M€"), (149_200_000, "149 M€"), (2_000_000_000, "2 Md€"),
    (-350_000, "-350 k€"), (None, ""),
])
def test_compact_amounts(value, text):
    assert format_compact_amount(value) == text.replace(" ", "\u00a0")


def test_the_three_charts_render_to_png(dashboard, tmp_path):
    out = tmp_path / "png"
    out.mkdir()
    figures = {
        "financeurs": charts.funding_figure(dashboard.financing["funder"]),
        "avancement": charts.progress_figure(dashboard.sections),
        "statuts": charts.status_figure(dashboard.statuses),
    }
    for name, fig in figures.items():
        assert isinstance(fig, Figure)
        path = charts.save_png(fig, out / f"{name}.png")
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 15_000, name
    assert sorted(p.name for p in out.iterdir()) == ["avancement.png", "financeurs.png", "statuts.png"]


def test_charts_carry_french_labels(dashboard):
    fig = charts.funding_figure(dashboard.financing["funder"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["État", "Région", "Autofinancement"]
    legend = ax.get_legend()  # above the bars, under the title: seen without scrolling
    assert [t.get_text() for t in legend.get_texts()] == ["Prévisionnel", "Sollicité", "Accordé", "Versé"]
    fig.canvas.draw()
    assert legend.get_window_extent().y0 >= ax.get_window_extent().y1
    assert legend.get_window_extent().y1 <= ax.title.get_window_extent().y0 + 1
    assert "220\u00a0k€" in [t.get_text() for t in ax.texts]
    fig = charts.status_figure(dashboard.statuses)
    assert "En retard (1)" in [t.get_text() for t in fig.legends[0].get_texts()]
    fig = charts.progress_figure(dashboard.top_sections)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "1 Transition écologique", "2 Cohésion territoriale", "(sans section)"]
    assert "Hachuré" in fig.axes[0].get_xlabel()


def test_charts_of_nothing_say_so(tmp_path):
    for fig in (charts.funding_figure([]), charts.progress_figure([]), charts.status_figure([])):
        assert "Aucun" in " ".join(t.get_text() for t in fig.axes[0].texts)
        assert charts.png_bytes(fig).startswith(PNG)


def test_a_failed_export_leaves_nothing(dashboard, tmp_path):
    out = tmp_path / "png"
    out.mkdir()
    (out / "x.png").mkdir()  # a folder where the file should go
    with pytest.raises(DomainError, match="est un dossier"):
        charts.save_png(charts.status_figure(dashboard.statuses), out / "x.png")
    assert [p.name for p in out.iterdir()] == ["x.png"] and (out / "x.png").is_dir()


def test_the_service_layers_do_not_load_qt():
    code = ("import sys; import crte_desktop.dashboard.compute, crte_desktop.dashboard.charts, "
            "crte_desktop.db.queries.dashboard; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'matplotlib.pyplot', 'matplotlib.backends.backend_qt'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
