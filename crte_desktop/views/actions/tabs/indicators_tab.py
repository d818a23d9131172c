"""Tab "Indicateurs": the action's indicators, the measurements of the selected one, and its chart."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from crte_desktop.domain.errors import Problem
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.widgets.cell_delegate import EDIT_TRIGGERS, CellDelegate
from crte_desktop.views.actions.tabs.indicator_chart import IndicatorChart
from crte_desktop.views.actions.tabs.indicator_models import IndicatorModel, MeasurementModel
from crte_desktop.views.widgets.inputs import ERROR_COLOR
from crte_desktop.views.widgets.problem_list import ProblemList


def is_indicator_problem(problem: Problem) -> bool:
    return problem.field.startswith("indicator")


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setItemDelegate(CellDelegate(model, table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(EDIT_TRIGGERS)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, column in enumerate(model.COLUMNS):
        table.setColumnWidth(i, column.width)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class IndicatorsTab(QWidget):
    edited = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._bundle: ActionBundle | None = None
        self.indicators = IndicatorModel(self)
        self.measurements = MeasurementModel(self)
        self.indicator_table = _table(self.indicators)
        self.indicator_table.setMinimumHeight(120)
        self.measurement_table = _table(self.measurements)
        self.measurement_table.setMinimumWidth(360)
        self.chart = IndicatorChart()

        self.add_indicator_button = QPushButton("Ajouter un indicateur")
        self.remove_indicator_button = QPushButton("Supprimer l'indicateur")
        self.add_measurement_button = QPushButton("Ajouter une mesure")
        self.remove_measurement_button = QPushButton("Supprimer la mesure")
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(f"color: {ERROR_COLOR};")
        self.refusal.hide()
        self.problems = ProblemList()

        top_buttons = QHBoxLayout()
        top_buttons.addWidget(self.add_indicator_button)
        top_buttons.addWidget(self.remove_indicator_button)
        top_buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(top_buttons)
        top_layout.addWidget(self.indicator_table)

        self.measure_box = QGroupBox("Mesures de l'indicateur sélectionné")
        measure_buttons = QHBoxLayout()
        measure_buttons.addWidget(self.add_measurement_button)
        measure_buttons.addWidget(self.remove_measurement_button)
        measure_buttons.addStretch(1)
        measures = QVBoxLayout()
        measures.addLayout(measure_buttons)
        measures.addWidget(self.measurement_table)
        left = QWidget()
        left.setLayout(measures)
        bottom_split = QSplitter(Qt.Orientation.Horizontal)
        bottom_split.addWidget(left)
        bottom_split.addWidget(self.chart)
        bottom_split.setStretchFactor(0, 1)
        bottom_split.setStretchFactor(1, 1)
        bottom_split.setSizes([480, 520])
        box_layout = QVBoxLayout(self.measure_box)
        box_layout.addWidget(bottom_split)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.measure_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.refusal)
        layout.addWidget(self.problems)

        self.add_indicator_button.clicked.connect(self.add_indicator)
        self.remove_indicator_button.clicked.connect(self.remove_indicator)
        self.add_measurement_button.clicked.connect(self.add_measurement)
        self.remove_measurement_button.clicked.connect(self.remove_measurement)
        self.indicator_table.selectionModel().currentRowChanged.connect(lambda *_: self._select_indicator())
        self.measurement_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.indicators.edited.connect(self._on_indicator_edited)
        self.measurements.edited.connect(self._on_measurement_edited)
        for model in (self.indicators, self.measurements):
            model.inputRefused.connect(self._on_refused)
        self.indicators.restored.connect(self._on_restored)
        self.measurements.restored.connect(self._on_restored)
        self._select_indicator()

    # -- data ----------------------------------------------------------------------------------------
    def set_bundle(self, bundle: ActionBundle) -> None:
        row = self.current_row()
        self._bundle = bundle
        self.indicators.set_rows(bundle.indicators)
        self.refusal.hide()
        if self.indicators.rowCount():
            self.indicator_table.selectRow(min(max(row, 0), self.indicators.rowCount() - 1))
        self._select_indicator()

    def current_row(self) -> int:
        return self.indicator_table.currentIndex().row()

    def current_indicator(self) -> Indicator | None:
        row = self.current_row()
        return self.indicators.rows[row] if 0 <= row < len(self.indicators.rows) else None

    def _select_indicator(self) -> None:
        indicator = self.current_indicator()
        self.measurements.set_rows(indicator.measurements if indicator else [])
        self.measure_box.setTitle(f"Mesures de « {indicator.name} »" if indicator and indicator.name
                                  else "Mesures de l'indicateur sélectionné")
        self.chart.show_indicator(indicator)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_indicator = self.current_indicator() is not None
        self.remove_indicator_button.setEnabled(has_indicator)
        self.add_measurement_button.setEnabled(has_indicator)
        self.remove_measurement_button.setEnabled(has_indicator and self.measurement_table.currentIndex().isValid())

    # -- editing -------------------------------------------------------------------------------------
    def add_indicator(self) -> int:
        action = self._bundle.action
        row = self.indicators.append(Indicator(contract_id=action.contract_id, name="", action_id=action.id))
        self.indicator_table.setCurrentIndex(self.indicators.index(row, 0))
        self.indicator_table.setFocus()
        return row

    def remove_indicator(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.indicators.remove(row)
            self._select_indicator()

    def add_measurement(self) -> int:
        indicator = self.current_indicator()
        if indicator is None:
            return -1
        taken = {m.date for m in indicator.measurements}
        when = self._today
        while when in taken:
            when += timedelta(days=1)
        last = indicator.latest
        value = last.value if last else (indicator.baseline if indicator.baseline is not None else 0.0)
        row = self.measurements.append(Measurement(date=when, value=value))
        self.measurement_table.setCurrentIndex(self.measurements.index(row, 1))
        return row

    def remove_measurement(self) -> None:
        row = self.measurement_table.currentIndex().row()
        if row >= 0:
            self.measurements.remove(row)
            self._update_buttons()

    def _on_indicator_edited(self) -> None:
        self.refusal.hide()
        indicator = self.current_indicator()
        self.measure_box.setTitle(f"Mesures de « {indicator.name} »" if indicator and indicator.name
                                  else "Mesures de l'indicateur sélectionné")
        self.chart.show_indicator(indicator)
        self._update_buttons()
        self.edited.emit()

    def _on_measurement_edited(self) -> None:
        self.refusal.hide()
        self.indicators.refresh_row(self.current_row())
        self.chart.show_indicator(self.current_indicator())
        self._update_buttons()
        self.edited.emit()

    def _on_restored(self) -> None:
        self.indicators.refresh_row(self.current_row())
        self.chart.show_indicator(self.current_indicator())
        self.edited.emit()

    def _on_refused(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.show()

    # -- problems ------------------------------------------------------------------------------------
    def show_problems(self, problems: list[Problem]) -> None:
        mine = [p for p in problems if is_indicator_problem(p)]
        self.indicators.show_problems(mine)
        self.measurements.show_duplicates(mine)
        self.problems.set_problems(mine)

    def refusal_message(self) -> str:
        return self.refusal.text() if not self.refusal.isHidden() else ""
