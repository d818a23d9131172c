"""Tab "Plan de financement": the lines, the live totals and the rule messages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from crte_desktop.domain.enums import Stage
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.financing import FinancingLine, FinancingTotals
from crte_desktop.domain.money import format_amount, format_percent
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.widgets.cell_delegate import EDIT_TRIGGERS, CellDelegate
from crte_desktop.views.widgets.frozen_columns import FrozenColumnsView
from crte_desktop.views.actions.tabs.financing_detail import FinancingDetail
from crte_desktop.views.actions.tabs.financing_model import FinancingModel
from crte_desktop.views.widgets.inputs import ERROR_COLOR
from crte_desktop.views.actions.tabs.lookups import Lookups
from crte_desktop.views.widgets.problem_list import ProblemList

TOTAL_LABELS = [
    ("cost", "Coût total"),
    (Stage.PLANNED, "Total prévisionnel"),
    (Stage.REQUESTED, "Total sollicité"),
    (Stage.GRANTED, "Total accordé"),
    (Stage.PAID, "Total versé"),
    ("retained", "Financements retenus"),
    ("self", "Autofinancement (reste à charge du maître d'ouvrage)"),
    ("public_rate", "Taux d'aide publique"),
    ("coverage", "Taux de couverture"),
]


FROZEN_COLUMNS = 2  # Financeur, Dispositif


def is_financing_problem(problem: Problem) -> bool:
    return problem.field == "financing" or problem.field.startswith("financing[")


class FinancingTab(QWidget):
    edited = Signal()

    def __init__(self, lookups: Lookups, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._bundle: ActionBundle | None = None
        self.model = FinancingModel(lookups, self)
        # funder and scheme stay in view while the amounts at the right are edited (1366×768)
        self.table = FrozenColumnsView(frozen=FROZEN_COLUMNS)
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.model, self.table))
        self.table.frozen_view.setItemDelegate(CellDelegate(self.model, self.table.frozen_view))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(self.model.COLUMNS):
            self.table.setColumnWidth(i, column.width)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.frozen_view.verticalHeader().setDefaultSectionSize(26)

        self.add_button = QPushButton("Ajouter une ligne")
        self.remove_button = QPushButton("Supprimer la ligne")
        self.remove_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(f"color: {ERROR_COLOR};")
        self.refusal.hide()

        self.total_values: dict[object, QLabel] = {}
        totals_grid = QGridLayout()
        totals_grid.setHorizontalSpacing(12)
        totals_grid.setVerticalSpacing(1)
        for i, (key, label) in enumerate(TOTAL_LABELS):
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(120)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.total_values[key] = value
            name = QLabel(label.replace(" (reste à charge du maître d'ouvrage)", "") + " :")
            name.setToolTip(label)
            totals_grid.addWidget(name, i, 0)
            totals_grid.addWidget(value, i, 1)
        totals_grid.setRowStretch(len(TOTAL_LABELS), 1)
        for key in ("cost", "retained", "self"):
            font = self.total_values[key].font()
            font.setBold(True)
            self.total_values[key].setFont(font)
        totals_box = QGroupBox("Totaux")
        totals_box.setLayout(totals_grid)

        self.problems = ProblemList()
        self.detail = FinancingDetail(lookups, today)

        bottom = QHBoxLayout()
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(totals_box)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refusal)
        layout.addLayout(bottom)
        layout.addWidget(self.problems)

        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.model.edited.connect(self._on_edited)
        self.model.inputRefused.connect(self._on_refused)
        self.model.restored.connect(self.edited)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.detail.edited.connect(self._on_detail_edited)

    def _on_current_row(self, current, _previous=None) -> None:
        self.remove_button.setEnabled(current.isValid())
        row = current.row() if current.isValid() else -1
        self.detail.set_line(self.model.rows[row] if 0 <= row < self.model.rowCount() else None, row)

    def _on_detail_edited(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        self.edited.emit()

    # -- data --------------------------------------------------------------------------------------
    def set_lookups(self, lookups: Lookups) -> None:
        self.model.lookups = lookups
        self.model.layoutChanged.emit()
        self.detail.set_lookups(lookups)

    def set_bundle(self, bundle: ActionBundle) -> None:
        row = self.table.currentIndex().row()
        self._bundle = bundle
        self.model.set_rows(bundle.financing)
        self.refusal.hide()
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._on_current_row(self.table.currentIndex())

    def add_line(self) -> int:
        lookups = self.model.lookups
        action = self._bundle.action
        line = FinancingLine(action_id=action.id, funder_id=lookups.funders[0].id if lookups.funders else 0,
                             year=action.inscription_year or self._today.year)
        row = self.model.append(line)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus()
        return row

    def remove_line(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.remove(row)
            self.remove_button.setEnabled(self.table.currentIndex().isValid())

    def _on_edited(self) -> None:
        self.refusal.hide()
        self.detail.refresh()
        self.edited.emit()

    def _on_refused(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.show()

    # -- figures and problems (computed by the service) --------------------------------------------
    def show_totals(self, totals: FinancingTotals) -> None:
        values = self.total_values
        values["cost"].setText(format_amount(totals.total_cost) if totals.total_cost is not None else "non renseigné")
        for stage in Stage:
            values[stage].setText(format_amount(totals.by_stage[stage]))
        values["retained"].setText(format_amount(totals.retained))
        values["self"].setText(format_amount(totals.self_financing) if totals.self_financing is not None else "—")
        values["public_rate"].setText(format_percent(totals.public_aid_rate) or "—")
        values["coverage"].setText(format_percent(totals.coverage_rate) or "—")

    def show_problems(self, problems: list[Problem]) -> None:
        mine = [p for p in problems if is_financing_problem(p)]
        self.model.show_problems(mine)
        self.problems.set_problems(mine)

    def refusal_message(self) -> str:
        return self.refusal.text() if not self.refusal.isHidden() else ""
