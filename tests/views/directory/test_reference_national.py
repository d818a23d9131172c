"""Reference data since 2023 through the real dialog: Fonds vert mesures (add, refuse, undo), the schemes'
lapse delay, the SGPE levers with their source; and the organisation form's SIREN / INSEE fields."""

import pytest
from PySide6.QtCore import Qt

from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.reference.reference_dialog import ReferenceDialog
from tests.views.directory.test_directory_reference import column, select


@pytest.fixture
def dialog(ctx, qtbot):
    d = ReferenceDialog(ctx)
    qtbot.addWidget(d)
    d.resize(1000, 640)
    d.show()
    return d


def test_mesures_seeded_added_refused_and_undone(dialog, qtbot, ctx):
    tab = dialog.mesures
    assert "Rénovation énergétique des bâtiments publics locaux" in column(tab.table)
    assert "circulaire du 28 décembre 2022" in tab.source.text()
    before = column(tab.table)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    tab.name.setText("recyclage des friches")
    assert tab.errors.text("name") == "La mesure « recyclage des friches » existe déjà."
    assert not tab.save_button.isEnabled()
    tab.name.setText("Mobilités durables en milieu rural")
    tab.first_year.setValue(2025)
    tab.last_year.setValue(2024)
    assert "précède la première année" in tab.errors.text("last_year")
    tab.last_year.setValue(2026)
    assert tab.save()
    assert column(tab.table) == before + ["Mobilités durables en milieu rural"]
    assert column(tab.table, 2)[-1] == "2025–2026"
    ctx.undo_stack.undo()
    assert column(tab.table) == before


def test_scheme_lapse_delay(dialog, ctx):
    tab = dialog.funders
    assert column(tab.schemes, 2)[column(tab.schemes).index("DETR")] == "24 mois"
    select(tab.schemes, "DETR")
    assert tab.scheme_lapse.value() == 24
    tab.scheme_lapse.setValue(36)
    assert tab.save_scheme()
    detr = next(s for s in DirectoryService(ctx.store).schemes() if s.name == "DETR")
    assert detr.lapse_months == 36


def test_levers_listed_with_their_source(dialog):
    tab = dialog.levers
    assert tab.list.count() == 50
    assert "50_leviers_SGPE_03_2025.csv" in tab.source.text()
    tab.search.setText("chaleur")
    visible = [tab.list.item(r).text() for r in range(tab.list.count()) if not tab.list.item(r).isHidden()]
    assert visible == ["Réseaux de chaleur décarbonés"]
