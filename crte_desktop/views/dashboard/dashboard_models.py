"""Item models of the dashboard page: small read-only tables (one row per figure, each row knowing the
figure behind it) and the alerts grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QSortFilterProxyModel
from PySide6.QtGui import QBrush, QColor, QFont

from crte_desktop.dashboard.formatting import format_count
from crte_desktop.dashboard.model import Alert

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 2  # what a double-click opens (a FigureKey, a tuple of ids…)
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a total row
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_BOLD = QFont()
_BOLD.setBold(True)


@dataclass
class Column:
    header: str
    numeric: bool = False  # right-aligned
    tooltip: str = ""


@dataclass
class Row:
    cells: list[str]  # displayed text
    sort: list[object]  # sort values (None sorts first)
    payload: object = None
    bold: bool = False
    is_total: bool = False  # stays last whatever the sort
    color: str | None = None  # a swatch before the first cell
    background: str | None = None
    tooltips: list[str] = field(default_factory=list)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row], columns: list[Column] | None = None) -> None:
        """Show ``rows`` (and, for a table whose columns vary, ``columns``)."""
        self.beginResetModel()
        if columns is not None:
            self.columns = columns
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT if column.numeric else _LEFT)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == SORT_ROLE:
            return row.sort[col]
        if role == PAYLOAD_ROLE:
            return row.payload
        if role == TOTAL_ROLE:
            return row.is_total
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if self.columns[col].numeric else _LEFT)
        if role == Qt.ItemDataRole.FontRole and row.bold:
            return _BOLD
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and row.color:
            return QColor(row.color)
        if role == Qt.ItemDataRole.BackgroundRole and row.background:
            return QBrush(QColor(row.background))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltips[col] if col < len(row.tooltips) and row.tooltips[col] else row.cells[col]
        return None


class RowsProxy(QSortFilterProxyModel):
    """Sorts on the sort role (numbers as numbers, text without case, empty first); a total row stays last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left, right) -> bool:
        l_total, r_total = bool(left.data(TOTAL_ROLE)), bool(right.data(TOTAL_ROLE))
        if l_total != r_total:  # keep the total at the bottom in both directions
            return r_total == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if a is None or b is None:
            return a is None and b is not None
        if isinstance(a, str) and isinstance(b, str):
            return a.casefold() < b.casefold()
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class AlertsModel(QAbstractItemModel):
    """A tree: one row per kind of alert ("Actions en retard (12)"), the alerts below it. Messages are
    written only for the rows the view shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[tuple[str, list[Alert]]] = []

    def set_alerts(self, alerts: list[Alert]) -> None:
        order: dict[str, list[Alert]] = {}
        for kind in Alert.KIND_LABELS:
            order[kind] = []
        for alert in alerts:
            order.setdefault(alert.kind, []).append(alert)
        self.beginResetModel()
        self.groups = [(kind, items) for kind, items in order.items() if items]
        self.endResetModel()

    def count(self) -> int:
        return sum(len(items) for _, items in self.groups)

    # internalId: 0 for a group row, group index + 1 for an alert row
    def index(self, row, column, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() == 0 and row < len(self.groups[parent.row()][1]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return "Alerte"
        return None

    def alert_at(self, index: QModelIndex | QPersistentModelIndex) -> Alert | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def action_ids_at(self, index) -> tuple[list[int], str]:
        """The actions behind a row and a title for them."""
        alert = self.alert_at(index)
        if alert is not None:
            return list(alert.action_ids), alert.message
        if index.isValid():
            kind, items = self.groups[index.row()]
            ids = list(dict.fromkeys(i for a in items for i in a.action_ids))
            return ids, items[0].kind_label
        return [], ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        alert = self.alert_at(index)
        if alert is None:
            kind, items = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{items[0].kind_label} ({format_count(len(items))})"
            if role == Qt.ItemDataRole.FontRole:
                return _BOLD
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return alert.message
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags
