"""Tables that fit a small screen: the text column (a decision, a follow-up, a name) takes the room left by the
others and keeps at least a readable width (the table scrolls below that); word-wrapped rows follow the width;
long cells and list entries show their whole text in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget


def read_only_table(headers: list[str], *, single_selection: bool = False) -> QTableWidget:
    """A list shown as a table: whole rows selected, not editable in place, word-wrapped, the last column
    stretched."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class _ColumnFiller(QObject):
    def __init__(self, table: QAbstractItemView, column: int, minimum: int, rows_follow: bool):
        super().__init__(table)
        self.table, self.column, self.minimum, self.rows_follow = table, column, minimum, rows_follow
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.viewport().installEventFilter(self)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._on_section_resized)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self._timer.start()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != self.column and not header.isSectionHidden(c))
        width = max(self.minimum, self.table.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            header.blockSignals(True)
            header.resizeSection(self.column, width)
            header.blockSignals(False)
            header.viewport().update()
        if self.rows_follow and isinstance(self.table, QTableWidget):
            self.table.resizeRowsToContents()


def fill_column(table: QAbstractItemView, column: int, minimum: int = 160, widths: dict[int, int] | None = None,
                rows_follow: bool = True) -> None:
    """`column` takes the width the other columns leave (at least `minimum`); the others keep `widths` and can be
    resized by hand. Word-wrapped rows are re-fitted when the width changes."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in (widths or {}).items():
        table.setColumnWidth(col, width)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    _ColumnFiller(table, column, minimum, rows_follow)


def compact_combo(combo: QComboBox, characters: int = 14) -> QComboBox:
    """A combo box whose minimum width does not grow with its longest entry (shown whole in the popup)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
