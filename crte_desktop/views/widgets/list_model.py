"""Base of the editable tables of the form: one row per object of a list held by the bundle.

Text typed in a cell is read by ``apply``; when it cannot be read the cell keeps its value and
``inputRefused`` carries the French reason. Problems found by the domain colour their cells."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from crte_desktop.domain.errors import DomainError

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
READ_ONLY_BRUSH = QBrush(QColor("#f3f3f3"))


@dataclass(frozen=True)
class Column:
    key: str  # the attribute edited, also the name used by the domain's problems
    header: str
    kind: str = "text"  # text, amount, number, year, date, funder, scheme, category, status
    editable: bool = True
    width: int = 100

    @property
    def right_aligned(self) -> bool:
        return self.kind in ("amount", "number", "year", "percent")


class ListTableModel(QAbstractTableModel):
    inputRefused = Signal(str)
    edited = Signal()  # a value typed or chosen was stored
    restored = Signal()  # a value went back to what it was before a refused edit

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self._cell_problems: dict[tuple[int, int], tuple[str, bool]] = {}

    # -- to implement ----------------------------------------------------------------------------
    def display(self, obj, column: Column) -> str:
        raise NotImplementedError

    def edit_value(self, obj, column: Column):
        """What an editor starts from (text for typed cells, an id or a code for choices)."""
        return self.display(obj, column)

    def apply(self, obj, column: Column, value) -> None:
        """Store ``value`` into ``obj``; raise DomainError (French) when it cannot be read."""
        raise NotImplementedError

    # -- Qt model ----------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self._cell_problems = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.COLUMNS) if c.key == key)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section].header
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        obj, column = self.rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(obj, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(obj, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right_aligned:
            return int(RIGHT)
        problem = self._cell_problems.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return ERROR_BRUSH if problem[1] else WARNING_BRUSH
            return None if column.editable else READ_ONLY_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem[0]
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.COLUMNS[index.column()].editable:
            return False
        obj, column = self.rows[index.row()], self.COLUMNS[index.column()]
        try:
            self.apply(obj, column, value)
        except DomainError as exc:
            self.inputRefused.emit(str(exc))
            return False
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(self.columnCount() - 1))
        self.edited.emit()
        return True

    def restore(self, index: QModelIndex, value) -> None:
        """Put back the value a cell had before an edit that ended refused (the refusal stays shown)."""
        try:
            self.apply(self.rows[index.row()], self.COLUMNS[index.column()], value)
        except DomainError:
            return
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(self.columnCount() - 1))
        self.restored.emit()

    # -- rows ----------------------------------------------------------------------------------------
    def append(self, obj) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(obj)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self.edited.emit()

    # -- problems --------------------------------------------------------------------------------
    def set_cell_problems(self, problems: dict[tuple[int, int], tuple[str, bool]]) -> None:
        """(row, column) → (French message, is an error)."""
        if problems == self._cell_problems:
            return
        self._cell_problems = problems
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def cell_problem(self, row: int, key: str) -> str | None:
        problem = self._cell_problems.get((row, self.column_of(key)))
        return problem[0] if problem else None
