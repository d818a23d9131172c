"""The two tables of the first-import dialog.

``MappingTable``: the first rows of the sheet with, above each column, the application field it feeds
(a combo, "— ignorer —" allowed) and, for a financing column, the stage. ``PreviewTable``: one row per
line of the sheet with a box to tick, what it would create or update, and its errors in red.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QTableWidget, QTableWidgetItem,
                               QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.money import format_amount
from crte_desktop.excel.cells import format_number
from crte_desktop.excel.first_import import FIELDS, KIND_LABELS, SKIPPED, Catalogue, ImportPreview, Mapping, Table, Target
from crte_desktop.excel.first_import.fields import MAX_LEVELS, MAX_PAIRS, SLOTTED, section_level_label
from crte_desktop.views.widgets import enum_combo

IGNORE = "— ignorer —"
PREVIEW_ROWS = 20
FIELD_ROW, STAGE_ROW, HEADER_ROW = 0, 1, 2
MAPPED_BRUSH = QBrush(QColor("#eef6ee"))
HEADER_BRUSH = QBrush(QColor("#f0f0f0"))
ERROR_COLOR = QColor("#b71c1c")
NOTE_COLOR = QColor("#6d4c00")
MUTED_COLOR = QColor("#808080")


def target_code(target: Target | None) -> str:
    """The combo's data for a target: "" (ignored), "f:title", "f:section:2" (a level), "f:funder_name:1"
    (a pair), "fin:1:3" (funder 1, scheme 3), "fin:5:"."""
    if target is None:
        return ""
    if target.is_financing:
        return f"fin:{target.funder_id}:{target.scheme_id if target.scheme_id is not None else ''}"
    return f"f:{target.field}:{target.slot}" if target.slot else f"f:{target.field}"


def shown(value) -> str:
    """A cell of the file as a spreadsheet would show it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date()) + (f" {value:%H:%M}" if (value.hour, value.minute) != (0, 0) else "")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, (int, float)):
        return format_number(float(value)) if isinstance(value, float) else str(value)
    return str(value)


class MappingTable(QTableWidget):
    """Row 0: the field of each column; row 1: the stage of a financing column; row 2: the file's header;
    then the first rows of data, with the sheet's row numbers."""

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultSectionSize(190)
        self.field_boxes: list[QComboBox] = []
        self.stage_boxes: list[QComboBox] = []

    def load(self, table: Table, catalogue: Catalogue, mapping: Mapping) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        self.clear()
        self.field_boxes, self.stage_boxes = [], []
        self.setColumnCount(table.width)
        self.setRowCount(3 + len(rows))
        self.setHorizontalHeaderLabels([table.letter(c) for c in range(table.width)])
        self.setVerticalHeaderLabels(["Champ", "Étape", "En-tête"] + [str(r.number) for r in rows])
        bold = QFont(self.font())
        bold.setBold(True)
        for c in range(table.width):
            field_box = self._field_box(catalogue)
            stage_box = enum_combo.fill(QComboBox(), Stage)
            stage_box.setToolTip("L'étape du financement que cette colonne donne : prévisionnel, sollicité, "
                                 "accordé ou versé")
            target = mapping.get(c)
            field_box.setCurrentIndex(max(field_box.findData(target_code(target)), 0))
            if target is not None and target.is_staged:
                enum_combo.set_current(stage_box, target.stage)
            field_box.currentIndexChanged.connect(lambda _i, col=c: self._changed(col))
            stage_box.currentIndexChanged.connect(lambda _i, col=c: self._changed(col))
            self.field_boxes.append(field_box)
            self.stage_boxes.append(stage_box)
            self.setCellWidget(FIELD_ROW, c, field_box)
            holder = QWidget()  # the view shows its cell widgets: the stage is hidden inside one
            inner = QHBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(stage_box)
            self.setCellWidget(STAGE_ROW, c, holder)
            header = QTableWidgetItem(table.headers[c])
            header.setFont(bold)
            header.setBackground(HEADER_BRUSH)
            header.setToolTip(table.headers[c])
            self.setItem(HEADER_ROW, c, header)
            for r, row in enumerate(rows, start=3):
                item = QTableWidgetItem(shown(row.values[c]).replace("\n", " ⏎ "))
                item.setToolTip(shown(row.values[c]))
                self.setItem(r, c, item)
        self.resizeRowToContents(FIELD_ROW)
        self.resizeRowToContents(STAGE_ROW)
        for c in range(table.width):
            self._paint(c)

    def _field_box(self, catalogue: Catalogue) -> QComboBox:
        box = QComboBox()
        box.setMaxVisibleItems(25)
        box.addItem(IGNORE, "")
        for f in FIELDS:
            if f.key not in SLOTTED:
                box.addItem(f.label, f"f:{f.key}")
            if f.key == "section":
                for level in range(1, MAX_LEVELS + 1):
                    box.addItem(section_level_label(level), f"f:section:{level}")
        box.insertSeparator(box.count())
        for n in range(1, MAX_PAIRS + 1):
            for key in sorted(SLOTTED, reverse=True):
                target = Target(key, slot=n)
                box.addItem(target.label, target_code(target))
        box.insertSeparator(box.count())
        for funding in catalogue.fundings():
            code = f"fin:{funding.funder_id}:{funding.scheme_id if funding.scheme_id is not None else ''}"
            box.addItem(f"Financement : {funding.label}", code)
        box.setToolTip("Le champ de l'application que cette colonne alimente")
        return box

    def target(self, column: int) -> Target | None:
        code = self.field_boxes[column].currentData() or ""
        if code.startswith("f:"):
            key, _, slot = code[2:].partition(":")
            target = Target(key, slot=int(slot or 0))
            if target.is_staged:
                target = Target(key, stage=enum_combo.current(self.stage_boxes[column], Stage), slot=target.slot)
            return target
        if code.startswith("fin:"):
            _f, funder, scheme = code.split(":")
            stage = enum_combo.current(self.stage_boxes[column], Stage)
            return Target.financing(int(funder), int(scheme) if scheme else None, stage)
        return None

    def mapping(self) -> Mapping:
        return {c: t for c in range(len(self.field_boxes)) if (t := self.target(c)) is not None}

    def set_target(self, column: int, target: Target | None) -> None:
        """Choose a column's field (and stage) as the user would."""
        box = self.field_boxes[column]
        box.setCurrentIndex(max(box.findData(target_code(target)), 0))
        if target is not None and target.is_staged:
            enum_combo.set_current(self.stage_boxes[column], target.stage)

    def set_stage(self, stage: Stage) -> None:
        """The stage chooser of the page: every column of financing amounts at ``stage``."""
        for column, box in enumerate(self.stage_boxes):
            target = self.target(column)
            if target is not None and target.is_staged:
                enum_combo.set_current(box, stage)

    def _changed(self, column: int) -> None:
        self._paint(column)
        self.mapping_changed.emit()

    def _paint(self, column: int) -> None:
        target = self.target(column)
        self.stage_boxes[column].setVisible(target is not None and target.is_staged)
        for r in range(HEADER_ROW + 1, self.rowCount()):
            item = self.item(r, column)
            if item is not None:
                item.setBackground(MAPPED_BRUSH if target is not None else QBrush())
                item.setForeground(QBrush() if target is not None else QBrush(MUTED_COLOR))


