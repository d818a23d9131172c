"""The two tables of the first-import dialog.

``MappingTable``: the first rows of the sheet with, above each column, the application field it feeds
(a combo, "— ignorer —" allowed) and, for a financing column, the stage. ``PreviewTable``: one row per
line of the sheet with a box to tick, what it would create or update, and its errors in red (a view over
``first_import_preview.PreviewModel``).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QTableView, QTableWidget,
                               QTableWidgetItem, QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import Stage
from crte_desktop.excel.cells import format_number
from crte_desktop.excel.first_import import FIELDS, Catalogue, ImportPreview, Mapping, Table, Target
from crte_desktop.excel.first_import.fields import MAX_LEVELS, MAX_PAIRS, SLOTTED, section_level_label
from crte_desktop.views.imports.first_import_preview import MUTED_COLOR, PreviewModel
from crte_desktop.views.widgets import enum_combo

IGNORE = "— ignorer —"
PREVIEW_ROWS = 20
FIELD_ROW, STAGE_ROW, HEADER_ROW = 0, 1, 2
MAPPED_BRUSH = QBrush(QColor("#eef6ee"))
HEADER_BRUSH = QBrush(QColor("#f0f0f0"))


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


class PreviewTable(QTableView):
    """The rows of the sheet as they would be imported, every mapped field shown; the box of the "Ligne"
    column chooses them. The rows come from a ``PreviewModel``, drawn when seen."""

    HEADERS = PreviewModel.HEADERS
    KIND_COLUMN, PROBLEMS_COLUMN, COST_COLUMN = PreviewModel.KIND_COLUMN, PreviewModel.PROBLEMS_COLUMN, \
        PreviewModel.COST_COLUMN
    AIR = 6  # a little air between rows of two or three wrapped lines
    WIDTHS = (52, 66, 180, 96, 270, 150, 130, 88, 86, 86, 105, 230)
    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview_model = PreviewModel(self)
        self.setModel(self.preview_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column, width in enumerate(self.WIDTHS):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        self.preview_model.ticks_changed.connect(self.ticks_changed)
        self._fitted: set[int] = set()
        header.sectionResized.connect(lambda *_a: self.fit_rows())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._fit_shown_rows())

    @property
    def numbers(self) -> list[int]:
        """The sheet's row number of each row of the table."""
        return self.preview_model.numbers

    def fit_rows(self) -> None:
        """Row heights follow the wrapped texts: measured again for the rows in sight (the others when they
        come into sight, so that a long file is not measured whole)."""
        self._fitted.clear()
        self._fit_shown_rows()

    def _fit_shown_rows(self) -> None:
        rows, room = self.preview_model.rowCount(), self.viewport().height()
        row = max(self.rowAt(0), 0)
        shown = 0
        while row < rows and shown < room:
            if row not in self._fitted:
                self._fitted.add(row)
                self.resizeRowToContents(row)
                self.setRowHeight(row, self.rowHeight(row) + self.AIR)
            shown += self.rowHeight(row)
            row += 1

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_rows()

    def load(self, preview: ImportPreview) -> None:
        self.preview_model.load(preview)
        self._fit_short_columns(preview)
        self.fit_rows()

    def _fit_short_columns(self, preview: ImportPreview) -> None:
        """"Ligne" and "Référence" as wide as their longest value (row 3001 of a long file is not "3…")."""
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        box = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 20
        longest = max((r.reference for r in preview.rows), key=len, default="")
        for column, text, extra in ((0, str(max(self.numbers, default=0)), box), (1, longest, 12)):
            header.resizeSection(column, max(self.WIDTHS[column], metrics.horizontalAdvance(text) + extra))

    def checked(self) -> list[int]:
        """The sheet's row numbers ticked for import."""
        return self.preview_model.checked()

    def set_checked(self, number: int, checked: bool) -> None:
        self.preview_model.set_checked(number, checked)
