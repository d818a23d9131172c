"""The tables of the re-import preview: the changes found in the workbook (each with a box to tick) and
the problems, with their place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from crte_desktop.excel.import_diff import CHANGED, DELETED, NEW, Change
from crte_desktop.excel.problems import ImportProblem

CONFLICT_BRUSH = QBrush(QColor("#fff3e0"))
ERROR_BRUSH = QBrush(QColor("#ffebee"))


class ChangesModel(QAbstractTableModel):
    """The changes of the plan, each with a box the user ticks to accept it."""

    HEADERS = ["", "Feuille", "Ligne", "Enregistrement", "Colonne", "Ancienne valeur", "Nouvelle valeur", "Conflit"]
    checked_changed = Signal()

    def __init__(self, changes: list[Change], parent=None):
        super().__init__(parent)
        self.changes = changes
        self.checked = [not c.conflict for c in changes]  # conflicts wait for a deliberate tick

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.changes[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and c.conflict:
            return CONFLICT_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.describe()
        if role == Qt.ItemDataRole.UserRole:  # sort keys
            return [None, c.sheet, c.row or 0, c.label, c.column, c.old, c.new, c.conflict][col]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return None
        if col == 2:
            return f"{c.row} (à l'export)" if c.kind == DELETED else c.row
        if col == 4:
            return {NEW: "(nouvelle ligne)", DELETED: "(ligne supprimée)"}.get(c.kind, c.column)
        if col == 5:
            return "" if c.kind == NEW else (c.old if c.kind == CHANGED else c.note or "—")
        if col == 6:
            return c.new if c.kind != DELETED else "(supprimée)"
        if col == 7:
            return "Oui" if c.conflict else ""
        return [None, c.sheet, None, c.label][col]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit()
        return True

    def set_all(self, checked: bool) -> None:
        self.checked = [checked] * len(self.changes)
        if self.changes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.changes) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def accepted(self) -> list[Change]:
        return [c for c, ok in zip(self.changes, self.checked) if ok]


class ProblemsModel(QAbstractTableModel):
    HEADERS = ["", "Feuille", "Ligne", "Colonne", "Motif"]

    def __init__(self, problems: list[ImportProblem], parent=None):
        super().__init__(parent)
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.sheet or "", p.row or 0, p.column or ""))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if p.is_error else CONFLICT_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(p)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = f"{p.column} « {p.header} »" if p.column and p.header else (p.column or
                                                                        (f"« {p.header} »" if p.header else ""))
        return ["Erreur" if p.is_error else "Avertissement", p.sheet or "", p.row or "", column,
                p.message][index.column()]
