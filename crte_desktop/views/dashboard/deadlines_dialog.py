"""Editing the deposit deadlines (reference data): per scheme and department, the day and month by which the
applications must be deposited each year. Shown in the calendar of obligations. Each save or deletion is one
undo step (DashboardService.save_deadline_step, delete_deadline_step); read-only, the dialog only shows them."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from crte_desktop.domain.obligations import DepositDeadline
from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.read_only import enable_writing

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


class DeadlinesDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Dates limites de dépôt des dossiers")
        self.ctx = ctx
        self.dashboard = ctx.workspace.dashboard
        self.schemes = self.dashboard.scheme_labels()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._selected)
        self.scheme = QComboBox()
        for sid, label in sorted(self.schemes.items(), key=lambda item: item[1].casefold()):
            self.scheme.addItem(label, sid)
        self.department = QLineEdit()
        self.department.setPlaceholderText("ex. 59 ; vide = tous")
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.month = QComboBox()
        self.month.addItems(MONTHS)
        self.note = QLineEdit()
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.month, 1)
        form = QFormLayout()
        form.addRow("Dispositif", self.scheme)
        form.addRow("Département", self.department)
        form.addRow("Date limite (chaque année)", when)
        form.addRow("Précision", self.note)
        self.message = message_label(self)
        self.new_button = QPushButton("Nouvelle")
        self.save_button = QPushButton("Enregistrer")
        self.delete_button = QPushButton("Supprimer")
        close = QPushButton("Fermer")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(560, 460)
        self.current: DepositDeadline | None = None
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.items = self.dashboard.deadlines()
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.items:
            where = f" — département {d.department}" if d.department else " — tous départements"
            QListWidgetItem(f"{d.day:02d} {MONTHS[d.month - 1]} : {self.schemes.get(d.scheme_id, '?')}{where}",
                            self.list)
        self.list.blockSignals(False)
        index = next((i for i, d in enumerate(self.items) if d.id == select), -1)
        if index >= 0:
            self.list.setCurrentRow(index)
        else:
            self.new()

    def _selected(self, row: int) -> None:
        if 0 <= row < len(self.items):
            d = self.items[row]
            self.current = d
            self.scheme.setCurrentIndex(max(self.scheme.findData(d.scheme_id), 0))
            self.department.setText(d.department)
            self.day.setValue(d.day)
            self.month.setCurrentIndex(d.month - 1)
            self.note.setText(d.note)
            self._update_buttons()

    def new(self) -> None:
        self.current = None
        self.list.clearSelection()
        self.department.clear()
        self.note.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        store = self.ctx.store
        enable_writing(store, self.new_button, True)
        enable_writing(store, self.save_button, True, "Enregistrer la date limite (annulable avec Ctrl+Z)")
        enable_writing(store, self.delete_button, self.current is not None, "Supprimer la date limite choisie "
                                                                            "(annulable avec Ctrl+Z)")

    def save(self) -> bool:
        d = DepositDeadline(self.scheme.currentData(), self.month.currentIndex() + 1, self.day.value(),
                            self.department.text(), self.note.text(), id=self.current.id if self.current else None)
        if not run_or_show(self.ctx.undo_stack, self.message, lambda: self.dashboard.save_deadline_step(d)):
            return False
        show_message(self.message, "")
        self.reload(select=d.id)
        return True

    def delete(self) -> None:
        if self.current is not None and self.current.id is not None:
            deadline_id = self.current.id
            if run_or_show(self.ctx.undo_stack, self.message, lambda: self.dashboard.delete_deadline_step(deadline_id)):
                show_message(self.message, "")
                self.reload()
