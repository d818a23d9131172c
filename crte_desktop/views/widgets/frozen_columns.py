"""A table whose first columns stay in place while the others scroll sideways (Qt's "Frozen Column"
example): on a 1366×768 screen the financing plan keeps its funder and scheme in view while the amounts at
the right are edited.

A second QTableView, laid over the left of the first, shows the frozen columns of the same model with the
same selection; scrolling, row heights and column widths are kept in step."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnsView(QTableView):
    def __init__(self, frozen: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.frozen_count = frozen
        self.frozen_view = QTableView(self)
        f = self.frozen_view
        f.setObjectName("frozen_columns")
        f.verticalHeader().hide()
        f.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        f.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        f.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        f.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        f.setFrameShape(QTableView.Shape.NoFrame)
        f.setStyleSheet("QTableView#frozen_columns { border: none; border-right: 1px solid palette(mid); }")
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(f)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        f.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(f.verticalScrollBar().setValue)

    # -- keeping the two views in step ---------------------------------------------------------------
    def setModel(self, model) -> None:
        super().setModel(model)
        self.frozen_view.setModel(model)
        self.frozen_view.setSelectionModel(self.selectionModel())
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved, model.layoutChanged):
            signal.connect(self._sync_columns)
        self._sync_columns()

    def setSelectionBehavior(self, behavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen_view.setSelectionBehavior(behavior)

    def setSelectionMode(self, mode) -> None:
        super().setSelectionMode(mode)
        self.frozen_view.setSelectionMode(mode)

    def setEditTriggers(self, triggers) -> None:
        super().setEditTriggers(triggers)
        self.frozen_view.setEditTriggers(triggers)

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen_view.setAlternatingRowColors(enable)

    def _sync_columns(self, *_args) -> None:
        model = self.model()
        if model is None:
            return
        for col in range(model.columnCount()):
            self.frozen_view.setColumnHidden(col, col >= self.frozen_count)
            if col < self.frozen_count:
                self.frozen_view.setColumnWidth(col, self.columnWidth(col))
        self.frozen_view.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.frozen_view.show()
        self._place()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen_count:
            self.frozen_view.setColumnWidth(column, new)
            self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen_view.setRowHeight(row, new)

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(min(self.frozen_count, self._column_count())))

    def _column_count(self) -> int:
        return self.model().columnCount() if self.model() is not None else 0

    def _place(self) -> None:
        frame = self.frameWidth()
        self.frozen_view.setGeometry(self.verticalHeader().width() + frame, frame, self.frozen_width(),
                                     self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen_view"):
            self._place()

    # -- the current cell never hides under the frozen columns ---------------------------------------
    def moveCursor(self, action, modifiers) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        self._reveal(current)
        return current

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.isValid() and index.column() >= self.frozen_count:
            super().scrollTo(index, hint)
            self._reveal(index)
        elif index.isValid():  # a frozen cell is always in view sideways: only follow the row
            super().scrollTo(self.model().index(index.row(), self.frozen_count) if
                             self._column_count() > self.frozen_count else index, hint)

    def _reveal(self, index: QModelIndex) -> None:
        if not index.isValid() or index.column() < self.frozen_count:
            return
        left = self.visualRect(index).left()
        if left < self.frozen_width():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + left - self.frozen_width())