class PreviewTable(QTableWidget):
    """The rows of the sheet as they would be imported, every mapped field shown; the box of the "Ligne"
    column chooses them."""

    HEADERS = ["Ligne", "Référence", "Intitulé", "Import", "Erreurs / remarques", "Section",
               "Maître d'ouvrage", "Statut", "Début", "Fin", "Coût", "Financements"]
    KIND_COLUMN, PROBLEMS_COLUMN, COST_COLUMN = 3, 4, 10
    FIELD_COLUMNS = (1, 2, 5, 6, 7, 8, 9, 10, 11, 3)  # where texts() goes, in its order
    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(len(self.HEADERS))
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column, width in enumerate((52, 66, 180, 96, 270, 150, 130, 88, 86, 86, 105, 230)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        self.itemChanged.connect(lambda item: self.ticks_changed.emit() if item.column() == 0 else None)
        header.sectionResized.connect(lambda *_a: self.fit_rows())
        self.numbers: list[int] = []

    def fit_rows(self) -> None:
        """Row heights follow the wrapped texts (not for very long files, where it would be slow)."""
        if self.rowCount() <= 2000:
            self.resizeRowsToContents()
            for row in range(self.rowCount()):  # a little air between rows of two or three wrapped lines
                self.setRowHeight(row, self.rowHeight(row) + 6)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_rows()

    def load(self, preview: ImportPreview) -> None:
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.setRowCount(0)
        self.setRowCount(len(preview.rows))
        self.numbers = [r.number for r in preview.rows]
        blocked = bool(preview.errors)
        for i, row in enumerate(preview.rows):
            line = QTableWidgetItem(str(row.number))
            importable = row.importable and not blocked
            line.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | (Qt.ItemFlag.ItemIsUserCheckable if importable else Qt.ItemFlag.NoItemFlags))
            line.setCheckState(Qt.CheckState.Checked if importable else Qt.CheckState.Unchecked)
            if not importable:
                line.setToolTip("Cette ligne ne peut pas être importée : voyez la colonne « Erreurs ».")
            self.setItem(i, 0, line)
            for c, text in zip(self.FIELD_COLUMNS, self.texts(preview, row)):
                item = QTableWidgetItem(text)
                if len(text) > 24 or "\n" in text:  # a tooltip where the cell may cut the text (a costly call)
                    item.setToolTip(text)
                if c == self.COST_COLUMN:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.kind == SKIPPED:
                    item.setForeground(QBrush(MUTED_COLOR))
                self.setItem(i, c, item)
            self.setItem(i, self.PROBLEMS_COLUMN, self._problems_item(row))
        self.setUpdatesEnabled(True)
        self.blockSignals(False)
        self.fit_rows()
        self.ticks_changed.emit()

    @staticmethod
    def texts(preview: ImportPreview, row) -> list[str]:
        """What the row would give, field by field (in the order of FIELD_COLUMNS)."""
        if row.bundle is None:
            return ["", "", "", "", "", "", "", "", "", KIND_LABELS[row.kind]]
        a = row.bundle.action
        cost = format_amount(row.cost) if row.cost is not None else ""
        return [row.reference, row.title, preview.section_text(row), preview.owner_text(row), a.status.label,
                format_date(a.start_date), format_date(a.end_date), cost, preview.financing_text(row, "\n"),
                KIND_LABELS[row.kind]]

    @staticmethod
    def _problems_item(row) -> QTableWidgetItem:
        """The errors in red; without errors, the warnings and notes ("Référence attribuée…"); all in the tooltip."""
        errors = [_placed(p) for p in row.errors]
        notes = [_placed(p) for p in row.warnings] + ([row.note] if row.note else [])
        item = QTableWidgetItem("\n".join(errors or notes))
        item.setToolTip("\n".join(errors + notes))
        if errors:
            item.setForeground(QBrush(ERROR_COLOR))
        elif notes:
            item.setForeground(QBrush(NOTE_COLOR if row.kind != SKIPPED else MUTED_COLOR))
        return item

    def checked(self) -> list[int]:
        """The sheet's row numbers ticked for import."""
        return [self.numbers[i] for i in range(self.rowCount())
                if self.item(i, 0).checkState() == Qt.CheckState.Checked]

    def set_checked(self, number: int, checked: bool) -> None:
        i = self.numbers.index(number)
        item = self.item(i, 0)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _placed(problem) -> str:
    """The reason with its column ("Colonne D « Maître d'ouvrage » : …"): the row is on the same line."""
    if problem.column:
        header = f" « {problem.header} »" if problem.header else ""
        return f"Colonne {problem.column}{header} : {problem.message}"
    return problem.message
