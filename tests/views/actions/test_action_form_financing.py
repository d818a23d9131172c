"""The action form's financing plan: editing lines in the table, live totals, rule messages."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.money import format_amount, format_percent
from crte_desktop.views.actions.tabs.financing_model import FinancingModel
from crte_desktop.views.widgets.list_model import ERROR_BRUSH
from tests.views.actions.test_action_form_fixtures import (choose_in_cell, fw, make_action, open_form,  # noqa: F401
                                                   type_in_cell)

COL = {c.key: i for i, c in enumerate(FinancingModel.COLUMNS)}


def eur(value: str) -> str:
    """"283000" → "283 000,00 €" as the application writes it."""
    return format_amount(Decimal(value))


def num(value: str) -> str:
    return format_amount(Decimal(value), currency=False)


def pct(value: str) -> str:
    return format_percent(Decimal(value))


def financing_form(qtbot, fw, cost="300000"):
    form = open_form(qtbot, fw, make_action(fw, total_cost=Decimal(cost)))
    form.tabs.setCurrentWidget(form.financing)
    return form, form.financing


def add_line(tab, funder: str, scheme: str | None = None) -> int:
    row = tab.add_line()
    choose_in_cell(tab.table, row, COL["funder_id"], funder)
    if scheme:
        choose_in_cell(tab.table, row, COL["scheme_id"], scheme)
    return row


def test_lines_totals_and_80_percent_warning_update_as_you_type(qtbot, fw):
    form, tab = financing_form(qtbot, fw)
    totals = tab.total_values
    assert totals["cost"].text() == eur("300000")
    assert tab.problems.messages() == []

    row = add_line(tab, "État", "DSIL relance")
    line = form.bundle.financing[row]
    assert line.category is FinancingCategory.FRANCE_RELANCE  # the scheme's default category
    assert line.year == 2021  # the year of inscription
    editor = type_in_cell(tab.table, row, COL["planned"], "283 000", commit=False)
    # the editor is still open: the totals already follow the typing
    assert totals[list(totals)[1]].text() == eur("283000")
    assert totals["retained"].text() == eur("283000")
    assert totals["self"].text() == eur("17000")
    assert totals["public_rate"].text() == pct("0.943")
    assert totals["coverage"].text() == pct("0.943")
    assert tab.problems.messages() == [
        f"Les aides publiques atteignent {pct('0.943')} du coût : le maître d'ouvrage public doit participer "
        "à hauteur d'au moins 20 %."]
    assert tab.problems.isVisible()
    assert form.save_button.isEnabled()  # a warning does not block
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert tab.model.index(row, COL["planned"]).data() == num("283000")

    own = add_line(tab, "Autofinancement")
    assert form.bundle.financing[own].scheme_id == fw.scheme_id("Fonds propres du maître d'ouvrage")  # the only one
    type_in_cell(tab.table, own, COL["planned"], "17 000")
    assert totals["retained"].text() == eur("300000")
    assert totals["self"].text() == eur("0")
    assert totals["public_rate"].text() == pct("0.943")  # own funds are not public aid
    assert totals["coverage"].text() == pct("1")

    type_in_cell(tab.table, row, COL["planned"], "200000")
    assert totals["public_rate"].text() == pct("0.6667")
    assert tab.problems.messages() == []

    assert form.save()
    stored = FinancingRepository(fw.store).for_action(form.action_id)
    assert [(l.funder_id, l.planned) for l in stored] == [
        (fw.funder_id("État"), Decimal("200000.00")), (fw.funder_id("Autofinancement"), Decimal("17000.00"))]


def test_bad_amount_text_is_refused_and_the_cell_keeps_its_value(qtbot, fw, digest):
    form, tab = financing_form(qtbot, fw)
    row = add_line(tab, "État", "DSIL")
    type_in_cell(tab.table, row, COL["requested"], "150 000,00")
    assert tab.refusal_message() == ""

    type_in_cell(tab.table, row, COL["requested"], "abc")
    assert tab.refusal_message() == "« abc » n'est pas un montant valide (exemple : 1 234,50 €)."
    assert tab.refusal.isVisible()
    assert tab.model.index(row, COL["requested"]).data() == num("150000")
    assert form.bundle.financing[row].requested == Decimal("150000.00")

    # "12" is read while typing, "12x" is not: the cell goes back to its value when the editor opened
    type_in_cell(tab.table, row, COL["requested"], "12x")
    assert tab.refusal_message() == "« 12x » n'est pas un montant valide (exemple : 1 234,50 €)."
    assert form.bundle.financing[row].requested == Decimal("150000.00")
    assert tab.total_values[list(tab.total_values)[2]].text() == eur("150000")

    type_in_cell(tab.table, row, COL["year"], "deux mille")
    assert tab.refusal_message() == "« deux mille » n'est pas une année valide (exemple : 2024)."
    type_in_cell(tab.table, row, COL["filing_date"], "31/02/2021")
    assert tab.refusal_message() == "« 31/02/2021 » n'est pas une date qui existe."
    type_in_cell(tab.table, row, COL["filing_date"], "15/03/2021")
    assert tab.refusal_message() == ""
    assert tab.model.index(row, COL["filing_date"]).data() == "15/03/2021"

    before = digest(fw.store.path)
    type_in_cell(tab.table, row, COL["granted"], "-5")
    assert tab.model.cell_problem(row, "granted") == "Ligne 1 : le montant accordé ne peut pas être négatif."
    assert tab.model.index(row, COL["granted"]).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "Ligne 1 : le montant accordé ne peut pas être négatif." in tab.problems.messages()
    assert not form.save_button.isEnabled()
    assert form.tabs.tabBar().tabTextColor(1).name() == "#c62828"
    assert not form.save()
    assert digest(fw.store.path) == before


def test_paid_above_granted_marks_the_line_and_blocks_save(qtbot, fw):
    form, tab = financing_form(qtbot, fw)
    add_line(tab, "État", "DSIL relance")
    type_in_cell(tab.table, 0, COL["granted"], "100000")
    second = add_line(tab, "ADEME", "AAP vélo et territoires")
    type_in_cell(tab.table, second, COL["requested"], "60 000")
    type_in_cell(tab.table, second, COL["granted"], "50 000")
    type_in_cell(tab.table, second, COL["paid"], "55 000")
    message = f"Ligne 2 : le montant versé ({eur('55000')}) dépasse le montant accordé ({eur('50000')})."
    assert message in tab.problems.messages()
    assert tab.model.cell_problem(second, "paid") == message
    assert tab.model.index(second, COL["paid"]).data(Qt.ItemDataRole.ToolTipRole) == message
    assert tab.model.cell_problem(0, "paid") is None
    assert not form.save_button.isEnabled()
    assert "1 erreur à corriger" in form.status.text()

    type_in_cell(tab.table, second, COL["paid"], "25 000")
    assert tab.problems.messages() == []
    assert tab.model.cell_problem(second, "paid") is None
    assert form.save_button.isEnabled()


def test_totals_above_cost_and_refused_lines(qtbot, fw):
    form, tab = financing_form(qtbot, fw, cost="100000")
    add_line(tab, "Région", "Aide régionale")
    type_in_cell(tab.table, 0, COL["requested"], "80000")
    type_in_cell(tab.table, 0, COL["granted"], "80000")
    add_line(tab, "Département", "Aide départementale")
    type_in_cell(tab.table, 1, COL["requested"], "40000")
    type_in_cell(tab.table, 1, COL["granted"], "40000")
    assert (f"Le total accordé des financements ({eur('120000')}) dépasse le coût total ({eur('100000')}).")\
        in tab.problems.messages()
    assert not form.save_button.isEnabled()

    choose_in_cell(tab.table, 1, COL["status"], "Refusé")
    assert form.bundle.financing[1].status is FinancingStatus.REFUSE
    assert "Ligne 2 : une demande refusée ne peut pas avoir de montant accordé ou versé." in tab.problems.messages()
    type_in_cell(tab.table, 1, COL["granted"], "")
    assert tab.total_values["retained"].text() == eur("80000")  # a refused line brings nothing
    assert not [m for m in tab.problems.messages() if "accordé" in m]
    assert form.save_button.isEnabled()


def test_funder_change_resets_the_scheme_and_remove_line(qtbot, fw):
    form, tab = financing_form(qtbot, fw)
    row = add_line(tab, "État", "Fonds friches")
    assert tab.model.index(row, COL["category"]).data() == "France Relance"
    choose_in_cell(tab.table, row, COL["funder_id"], "ADEME")
    assert form.bundle.financing[row].scheme_id is None  # Fonds friches is not an ADEME scheme
    editor = choose_scheme_list(tab, row)
    assert editor == ["(aucun)", "Fonds chaleur", "Fonds économie circulaire", "AAP vélo et territoires", "Aide ADEME"]
    choose_in_cell(tab.table, row, COL["scheme_id"], "Fonds chaleur")
    assert tab.model.index(row, COL["category"]).data() == "Crédits valorisés"
    choose_in_cell(tab.table, row, COL["category"], "Crédits contractualisés")
    assert form.bundle.financing[row].category is FinancingCategory.CONTRACTUALISE
    type_in_cell(tab.table, row, COL["decision_ref"], "Convention n° 21-HDF-042 — ADEME")
    assert form.bundle.financing[row].decision_ref == "Convention n° 21-HDF-042 — ADEME"

    add_line(tab, "Commune")
    assert tab.model.rowCount() == 2
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    assert tab.remove_button.isEnabled()
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["Commune"]
    assert form.is_dirty
    assert form.save()
    assert [l.funder_id for l in FinancingRepository(fw.store).for_action(form.action_id)] == [fw.funder_id("Commune")]


def choose_scheme_list(tab, row):
    from tests.views.actions.test_action_form_fixtures import cell_editor

    combo = cell_editor(tab.table, row, COL["scheme_id"])
    labels = [combo.itemText(i) for i in range(combo.count())]
    tab.table.closePersistentEditor(tab.model.index(row, COL["scheme_id"]))
    tab.table.itemDelegate().closeEditor.emit(combo)
    return labels


def test_financing_model_passes_the_model_tester(fw, qtmodeltester):
    from crte_desktop.domain.financing import FinancingLine
    from crte_desktop.domain.rules import check_financing
    from crte_desktop.views.actions.tabs.lookups import Lookups

    model = FinancingModel(Lookups.load(fw.ctx.workspace, fw.contract_id))
    lines = [FinancingLine(None, fw.funder_id("État"), fw.scheme_id("DSIL"), planned=Decimal("1000")),
             FinancingLine(None, fw.funder_id("Région"), paid=Decimal("10"))]
    model.set_rows(lines)
    model.show_problems(check_financing(Decimal("500"), lines, set()))
    assert model.cell_problem(1, "paid") == "Ligne 2 : un montant versé suppose un montant accordé."
    qtmodeltester.check(model, force_py=True)


def test_funder_and_scheme_stay_in_view_while_amounts_are_edited(qtbot, fw):
    """At 1366×768 the table is narrower than its columns: scrolled to « Versé », funder and scheme still show."""
    form, tab = financing_form(qtbot, fw)
    form.resize(900, 700)  # the form's share of a 1366 px window beside the navigation tree
    row = add_line(tab, "État", "DSIL relance")
    type_in_cell(tab.table, row, COL["paid"], "1 000")
    table, frozen = tab.table, tab.table.frozen_view
    index = tab.model.index(row, COL["paid"])
    table.setCurrentIndex(index)
    table.scrollTo(index)
    assert table.horizontalScrollBar().value() > 0  # the table did scroll sideways
    assert frozen.isVisible() and frozen.width() == table.columnWidth(0) + table.columnWidth(1)
    assert [frozen.isColumnHidden(c) for c in range(4)] == [False, False, True, True]
    funder_rect = frozen.visualRect(tab.model.index(row, COL["funder_id"]))
    assert frozen.viewport().rect().contains(funder_rect.center())
    assert table.visualRect(index).left() >= frozen.width()  # the edited cell is not hidden under them
    assert frozen.selectionModel() is table.selectionModel()
    # keyboard left from the first scrolled column brings the hidden column out from under the frozen ones
    table.setCurrentIndex(tab.model.index(row, COL["category"] + 1))
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == COL["category"]
    assert table.visualRect(table.currentIndex()).left() >= frozen.width()
