"""The labels and colours of the action statuses (their codes are fixed); every edit is one undo step
through DirectoryService."""

from __future__ import annotations


from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QColorDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from crte_desktop.views.reference.record_widgets import (RecordEditor, current_id, record_item, record_table,
                                                         select_row, swatch)
from crte_desktop.views.shell.undoable import run_or_show


class StatusesTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.directory
        self._statuses: dict[str, tuple[str, str]] = {}
        self.code: str | None = None
        self.color_dialog: QColorDialog | None = None

        self.table = record_table(["Libellé", "Code", "Couleur"])
        self.table.currentCellChanged.connect(lambda *_: self._show(current_id(self.table)))
        self.editor = RecordEditor("Statut", "", with_delete=False)
        self.code_label = QLabel()
        self.label_edit = QLineEdit()
        self.color_edit = QLineEdit()
        self.color_edit.setPlaceholderText("#RRVVBB")
        self.color_edit.setMaximumWidth(110)
        self.color_button = QPushButton("Choisir…")
        self.color_button.clicked.connect(self.pick_color)
        color_row = QWidget()
        row = QHBoxLayout(color_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.color_edit)
        row.addWidget(self.color_button)
        row.addStretch(1)
        self.editor.form.addRow("Code", self.code_label)
        self.editor.form.addRow("Libellé *", self.editor.errors.wrap("label", self.label_edit))
        self.editor.form.addRow("Couleur", self.editor.errors.wrap("color", color_row))
        self.label_edit.textChanged.connect(self._validate)
        self.color_edit.textChanged.connect(self._validate)
        self.editor.save_button.clicked.connect(self.save)
        note = QLabel("Les codes des statuts sont fixes (ils servent aux échanges de fichiers) ; leur libellé et "
                      "leur couleur s'affichent dans les tableaux, le tableau de bord et les documents.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)

    def reload(self) -> None:
        keep = self.code
        self._statuses = self.service.statuses()
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for code, (label, color) in self._statuses.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            label_item = record_item(label, code)
            label_item.setIcon(swatch(color))
            self.table.setItem(row, 0, label_item)
            self.table.setItem(row, 1, record_item(code))
            self.table.setItem(row, 2, record_item(color))
        self.table.blockSignals(False)
        if keep in self._statuses:
            select_row(self.table, keep)
            self._show(keep)
        elif self._statuses:
            self.table.setCurrentCell(0, 0)
            self._show(current_id(self.table))

    def _show(self, code: str | None) -> None:
        self.code = code
        label, color = self._statuses.get(code, ("", ""))
        for w in (self.label_edit, self.color_edit):
            w.blockSignals(True)
        self.code_label.setText(code or "")
        self.label_edit.setText(label)
        self.color_edit.setText(color)
        for w in (self.label_edit, self.color_edit):
            w.blockSignals(False)
        self.editor.setTitle(f"Statut : {label}" if code else "Statut")
        self._validate()

    def _validate(self, *_) -> bool:
        if self.code is None:
            self.editor.save_button.setEnabled(False)
            return False
        label, color = self.label_edit.text().strip(), self.color_edit.text().strip()
        ok = self.editor.errors.show(self.service.status_problems(self.code, label, color))
        self.editor.save_button.setEnabled(ok and (label, color.lower()) != self._statuses.get(self.code))
        if ok:
            self.color_button.setIcon(swatch(color))
        return ok

    def pick_color(self) -> None:
        """Open the colour picker (not blocking); the chosen colour fills the field."""
        dialog = QColorDialog(QColor(self.color_edit.text() or "#9e9e9e"), self)
        dialog.setWindowTitle("Couleur du statut")
        dialog.colorSelected.connect(lambda c: self.color_edit.setText(c.name()))
        dialog.finished.connect(lambda *_: setattr(self, "color_dialog", None))
        self.color_dialog = dialog
        dialog.open()

    def save(self) -> bool:
        if not self._validate():
            return False
        code = self.code
        label, color = self.label_edit.text().strip(), self.color_edit.text().strip().lower()
        if not run_or_show(self.ctx.undo_stack, self.editor.message, self.service.save_status_step(code, label, color)):
            return False
        self.reload()
        return True
