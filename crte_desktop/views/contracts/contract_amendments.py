"""The amendments (avenants) table of the contract form: number, date, object, description."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.domain.contract import Amendment
from crte_desktop.domain.dates import DateError, format_date, parse_date
from crte_desktop.domain.errors import Problem

NUMBER, DATE, TITLE, DESCRIPTION = range(4)
AMENDMENT_ID = Qt.ItemDataRole.UserRole + 1


class AmendmentsEditor(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["N°", "Date", "Objet", "Description"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DATE, 100)
        header.resizeSection(TITLE, 320)
        self.table.itemChanged.connect(lambda *_: self.edited.emit())
        self.table.currentCellChanged.connect(lambda *_: self.remove_button.setEnabled(self.table.currentRow() >= 0))
        self.add_button = QPushButton("Ajouter un avenant")
        self.remove_button = QPushButton("Retirer")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.remove_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_amendments(self, amendments: list[Amendment]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for a in amendments:
            self._append(a.id, str(a.number), format_date(a.date), a.title, a.description)
        self.table.blockSignals(False)
        self.remove_button.setEnabled(False)

    def amendments(self, contract_id: int = 0) -> tuple[list[Amendment], list[Problem]]:
        """The rows as amendments, with the problems of the texts that cannot be read."""
        out, problems = [], []
        for row in range(self.table.rowCount()):
            number_text, date_text, title, description = (self._text(row, c) for c in range(4))
            number = int(number_text) if number_text.isdigit() else None  # the rules explain a missing number
            try:
                when = parse_date(date_text)
            except DateError as err:
                problems.append(Problem("amendments", f"Avenant n° {number_text or '?'} : {err}"))
                when = None
            out.append(Amendment(contract_id, number, when, title, description,
                                 id=self.table.item(row, NUMBER).data(AMENDMENT_ID) or None))
        return out, problems

    def state(self) -> list[tuple[str, ...]]:
        return [tuple(self._text(row, c) for c in range(4)) for row in range(self.table.rowCount())]

    def add_row(self) -> None:
        numbers = []
        for row in range(self.table.rowCount()):
            try:
                numbers.append(int(self._text(row, NUMBER)))
            except ValueError:
                pass
        self._append(None, str(max(numbers, default=0) + 1), "", "", "")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, DATE)
        self.edited.emit()

    def set_row(self, row: int, date_text: str, title: str, description: str = "") -> None:
        for column, text in ((DATE, date_text), (TITLE, title), (DESCRIPTION, description)):
            self.table.item(row, column).setText(text)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def _append(self, amendment_id, *texts: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == NUMBER:
                item.setData(AMENDMENT_ID, amendment_id or 0)  # never None: see contract_signatories.NO_ID
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)
        if texts[DATE] == "":
            self.table.item(row, DATE).setToolTip("jj/mm/aaaa")

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""
