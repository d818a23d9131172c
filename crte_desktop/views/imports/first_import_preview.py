"""The preview of the first import as a Qt model: one row per line of the sheet, computed when the view asks
for it (text, tooltip, colour, alignment, the box of the "Ligne" column), so that a plan d'action of
5 000 rows fills the table at once instead of building 60 000 items on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.money import format_amount
from crte_desktop.excel.first_import import KIND_LABELS, SKIPPED, ImportPreview, RowPreview

ERROR_COLOR = QColor("#b71c1c")
NOTE_COLOR = QColor("#6d4c00")
MUTED_COLOR = QColor("#808080")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NOT_IMPORTABLE = "Cette ligne ne peut pas être importée : voyez la colonne « Erreurs »."
_CACHED_ROWS = 2000  # texts kept for the rows seen last (a short file is kept whole)

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class PreviewModel(QAbstractTableModel):
    """The rows of an ``ImportPreview``; ticks are held here (row numbers of the sheet in ``numbers``)."""

    HEADERS = ["Ligne", "Référence", "Intitulé", "Import", "Erreurs / remarques", "Section",
               "Maître d'ouvrage", "Statut", "Début", "Fin", "Coût", "Financements"]
    KIND_COLUMN, PROBLEMS_COLUMN, COST_COLUMN = 3, 4, 10
    FIELD_COLUMNS = (1, 2, 5, 6, 7, 8, 9, 10, 11, 3)  # where texts() goes, in its order
    ticks_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.rows: list[RowPreview] = []
        self.numbers: list[int] = []
        self.importable: list[bool] = []
        self.ticks: list[bool] = []
        self._texts: dict[int, list[str]] = {}

    def load(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self.preview = preview
        self.rows = list(preview.rows)
        self.numbers = [r.number for r in self.rows]
        blocked = bool(preview.errors)
        self.importable = [r.importable and not blocked for r in self.rows]
        self.ticks = list(self.importable)
        self._texts = {}
        self.endResetModel()
        self.ticks_changed.emit()

    # -- what a row shows -------------------------------------------------------------------------------
    def texts(self, i: int) -> list[str]:
        """The cells of row ``i``, column by column (computed once, kept for the rows seen last)."""
        cells = self._texts.get(i)
        if cells is None:
            if len(self._texts) >= _CACHED_ROWS and len(self.rows) > _CACHED_ROWS:
                self._texts.pop(next(iter(self._texts)))
            row = self.rows[i]
            cells = [""] * len(self.HEADERS)
            cells[0] = str(row.number)
            for c, text in zip(self.FIELD_COLUMNS, field_texts(self.preview, row)):
                cells[c] = text
            errors, notes = problem_texts(row)
            cells[self.PROBLEMS_COLUMN] = "\n".join(errors or notes)
            self._texts[i] = cells
        return cells

    def tooltip(self, i: int, column: int) -> str | None:
        if column == 0:
            return None if self.importable[i] else NOT_IMPORTABLE
        if column == self.PROBLEMS_COLUMN:
            errors, notes = problem_texts(self.rows[i])
            return "\n".join(errors + notes) or None
        text = self.texts(i)[column]
        return text if len(text) > 24 or "\n" in text else None  # where the cell may cut the text

    def color(self, i: int, column: int) -> QColor | None:
        row = self.rows[i]
        if column == self.PROBLEMS_COLUMN:
            if row.errors:
                return ERROR_COLOR
            if row.warnings or row.note:
                return NOTE_COLOR if row.kind != SKIPPED else MUTED_COLOR
            return None
        return MUTED_COLOR if row.kind == SKIPPED and column != 0 else None

    # -- Qt model ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole):
        if not index.isValid():
            return None
        i, column = index.row(), index.column()
        if role == Role.DisplayRole:
            return self.texts(i)[column]
        if role == Role.ToolTipRole:
            return self.tooltip(i, column)
        if role == Role.ForegroundRole:
            return self.color(i, column)
        if role == Role.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self.ticks[i] else Qt.CheckState.Unchecked
        if role == Role.TextAlignmentRole and column == self.COST_COLUMN:
            return RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.importable[index.row()]:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value, role: int = Role.EditRole) -> bool:
        if role != Role.CheckStateRole or index.column() != 0 or not self.importable[index.row()]:
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if self.ticks[index.row()] != ticked:
            self.ticks[index.row()] = ticked
            self.dataChanged.emit(index, index, [Role.CheckStateRole])
            self.ticks_changed.emit()
        return True

    # -- ticks ------------------------------------------------------------------------------------------
    def checked(self) -> list[int]:
        """The sheet's row numbers ticked for import."""
        return [n for n, ticked in zip(self.numbers, self.ticks) if ticked]

    def set_checked(self, number: int, checked: bool) -> None:
        """Tick or untick a row as the user would (a row that cannot be imported stays unticked)."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.setData(self.index(self.numbers.index(number), 0), state, Role.CheckStateRole)


def field_texts(preview: ImportPreview | None, row: RowPreview) -> list[str]:
    """What the row would give, field by field (in the order of FIELD_COLUMNS)."""
    if row.bundle is None or preview is None:
        return ["", "", "", "", "", "", "", "", "", KIND_LABELS[row.kind]]
    a = row.bundle.action
    cost = format_amount(row.cost) if row.cost is not None else ""
    return [row.reference, row.title, preview.section_text(row), preview.owner_text(row), a.status.label,
            format_date(a.start_date), format_date(a.end_date), cost, preview.financing_text(row, "\n"),
            KIND_LABELS[row.kind]]


def problem_texts(row: RowPreview) -> tuple[list[str], list[str]]:
    """The errors; the warnings and notes ("Référence attribuée…"). The cell shows the errors, or the notes
    when there is none; its tooltip shows both."""
    errors = [_placed(p) for p in row.errors]
    notes = [_placed(p) for p in row.warnings] + ([row.note] if row.note else [])
    return errors, notes


def _placed(problem) -> str:
    """The reason with its column ("Colonne D « Maître d'ouvrage » : …"): the row is on the same line."""
    if problem.column:
        header = f" « {problem.header} »" if problem.header else ""
        return f"Colonne {problem.column}{header} : {problem.message}"
    return problem.message
