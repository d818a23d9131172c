"""The signatories table of the contract form: organisation, person, capacity; add, remove, reorder."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.domain.contract import Signatory
from crte_desktop.domain.directory import Organisation, Person

ORG, PERSON, CAPACITY = 0, 1, 2
NO_ID = 0  # the "—" choice. Never store None as item data: PySide6 6.12 reads it back with a refcount bug.


def organisation_text(org: Organisation) -> str:
    return f"{org.name} ({org.short_name})" if org.short_name and org.short_name != org.name else org.name


class SignatoriesEditor(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._orgs: list[Organisation] = []
        self._persons: list[Person] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Organisation", "Personne", "Qualité"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ORG, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CAPACITY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ORG, 300)
        header.resizeSection(PERSON, 220)
        self.table.itemChanged.connect(lambda *_: self.edited.emit())
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton("Ajouter un signataire")
        self.remove_button = QPushButton("Retirer")
        self.up_button = QPushButton("Monter")
        self.down_button = QPushButton("Descendre")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.shift_current(-1))
        self.down_button.clicked.connect(lambda: self.shift_current(+1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- content -------------------------------------------------------------------------------
    def set_directory(self, organisations: list[Organisation], persons: list[Person]) -> None:
        """Refresh the choices (keeps the rows as they are)."""
        rows = self.signatories()
        self._orgs, self._persons = organisations, persons
        self.set_signatories(rows, emit=False)

    def set_signatories(self, signatories: list[Signatory], emit: bool = False) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for s in signatories:
            self._append(s.organisation_id, s.person_id, s.capacity)
        self.table.blockSignals(False)
        self._update_buttons()
        if emit:
            self.edited.emit()

    def signatories(self) -> list[Signatory]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, CAPACITY)
            out.append(Signatory(contract_id=0, organisation_id=self.table.cellWidget(row, ORG).currentData() or None,
                                 person_id=self.table.cellWidget(row, PERSON).currentData() or None,
                                 capacity=(item.text() if item else "").strip(), position=row))
        return out

    def state(self) -> list[tuple]:
        return [(s.organisation_id, s.person_id, s.capacity) for s in self.signatories()]

    # -- edits -----------------------------------------------------------------------------------
    def add_row(self) -> None:
        self._append(None, None, "")
        self.table.setCurrentCell(self.table.rowCount() - 1, ORG)
        self._update_buttons()
        self.edited.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            rows = self.signatories()
            del rows[row]
            self.set_signatories(rows, emit=True)
            if rows:
                self.table.setCurrentCell(min(row, len(rows) - 1), ORG)

    def shift_current(self, step: int) -> None:
        row = self.table.currentRow()
        rows = self.signatories()
        if row < 0 or not 0 <= row + step < len(rows):
            return
        rows[row], rows[row + step] = rows[row + step], rows[row]
        self.set_signatories(rows, emit=True)
        self.table.setCurrentCell(row + step, ORG)

    def set_row(self, row: int, organisation_id: int | None, person_id: int | None,
                capacity: str | None = None) -> None:
        """Choose the organisation and person of a row (what the combo boxes do)."""
        self._select(self.table.cellWidget(row, ORG), organisation_id)
        self._select(self.table.cellWidget(row, PERSON), person_id)
        if capacity is not None:
            self.table.item(row, CAPACITY).setText(capacity)

    # -- internals -------------------------------------------------------------------------------
    def _append(self, organisation_id, person_id, capacity) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        org_box = QComboBox()
        org_box.addItem("—", NO_ID)
        for o in self._orgs:
            org_box.addItem(organisation_text(o), o.id)
        person_box = QComboBox()
        person_box.addItem("—", NO_ID)
        for p in self._persons:
            person_box.addItem(p.full_name, p.id)
        self._select(org_box, organisation_id)
        self._select(person_box, person_id)
        self.table.setCellWidget(row, ORG, org_box)
        self.table.setCellWidget(row, PERSON, person_box)
        self.table.setItem(row, CAPACITY, QTableWidgetItem(capacity))
        for box in (org_box, person_box):  # long names are cut in the cell: show them whole on hover
            box.setToolTip(box.currentText())
            box.currentIndexChanged.connect(lambda *_, b=box: b.setToolTip(b.currentText()))
        org_box.currentIndexChanged.connect(lambda *_: self.edited.emit())
        person_box.currentIndexChanged.connect(lambda *_, box=person_box: self._person_chosen(box))

    def _person_chosen(self, box: QComboBox) -> None:
        """Choosing a person fills in their organisation and function when still empty."""
        row = next((r for r in range(self.table.rowCount()) if self.table.cellWidget(r, PERSON) is box), -1)
        person = next((p for p in self._persons if p.id == box.currentData()), None)
        if row >= 0 and person is not None:
            org_box = self.table.cellWidget(row, ORG)
            if not org_box.currentData() and person.organisation_id is not None:
                self._select(org_box, person.organisation_id)
            item = self.table.item(row, CAPACITY)
            if item is not None and not item.text().strip() and person.function:
                item.setText(person.function)
        self.edited.emit()

    @staticmethod
    def _select(box: QComboBox, value: int | None) -> None:
        index = box.findData(value or NO_ID)
        box.setCurrentIndex(index if index >= 0 else 0)

    def _update_buttons(self) -> None:
        row, count = self.table.currentRow(), self.table.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

