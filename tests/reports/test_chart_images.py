"""A chart placed in a document keeps every word: a title longer than the plot is not cut at the figure's edge."""

from __future__ import annotations

from matplotlib.figure import Figure

from crte_desktop.reports.chart_images import chart_image


def _figure(title: str) -> Figure:
    fig = Figure(figsize=(6, 2), dpi=96, layout="constrained")
    ax = fig.add_subplot()
    ax.barh([0, 1], [10, 20])
    ax.set_yticks([0, 1], ["Une section au nom très long du contrat", "Une autre"])
    ax.set_title(title, loc="left")
    return fig


def test_a_title_running_past_the_figure_widens_the_image_instead_of_being_cut():
    short = chart_image(_figure("Avancement"), dpi=100)
    long = chart_image(_figure("Avancement pondéré par le coût, par section, hachures comprises, pour toutes les sections"), dpi=100)
    assert long.width_px > short.width_px
    assert long.width_px > 6 * 100  # wider than the 6-inch figure: the end of the title is in the picture
    assert long.png.startswith(b"\x89PNG") and long.dpi == 100


def test_css_size_is_the_natural_size_at_96_dpi():
    image = chart_image(_figure("Titre"), dpi=192)
    width, height = image.css_size
    assert width == image.width_px / 2 and height == image.height_px / 2
