"""Attendance at a meeting: présent, excusé, représenté par…, absent for each member of the committee, and
the invited guests; the attendance sheet to print and sign (feuille d'émargement)."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import AttendanceEntry, AttendanceStatus
from crte_desktop.domain.wording import agree, civility_of
from crte_desktop.views.widgets.small_screen import FlowLayout
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.meetings.meeting_files import export_meeting_document, show_info
from crte_desktop.views.meetings.meeting_undo import meeting_step
from crte_desktop.views.widgets import enum_combo

HEADERS = ["Nom", "Organisation", "Qualité", "Présence", "Représenté par", "Commentaire"]
NAME, ORGANISATION, ROLE, STATUS, REPRESENTED, COMMENT = range(6)


class AttendanceEditor(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.attendance
        self.meeting_id: int | None = None
        self.entries: list[AttendanceEntry] = []  # the lines as loaded (members not yet recorded included)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((NAME, 190), (ORGANISATION, 170), (ROLE, 170), (STATUS, 110), (REPRESENTED, 160)):
            self.table.setColumnWidth(col, width)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.counts_label = QLabel()
        self.add_guest_button = QPushButton("Ajouter un invité")
        self.remove_guest_button = QPushButton("Retirer l'invité")
        self.save_button = QPushButton("Enregistrer la présence")
        self.sheet_pdf_button = QPushButton("Feuille d'émargement (PDF)…")
        self.sheet_docx_button = QPushButton("Feuille d'émargement (DOCX)…")
        self.add_guest_button.clicked.connect(lambda: self.add_guest())
        self.remove_guest_button.clicked.connect(self.remove_guest)
        self.save_button.clicked.connect(self.save)
        self.sheet_pdf_button.clicked.connect(lambda: self.export_sheet_pdf())
        self.sheet_docx_button.clicked.connect(lambda: self.export_sheet_docx())
        self.message = message_label()

        row = QHBoxLayout()
        row.addLayout(FlowLayout.of([self.add_guest_button, self.remove_guest_button]), 1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        sheet = FlowLayout.of([self.sheet_pdf_button, self.sheet_docx_button])
        layout = QVBoxLayout(self)
        intro = QLabel("Présence des membres du comité et des invités. Les invités se saisissent "
                       "directement dans le tableau.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(sheet)
        self.table.itemChanged.connect(lambda _i: self._update())
        self.table.itemSelectionChanged.connect(self._update)
        self.set_meeting(None)

    # -- loading -------------------------------------------------------------------------------------
    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.setEnabled(meeting_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.service.sheet(self.meeting_id) if self.meeting_id is not None else []
        self._fill(self.entries)

    def _fill(self, entries: list[AttendanceEntry]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for e in entries:
            self._append(e)
        self.table.blockSignals(False)
        saved = self.service.counts(self.meeting_id) if self.meeting_id is not None else {}
        parts = [f"{n} {s.label.lower()}{'s' if n > 1 else ''}" for s, n in saved.items() if n]
        self.counts_label.setText("Enregistré : " + ", ".join(parts) if parts else "Présence pas encore enregistrée.")
        show_message(self.message, "")
        self._update()

    def _append(self, e: AttendanceEntry) -> None:
        blocked = self.table.blockSignals(True)  # no change notice while the row is half built
        try:
            self._build_row(e)
        finally:
            self.table.blockSignals(blocked)

    def _build_row(self, e: AttendanceEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in ((NAME, e.name), (ORGANISATION, e.organisation_name), (ROLE, e.role_label),
                          (REPRESENTED, e.represented_by), (COMMENT, e.comment)):
            cell = QTableWidgetItem(text)
            if col in (NAME, ORGANISATION, ROLE) and not e.is_guest:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                cell.setToolTip(text)
            self.table.setItem(row, col, cell)
        self.table.item(row, NAME).setData(Qt.ItemDataRole.UserRole, copy.deepcopy(e))
        combo = QComboBox()
        enum_combo.fill(combo, AttendanceStatus)
        civility = civility_of(e.name)
        for i in range(combo.count()):  # « Présente », « Excusée » for a woman
            combo.setItemText(i, agree(combo.itemText(i), civility))
        enum_combo.set_current(combo, e.status)
        combo.currentIndexChanged.connect(lambda _i: self._update())
        self.table.setCellWidget(row, STATUS, combo)

    # -- editing -------------------------------------------------------------------------------------
    def edited(self) -> list[AttendanceEntry]:
        result = []
        for row in range(self.table.rowCount()):
            e = copy.deepcopy(self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole))
            e.name = self.table.item(row, NAME).text().strip()
            e.organisation_name = self.table.item(row, ORGANISATION).text().strip()
            e.role_label = self.table.item(row, ROLE).text().strip()
            e.status = enum_combo.current(self.table.cellWidget(row, STATUS), AttendanceStatus)
            e.represented_by = self.table.item(row, REPRESENTED).text().strip()
            e.comment = self.table.item(row, COMMENT).text().strip()
            result.append(e)
        return result

    def set_status(self, row: int, status: AttendanceStatus, represented_by: str = "") -> None:
        enum_combo.set_current(self.table.cellWidget(row, STATUS), status)
        self.table.item(row, REPRESENTED).setText(represented_by)

    @property
    def is_dirty(self) -> bool:
        """Changed in the table and not yet recorded."""
        return self.meeting_id is not None and self.edited() != self.entries

    def _update(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        guest = bool(rows) and self.edited()[rows[0].row()].is_guest
        self.remove_guest_button.setEnabled(guest)
        never = self.meeting_id is not None and not self.service.saved(self.meeting_id)
        self.save_button.setEnabled(self.meeting_id is not None and (self.is_dirty or never))

    def add_guest(self, name: str = "", organisation: str = "") -> int:
        """A new line for a guest, to fill in the table; returns its row."""
        if self.meeting_id is None:
            return -1
        self._append(self.service.guest(self.meeting_id, name, organisation))
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, NAME)
        if not name:
            self.table.editItem(self.table.item(row, NAME))
        self._update()
        return row

    def remove_guest(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.edited()[rows[0].row()].is_guest:
            self.table.removeRow(rows[0].row())
            self._update()

    def save(self) -> bool:
        if self.meeting_id is None:
            return False
        entries = self.edited()
        try:
            meeting_step(self.ctx, "Feuille de présence", self.meeting_id,
                         lambda: self.service.save(self.meeting_id, entries))
        except ValidationError as err:
            show_message(self.message, "\n".join(p.message for p in err.problems if p.is_error))
            return False
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self.refresh()
        show_info(self.message, "Présence enregistrée.")
        self.changed.emit()
        return True

    # -- the sheet to sign -------------------------------------------------------------------------------
    def _export(self, write, suffix: str, path: str | None) -> str | None:
        if self.meeting_id is None:
            return None
        return export_meeting_document(self, self.ctx, self.meeting_id, self.message, write, "Feuille d'émargement",
                                       suffix, path)

    def export_sheet_pdf(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.attendance_pdf, ".pdf", path)

    def export_sheet_docx(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.attendance_docx, ".docx", path)
