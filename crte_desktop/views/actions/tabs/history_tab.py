"""Tab "Historique": every recorded change of the action, newest first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.history import HistoryEntry
from crte_desktop.domain.wording import plural

HEADERS = ("Date", "Utilisateur", "Champ", "Ancienne valeur", "Nouvelle valeur", "Contexte")
WIDTHS = (115, 90, 260, 220, 220, 150)


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            e = self.entries[index.row()]
            values = (f"{format_date(e.at.date())} {e.at.strftime('%H:%M')}", e.user, e.field,
                      e.old_value or "", e.new_value or "", e.context)
            return values[index.column()]
        return None


class HistoryTab(QWidget):
    def __init__(self, history: HistoryRepository, parent: QWidget | None = None):
        super().__init__(parent)
        self._history = history
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(24)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for i, width in enumerate(WIDTHS):
            self.table.setColumnWidth(i, width)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def load(self, action_id: int | None) -> None:
        entries = self._history.for_action(action_id) if action_id is not None else []
        self.model.set_entries(entries)
        self.table.resizeRowsToContents()
        if action_id is None:
            self.empty.setText("L'historique commencera au premier enregistrement de l'action.")
        else:
            self.empty.setText(f"{plural(len(entries), 'modification enregistrée')}, la plus récente en premier.")
