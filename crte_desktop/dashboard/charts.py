"""The dashboard's charts as matplotlib figures (object-oriented API, no pyplot state).

The same functions serve the window (embedded in a FigureCanvasQTAgg), the PNG export, the workbook and the
meeting pack. Each returns a ``matplotlib.figure.Figure`` sized for reading at 96 dpi.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FuncFormatter, MaxNLocator

from crte_desktop.dashboard.formatting import format_compact_amount, format_count
from crte_desktop.dashboard.model import SectionProgress, StageSums, StatusCount
from crte_desktop.domain.enums import Stage
from crte_desktop.reports.files import write_bytes

DPI = 96
EXPORT_DPI = 150
STAGE_COLORS = {Stage.PLANNED: "#b0bec5", Stage.REQUESTED: "#64b5f6", Stage.GRANTED: "#43a047",
                Stage.PAID: "#1b5e20"}
PROGRESS_COLOR = "#1e88e5"
TEXT_COLOR = "#263238"
GRID_COLOR = "#e0e0e0"
_FONT = {"font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold"}


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained", facecolor="white")
    return fig


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#90a4ae")
    ax.spines["bottom"].set_color("#90a4ae")
    ax.tick_params(colors=TEXT_COLOR, labelsize=9)
    ax.set_axisbelow(True)


def _empty(ax, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", color="#78909c", fontsize=10, transform=ax.transAxes)


def _wrap(label: str, width: int = 38, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder="…")) or label


def _euros(cents: int) -> float:
    return cents / 100  # a drawing coordinate, never an amount kept or summed


AMOUNT_AXIS = FuncFormatter(lambda x, _pos: format_compact_amount(round(x)))


def funding_figure(rows: Sequence[StageSums], title: str = "Financements par financeur et par étape",
                   stages: Sequence[Stage] = tuple(Stage), width: float = 8.0) -> Figure:
    """Grouped horizontal bars: one group per row (funder, scheme, year…), one bar per stage."""
    rows = [r for r in rows if any(getattr(r, s.value) for s in stages)]
    fig = _figure(width, 1.3 + (0.15 * len(stages) + 0.2) * max(len(rows), 1))
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", color=TEXT_COLOR, fontsize=11, fontweight="bold", pad=24)
    if not rows:
        _empty(ax, "Aucun financement pour ces filtres.")
        return fig
    _style(ax)
    band = 0.8 / len(stages)
    top = max(_euros(getattr(r, s.value)) for r in rows for s in stages) or 1.0
    for j, stage in enumerate(stages):
        ys = [i - 0.4 + band * (j + 0.5) for i in range(len(rows))]
        values = [_euros(getattr(r, stage.value)) for r in rows]
        bars = ax.barh(ys, values, height=band * 0.92, color=STAGE_COLORS[stage], label=stage.label)
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2,
                        format_compact_amount(round(value)), va="center", ha="left", fontsize=7.5, color=TEXT_COLOR)
    ax.set_yticks(range(len(rows)), [_wrap(r.label, 24) for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.16)
    ax.xaxis.set_major_formatter(AMOUNT_AXIS)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.grid(axis="x", color=GRID_COLOR)
    # at the top, under the title: a tall chart scrolls in the window, and its legend must be seen with its first bars
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.3, borderpad=0, fontsize=8.5, frameon=False,
              ncols=len(stages))
    return fig


def progress_figure(sections: Sequence[SectionProgress],
                    title: str = "Avancement pondéré par le coût, par section", width: float = 8.0) -> Figure:
    """Horizontal bars 0–100 %: the cost-weighted progress of each section; a section whose actions have no
    known cost shows the plain mean of their progress, hatched."""
    sections = [s for s in sections if s.count]
    fig = _figure(width, 1.2 + 0.42 * max(len(sections), 1))
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", color=TEXT_COLOR, fontsize=11, fontweight="bold")
    if not sections:
        _empty(ax, "Aucune action pour ces filtres.")
        return fig
    _style(ax)
    any_average = False
    for i, s in enumerate(sections):
        value = s.weighted if s.weighted is not None else s.average or 0.0
        plain = s.weighted is None
        any_average |= plain
        ax.barh(i, 100, height=0.62, color="#eceff1")
        ax.barh(i, value, height=0.62, color="white" if plain else PROGRESS_COLOR,
                edgecolor=PROGRESS_COLOR, hatch="///" if plain else None, linewidth=0.8 if plain else 0)
        ax.text(min(value, 100) + 1.5, i, f"{value:.0f}\u00a0%", va="center", ha="left", fontsize=8.5,
                color=TEXT_COLOR)
    labels = [_wrap(s.label, 56, 1) for s in sections]
    ax.set_yticks(range(len(sections)), labels)
    for tick, s in zip(ax.get_yticklabels(), sections, strict=True):
        if s.depth == 0:
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100], ["0\u00a0%", "25\u00a0%", "50\u00a0%", "75\u00a0%", "100\u00a0%"])
    ax.grid(axis="x", color=GRID_COLOR)
    if any_average:
        ax.set_xlabel("Hachuré : moyenne simple, aucune action de la section n'ayant de coût connu.",
                      fontsize=8, color="#607d8b", loc="left")
    return fig


def status_figure(statuses: Sequence[StatusCount], title: str = "Actions par statut", width: float = 5.2) -> Figure:
    """A donut of the actions by status, in the statuses' colours, the total in the middle."""
    shown = [s for s in statuses if s.count]
    fig = _figure(width, 3.4)
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", color=TEXT_COLOR, fontsize=11, fontweight="bold")
    total = sum(s.count for s in shown)
    if not total:
        _empty(ax, "Aucune action pour ces filtres.")
        return fig
    wedges, _ = ax.pie([s.count for s in shown], colors=[s.color for s in shown], startangle=90, counterclock=False,
                       wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 1.5})
    ax.text(0, 0, f"{format_count(total)}\naction{'s' if total > 1 else ''}", ha="center", va="center", fontsize=12,
            fontweight="bold", color=TEXT_COLOR)
    fig.legend(wedges, [f"{s.label} ({format_count(s.count)})" for s in shown], loc="outside right center", frameon=False,
               fontsize=9)
    ax.set_aspect("equal")
    return fig


def stamp(fig: Figure, text: str) -> Figure:
    """Write ``text`` (the contract and the date: "CRTE du Douaisis — situation au 04/12/2026") at the foot of
    the figure, so that an image taken out of the application still says what it shows and when."""
    if text:
        fig.text(0.995, 0.004, text, ha="right", va="bottom", fontsize=7.5, color="#607d8b")
        engine = fig.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(h_pad=0.12)
    return fig


# -- output ------------------------------------------------------------------------------------------

def png_bytes(fig: Figure, dpi: int = EXPORT_DPI) -> bytes:
    """The figure as PNG (for the workbook or a PDF)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def save_png(fig: Figure, path: Path | str, dpi: int = EXPORT_DPI) -> Path:
    """Write the figure as a PNG file, whole or not at all (written beside, then renamed).
    Raises DomainError with the French reason when the file cannot be written."""
    return write_bytes(path, png_bytes(fig, dpi))
