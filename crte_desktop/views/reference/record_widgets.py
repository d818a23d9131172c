"""What the reference-data tabs share: a read-only table whose rows carry their record's id, and the small
form under it (fields with their messages, New / Delete / Save)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label

RECORD_ID = Qt.ItemDataRole.UserRole + 1


def record_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def record_item(text: str, record_id: int | str = 0) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(RECORD_ID, record_id)  # never None (see contract_signatories.NO_ID)
    return item


def select_row(table: QTableWidget, record_id) -> None:
    for row in range(table.rowCount()):
        if table.item(row, 0).data(RECORD_ID) == record_id:
            table.setCurrentCell(row, 0)
            return


def current_id(table: QTableWidget):
    row = table.currentRow()
    return table.item(row, 0).data(RECORD_ID) if row >= 0 and table.item(row, 0) else None


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class RecordEditor(QGroupBox):
    """A small form under a table: fields with their messages, New / Delete / Save."""

    def __init__(self, title: str, new_text: str, with_delete: bool = True):
        super().__init__(title)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.message = message_label()
        self.errors.general = self.message
        self.new_button = QPushButton(new_text)
        self.delete_button = QPushButton("Supprimer")
        self.save_button = QPushButton("Enregistrer")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        if with_delete:
            buttons.addWidget(self.delete_button)
        else:
            self.new_button.hide()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
