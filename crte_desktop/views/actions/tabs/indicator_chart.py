"""The small chart of one indicator: its measurements over time against the baseline and target."""

from __future__ import annotations

from datetime import timedelta

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure

from crte_desktop.domain.indicator import Indicator


class IndicatorChart(FigureCanvasQTAgg):
    def __init__(self, parent=None):
        self.figure = Figure(figsize=(5.5, 2.6), dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setMinimumSize(360, 200)
        self.axes = self.figure.add_subplot()
        self.show_indicator(None)

    def show_indicator(self, indicator: Indicator | None) -> None:
        ax = self.axes
        ax.clear()
        ax.tick_params(labelsize=8)
        if indicator is None:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Sélectionnez un indicateur", ha="center", va="center", color="#777777",
                    transform=ax.transAxes)
            self.draw_idle()
            return
        ax.set_axis_on()
        title = indicator.name or "Indicateur sans nom"
        ax.set_title(f"{title} ({indicator.unit})" if indicator.unit else title, fontsize=9, loc="left")
        points = sorted(indicator.measurements, key=lambda m: m.date)
        if points:
            ax.plot([m.date for m in points], [m.value for m in points], marker="o", color="#1565c0",
                    linewidth=1.5, label="Mesures")
        if indicator.baseline is not None:
            ax.axhline(indicator.baseline, color="#757575", linestyle="--", linewidth=1, label="Valeur initiale")
        if indicator.target is not None:
            ax.axhline(indicator.target, color="#2e7d32", linestyle="--", linewidth=1, label="Cible")
        if indicator.due_date is not None:
            ax.axvline(indicator.due_date, color="#2e7d32", linestyle=":", linewidth=1, label="Échéance")
        if not points:
            ax.text(0.5, 0.5, "Aucune mesure", ha="center", va="center", color="#777777", transform=ax.transAxes)
        days = {m.date for m in points} | ({indicator.due_date} if indicator.due_date else set())
        if len(days) == 1:  # a single day: give the axis a span to draw on
            day = days.pop()
            ax.set_xlim(day - timedelta(days=45), day + timedelta(days=45))
        if points or indicator.due_date is not None:
            ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=6))
            ax.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
        else:
            ax.set_xticks([])
        ax.grid(True, color="#e0e0e0", linewidth=0.6)
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:g}".replace(".", ","))
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7, loc="best", frameon=False)
        self.draw_idle()
