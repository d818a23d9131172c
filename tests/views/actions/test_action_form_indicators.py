"""The action form's indicators (with measurements and chart) and environmental assessment."""

from datetime import date

from PySide6.QtCore import Qt

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.domain.enums import Rating, TaxonomyObjective
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.views.actions.tabs.indicator_models import IndicatorModel, MeasurementModel
from crte_desktop.domain.numbers import format_number, parse_number
from tests.views.actions.test_action_form_fixtures import fw, make_action, open_form, type_in_cell, type_text  # noqa: F401

IND = {c.key: i for i, c in enumerate(IndicatorModel.COLUMNS)}
MES = {c.key: i for i, c in enumerate(MeasurementModel.COLUMNS)}


def test_add_indicator_with_measurements_and_chart(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    tab = form.indicators
    form.tabs.setCurrentWidget(tab)
    assert not tab.add_measurement_button.isEnabled()  # no indicator yet

    qtbot.mouseClick(tab.add_indicator_button, Qt.MouseButton.LeftButton)
    assert form.errors()[0].message == "Le nom de l'indicateur est obligatoire."
    assert not form.save_button.isEnabled()
    assert "Le nom de l'indicateur est obligatoire." in tab.problems.messages()

    type_in_cell(tab.indicator_table, 0, IND["name"], "Linéaire aménagé")
    type_in_cell(tab.indicator_table, 0, IND["unit"], "km")
    type_in_cell(tab.indicator_table, 0, IND["baseline"], "0")
    type_in_cell(tab.indicator_table, 0, IND["target"], "48,5")
    type_in_cell(tab.indicator_table, 0, IND["due_date"], "31/12/2023")
    assert form.save_button.isEnabled()
    assert tab.measure_box.title() == "Mesures de « Linéaire aménagé »"

    type_in_cell(tab.indicator_table, 0, IND["target"], "beaucoup")
    assert tab.refusal_message() == "« beaucoup » n'est pas un nombre valide (exemple : 1 234,5)."
    assert form.bundle.indicators[0].target == 48.5

    qtbot.mouseClick(tab.add_measurement_button, Qt.MouseButton.LeftButton)
    assert form.bundle.indicators[0].measurements[0].date == date(2024, 6, 15)  # today
    type_in_cell(tab.measurement_table, 0, MES["date"], "01/06/2022")
    type_in_cell(tab.measurement_table, 0, MES["value"], "12,5")
    type_in_cell(tab.measurement_table, 0, MES["comment"], "Première tranche réceptionnée")
    qtbot.mouseClick(tab.add_measurement_button, Qt.MouseButton.LeftButton)
    type_in_cell(tab.measurement_table, 1, MES["value"], "31")
    assert tab.indicators.index(0, IND["latest"]).data() == "31 (15/06/2024)"
    assert tab.indicators.index(0, IND["achievement"]).data() == "64\u00a0%"

    line = tab.chart.axes.lines[0]
    assert list(line.get_ydata()) == [12.5, 31.0]
    assert {l.get_label() for l in tab.chart.axes.lines} == {"Mesures", "Valeur initiale", "Cible", "Échéance"}

    type_in_cell(tab.measurement_table, 1, MES["date"], "01/06/2022")  # same date twice
    assert "L'indicateur « Linéaire aménagé » a deux mesures à la même date." in tab.problems.messages()
    assert not form.save_button.isEnabled()
    type_in_cell(tab.measurement_table, 1, MES["date"], "")
    assert tab.refusal_message() == "La date de la mesure est obligatoire."
    type_in_cell(tab.measurement_table, 1, MES["date"], "01/03/2023")
    assert form.save_button.isEnabled()

    assert form.save()
    stored = IndicatorRepository(fw.store).for_action(form.action_id)
    assert [(i.name, i.unit, i.baseline, i.target, i.due_date) for i in stored] == [
        ("Linéaire aménagé", "km", 0.0, 48.5, date(2023, 12, 31))]
    assert [(m.date, m.value, m.comment) for m in stored[0].measurements] == [
        (date(2022, 6, 1), 12.5, "Première tranche réceptionnée"), (date(2023, 3, 1), 31.0, "")]


def test_remove_measurement_and_indicator(qtbot, fw):
    service = fw.ctx.workspace.actions
    action_id = make_action(fw)
    bundle = service.load(action_id)
    bundle.indicators = [
        Indicator(fw.contract_id, "Linéaire aménagé", "km", 0, 48, measurements=[
            Measurement(date(2022, 1, 10), 8), Measurement(date(2023, 6, 1), 31)]),
        Indicator(fw.contract_id, "Fréquentation", "passages/j", 0, 400)]
    service.save(bundle)
    form = open_form(qtbot, fw, action_id)
    tab = form.indicators
    assert tab.current_indicator().name == "Linéaire aménagé"
    tab.measurement_table.setCurrentIndex(tab.measurements.index(1, 0))
    qtbot.mouseClick(tab.remove_measurement_button, Qt.MouseButton.LeftButton)
    assert tab.indicators.index(0, IND["latest"]).data() == "8 (10/01/2022)"
    tab.indicator_table.setCurrentIndex(tab.indicators.index(1, 0))
    assert tab.chart.axes.get_title(loc="left") == "Fréquentation (passages/j)"
    qtbot.mouseClick(tab.remove_indicator_button, Qt.MouseButton.LeftButton)
    assert form.save()
    stored = IndicatorRepository(fw.store).for_action(action_id)
    assert [i.name for i in stored] == ["Linéaire aménagé"]
    assert [m.value for m in stored[0].measurements] == [8.0]


def test_assessment_ratings_and_comments(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw))
    tab = form.assessment
    form.tabs.setCurrentWidget(tab)
    combo = tab.ratings[TaxonomyObjective.MITIGATION]
    assert combo.currentText() == "Non évalué"
    combo.setCurrentIndex(combo.findText("Favorable"))
    tab.comments[TaxonomyObjective.MITIGATION].setFocus()
    type_text(tab.comments[TaxonomyObjective.MITIGATION], "Report modal de la voiture vers le vélo")
    water = tab.ratings[TaxonomyObjective.WATER]
    water.setCurrentIndex(water.findText("Défavorable"))
    assert form.is_dirty
    assert form.save()
    stored = {a.objective: a for a in ActionRepository(fw.store).assessment(form.action_id)}
    assert stored[TaxonomyObjective.MITIGATION].rating is Rating.FAVOURABLE
    assert stored[TaxonomyObjective.MITIGATION].comment == "Report modal de la voiture vers le vélo"
    assert stored[TaxonomyObjective.WATER].rating is Rating.UNFAVOURABLE
    assert stored[TaxonomyObjective.BIODIVERSITY].rating is Rating.NOT_ASSESSED


def test_numbers_read_and_written_the_french_way():
    assert parse_number("1 234,5") == 1234.5
    assert parse_number("1234.5") == 1234.5
    assert parse_number("  ") is None
    assert parse_number("-3") == -3
    for bad in ("abc", "1,2,3", "1.234,5", "12 km"):
        try:
            parse_number(bad)
        except ValueError as exc:
            assert "n'est pas un nombre valide" in str(exc)
        else:
            raise AssertionError(bad)
    assert format_number(1234.5) == "1\u00a0234,5"
    assert format_number(48.0) == "48"
    assert format_number(-0.25) == "-0,25"
    assert format_number(None) == ""


def test_indicator_models_pass_the_model_tester(qtmodeltester):
    indicator = Indicator(1, "Linéaire aménagé", "km", 0, 48, measurements=[Measurement(date(2022, 1, 10), 8)])
    model = IndicatorModel()
    model.set_rows([indicator, Indicator(1, "", "")])
    qtmodeltester.check(model, force_py=True)
    measurements = MeasurementModel()
    measurements.set_rows(indicator.measurements)
    qtmodeltester.check(measurements, force_py=True)
