"""Pieces of the dashboard page: the key-figure tiles and the indicators' model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from crte_desktop.dashboard.formatting import format_measure
from crte_desktop.dashboard.model import FigureKey, IndicatorStatus
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.money import format_percent
from crte_desktop.views.dashboard.dashboard_models import PAYLOAD_ROLE, SORT_ROLE

_TILE_STYLE = """
QFrame#kpiTile { background: #ffffff; border: 1px solid #cfd8dc; border-radius: 6px; }
QFrame#kpiTile:hover { border-color: #1e88e5; }
QLabel#kpiTitle { color: #546e7a; font-size: 9pt; }
QLabel#kpiValue { color: #263238; font-size: 15pt; font-weight: bold; }
QLabel#kpiDetail { color: #78909c; font-size: 8pt; }
"""


class KpiTile(QFrame):
    """A key figure: title, value, a line of detail. Double-click: the actions behind it."""

    activated = Signal(object, str)  # (FigureKey, title of the list)

    def __init__(self, title: str, key: FigureKey, list_title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setStyleSheet(_TILE_STYLE)
        self.key = key
        self.list_title = list_title
        self.title_label = QLabel(title)
        self.title_label.setObjectName("kpiTitle")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("kpiValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("kpiDetail")
        self.detail_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self.setToolTip(f"{title} — double-cliquez pour voir les actions concernées")

    def set_value(self, value: str, detail: str = "", tooltip: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.value_label.setToolTip(tooltip)

    @property
    def value(self) -> str:
        return self.value_label.text()

    def mouseDoubleClickEvent(self, event) -> None:
        self.activated.emit(self.key, self.list_title)
        event.accept()


_INDICATOR_COLUMNS = ["Action", "Indicateur", "Valeur initiale", "Cible", "Dernière mesure", "Mesurée le",
                      "Échéance", "Atteinte", "En retard"]
_NUMERIC = {2, 3, 4, 7}


class IndicatorsModel(QAbstractTableModel):
    """The indicators against their targets; cells are written when shown (there may be thousands)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[IndicatorStatus] = []

    def set_items(self, items: list[IndicatorStatus]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_INDICATOR_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _INDICATOR_COLUMNS[section]
        return None

    def _text(self, i: IndicatorStatus, col: int) -> str:
        if col == 0:
            return i.action_reference or "(contrat ou section)"
        if col == 1:
            return i.name
        if col == 2:
            return format_measure(i.baseline, i.unit) if i.baseline is not None else ""
        if col == 3:
            return format_measure(i.target, i.unit) if i.target is not None else ""
        if col == 4:
            return format_measure(i.latest_value, i.unit) if i.latest_value is not None else "aucune mesure"
        if col == 5:
            return format_date(i.latest_date)
        if col == 6:
            return format_date(i.due_date)
        if col == 7:
            return format_percent(round(i.achievement, 4), 0) if i.achievement is not None else ""
        return "Oui" if i.behind else ""

    def _sort(self, i: IndicatorStatus, col: int):
        return [i.action_reference, i.name, i.baseline, i.target, i.latest_value, i.latest_date, i.due_date,
                i.achievement, i.behind][col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, col = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, col)
        if role == SORT_ROLE:
            return self._sort(item, col)
        if role == PAYLOAD_ROLE:
            return item.key
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and item.behind:
            return QBrush(QColor("#fdecea"))
        if role == Qt.ItemDataRole.ForegroundRole and item.behind and col == 8:
            return QBrush(QColor("#c62828"))
        return None
