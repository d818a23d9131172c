"""The list of the actions behind a figure of the dashboard; a double-click opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from crte_desktop.dashboard.compute import ActionListRow
from crte_desktop.domain.money import format_amount
from crte_desktop.views.dashboard.dashboard_models import PAYLOAD_ROLE, Column, Row, RowsModel, RowsProxy


class ActionListDialog(QDialog):
    action_activated = Signal(int)

    def __init__(self, title: str, rows: list[ActionListRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Actions concernées")
        self.resize(820, 440)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        count = len(rows)
        self.count_label = QLabel(f"{count} action{'s' if count > 1 else ''} — double-cliquez pour ouvrir la fiche."
                                  if count else "Aucune action derrière ce chiffre.")
        self.model = RowsModel([Column("Référence"), Column("Intitulé"), Column("Statut"), Column("Coût total", True)],
                               self)
        self.model.set_rows([Row([r.reference, r.title, r.status, format_amount(r.total_cost)],
                                 [r.reference, r.title, r.status, r.total_cost], payload=r.id) for r in rows])
        proxy = RowsProxy(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the given order first
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._activate)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Ouvrir la fiche", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda: self._activate(self.table.currentIndex()))
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.open_button.setEnabled(current.isValid()))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def action_ids(self) -> list[int]:
        """The listed ids, in the displayed order."""
        proxy = self.table.model()
        return [proxy.index(r, 0).data(PAYLOAD_ROLE) for r in range(proxy.rowCount())]

    def _activate(self, index) -> None:
        if index.isValid():
            self.action_activated.emit(int(index.data(PAYLOAD_ROLE)))
