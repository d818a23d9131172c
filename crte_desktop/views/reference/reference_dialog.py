"""The editable reference data: funders and their schemes, and the labels and colours of the
action statuses (their codes are fixed). Every edit goes through DirectoryService and is one
step on the undo stack."""

from __future__ import annotations

import copy

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QColorDialog, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.db.changes import Changes
from crte_desktop.domain.directory import Funder, Scheme
from crte_desktop.domain.enums import FinancingCategory
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.views.reference.national_tabs import LeversTab, MesuresTab
from crte_desktop.views.widgets.dialog_frame import TabbedDialog
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label
from crte_desktop.views.shell.undoable import run_step_or_show
from crte_desktop.views.widgets import enum_combo

RECORD_ID = Qt.ItemDataRole.UserRole + 1


def _table(headers: list[str]) -> QTableWidget:
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


def _item(text: str, record_id: int | str = 0) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(RECORD_ID, record_id)  # never None (see contract_signatories.NO_ID)
    return item


def _select_row(table: QTableWidget, record_id) -> None:
    for row in range(table.rowCount()):
        if table.item(row, 0).data(RECORD_ID) == record_id:
            table.setCurrentCell(row, 0)
            return


def _current_id(table: QTableWidget):
    row = table.currentRow()
    return table.item(row, 0).data(RECORD_ID) if row >= 0 and table.item(row, 0) else None


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class _Editor(QGroupBox):
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


class FundersTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = DirectoryService(ctx.store)
        self._funders: dict[int, Funder] = {}
        self._schemes: dict[int, Scheme] = {}
        self.funder_id: int | None = None  # in the funder form (None: new)
        self.scheme_id: int | None = None

        self.funders = _table(["Financeur", "Sigle", "Public"])
        self.funders.currentCellChanged.connect(self._funder_row_changed)
        self.funder_editor = _Editor("Financeur", "Nouveau financeur")
        self.funder_name = QLineEdit()
        self.funder_short = QLineEdit()
        self.funder_public = QCheckBox("Financeur public (compte dans le taux d'aides publiques)")
        self.funder_editor.form.addRow("Nom *", self.funder_editor.errors.wrap("name", self.funder_name))
        self.funder_editor.form.addRow("Sigle", self.funder_short)
        self.funder_editor.form.addRow("", self.funder_public)
        for w in (self.funder_name, self.funder_short):
            w.textChanged.connect(self._validate_funder)
        self.funder_public.toggled.connect(self._validate_funder)
        self.funder_editor.new_button.clicked.connect(self.new_funder)
        self.funder_editor.save_button.clicked.connect(self.save_funder)
        self.funder_editor.delete_button.clicked.connect(self.delete_funder)

        self.schemes = _table(["Dispositif", "Catégorie par défaut", "Caducité"])
        self.schemes.currentCellChanged.connect(self._scheme_row_changed)
        self.scheme_editor = _Editor("Dispositif", "Nouveau dispositif")
        self.scheme_name = QLineEdit()
        self.scheme_category = enum_combo.fill(QComboBox(), FinancingCategory, "—")
        self.scheme_editor.form.addRow("Nom *", self.scheme_editor.errors.wrap("name", self.scheme_name))
        self.scheme_editor.form.addRow("Catégorie par défaut", self.scheme_category)
        self.scheme_lapse = QSpinBox()
        self.scheme_lapse.setRange(0, 120)
        self.scheme_lapse.setSpecialValueText("aucun")
        self.scheme_lapse.setSuffix(" mois")
        self.scheme_lapse.setToolTip("Caducité : la subvention tombe si les travaux n'ont pas commencé ce délai après "
                                     "la décision (24 mois pour les subventions d'investissement de l'État, décret "
                                     "n° 2018-514, art. 11).")
        self.scheme_editor.form.addRow("Délai de caducité", self.scheme_editor.errors.wrap("lapse_months",
                                                                                            self.scheme_lapse))
        self.scheme_lapse.valueChanged.connect(lambda *_: self.scheme_editor.errors.touch("lapse_months"))
        self.scheme_lapse.valueChanged.connect(self._validate_scheme)
        self.scheme_name.textChanged.connect(self._validate_scheme)
        self.scheme_category.currentIndexChanged.connect(self._validate_scheme)
        self.scheme_editor.new_button.clicked.connect(self.new_scheme)
        self.scheme_editor.save_button.clicked.connect(self.save_scheme)
        self.scheme_editor.delete_button.clicked.connect(self.delete_scheme)
        self.schemes_title = QLabel()
        self.schemes_title.setStyleSheet("font-weight: bold;")

        left = QVBoxLayout()
        left.addWidget(QLabel("Financeurs"))
        left.addWidget(self.funders, 1)
        left.addWidget(self.funder_editor)
        right = QVBoxLayout()
        right.addWidget(self.schemes_title)
        right.addWidget(self.schemes, 1)
        right.addWidget(self.scheme_editor)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        keep_funder, keep_scheme = self.funder_id, self.scheme_id
        self._funders = {f.id: f for f in self.service.funders()}
        self.funders.blockSignals(True)
        self.funders.setRowCount(0)
        for f in self._funders.values():
            row = self.funders.rowCount()
            self.funders.insertRow(row)
            self.funders.setItem(row, 0, _item(f.name, f.id))
            self.funders.setItem(row, 1, _item(f.short_name))
            self.funders.setItem(row, 2, _item("oui" if f.is_public else "non"))
        self.funders.blockSignals(False)
        if keep_funder in self._funders:
            _select_row(self.funders, keep_funder)
            self._show_funder(keep_funder)
        else:  # a new funder being typed, or the shown one was deleted
            self._show_funder(None)
        if keep_scheme in self._schemes:
            _select_row(self.schemes, keep_scheme)
            self._show_scheme(keep_scheme)

    def _funder_row_changed(self, *_) -> None:
        funder_id = _current_id(self.funders)
        if funder_id is not None:
            self._show_funder(funder_id)

    def _show_funder(self, funder_id: int | None) -> None:
        self.funder_id = funder_id
        f = self._funders.get(funder_id) or Funder("", "", True)
        for w in (self.funder_name, self.funder_short, self.funder_public):
            w.blockSignals(True)
        self.funder_name.setText(f.name)
        self.funder_short.setText(f.short_name)
        self.funder_public.setChecked(f.is_public)
        for w in (self.funder_name, self.funder_short, self.funder_public):
            w.blockSignals(False)
        self.funder_editor.setTitle(f"Financeur : {f.label}" if funder_id else "Nouveau financeur")
        self.funder_editor.errors.start(fresh=funder_id not in self._funders)
        self._load_schemes()
        self._validate_funder()

    def _load_schemes(self) -> None:
        funder = self._funders.get(self.funder_id)
        self._schemes = {s.id: s for s in self.service.schemes(self.funder_id)} if funder else {}
        self.schemes_title.setText(f"Dispositifs de « {funder.label} »" if funder else "Dispositifs")
        self.schemes.blockSignals(True)
        self.schemes.setRowCount(0)
        for s in self._schemes.values():
            row = self.schemes.rowCount()
            self.schemes.insertRow(row)
            self.schemes.setItem(row, 0, _item(s.name, s.id))
            self.schemes.setItem(row, 1, _item(s.default_category.label if s.default_category else ""))
            self.schemes.setItem(row, 2, _item(f"{s.lapse_months} mois" if s.lapse_months else ""))
        self.schemes.blockSignals(False)
        self.scheme_editor.setEnabled(funder is not None)
        self.schemes.setEnabled(funder is not None)
        self._show_scheme(None)

    def _scheme_row_changed(self, *_) -> None:
        scheme_id = _current_id(self.schemes)
        if scheme_id is not None:
            self._show_scheme(scheme_id)

    def _show_scheme(self, scheme_id: int | None) -> None:
        self.scheme_id = scheme_id
        s = self._schemes.get(scheme_id)
        for w in (self.scheme_name, self.scheme_category, self.scheme_lapse):
            w.blockSignals(True)
        self.scheme_name.setText(s.name if s else "")
        enum_combo.set_current(self.scheme_category, s.default_category if s else None)
        self.scheme_lapse.setValue(s.lapse_months or 0 if s else 0)
        for w in (self.scheme_name, self.scheme_category, self.scheme_lapse):
            w.blockSignals(False)
        self.scheme_editor.setTitle(f"Dispositif : {s.name}" if s else "Nouveau dispositif")
        self.scheme_editor.errors.start(fresh=s is None)
        self._validate_scheme()

    # -- the forms --------------------------------------------------------------------------------
    def funder_record(self) -> Funder:
        old = self._funders.get(self.funder_id)
        return Funder(self.funder_name.text().strip(), self.funder_short.text().strip(),
                      self.funder_public.isChecked(), old.organisation_id if old else None, self.funder_id)

    def scheme_record(self) -> Scheme:
        return Scheme(self.funder_id or 0, self.scheme_name.text().strip(),
                      enum_combo.current(self.scheme_category, FinancingCategory), self.scheme_id,
                      self.scheme_lapse.value() or None)

    def _validate_funder(self, *_) -> bool:
        record = self.funder_record()
        ok = self.funder_editor.errors.show(self.service.funder_problems(record))
        changed = record != self._funders.get(self.funder_id)
        self.funder_editor.save_button.setEnabled(ok and changed)
        self.funder_editor.delete_button.setEnabled(self.funder_id is not None)
        return ok

    def _validate_scheme(self, *_) -> bool:
        if self.funder_id is None:
            self.scheme_editor.save_button.setEnabled(False)
            return False
        record = self.scheme_record()
        ok = self.scheme_editor.errors.show(self.service.scheme_problems(record))
        changed = record != self._schemes.get(self.scheme_id)
        self.scheme_editor.save_button.setEnabled(ok and changed)
        self.scheme_editor.delete_button.setEnabled(self.scheme_id is not None)
        return ok

    def _run(self, editor: _Editor, text: str, do, undo) -> bool:
        return run_step_or_show(self.ctx.undo_stack, editor.message, text, do, undo)

    def new_funder(self) -> None:
        self.funders.setCurrentCell(-1, -1)
        self._show_funder(None)
        self.funder_name.setFocus()

    def save_funder(self) -> bool:
        self.funder_editor.errors.reveal()
        if not self._validate_funder():
            return False
        after = self.funder_record()
        before = copy.copy(self._funders.get(after.id))
        if before is None:
            ok = self._run(self.funder_editor, f"Ajout du financeur « {after.label} »",
                           lambda: self.service.save_funder(after), lambda: self.service.delete_funder(after.id))
        else:
            ok = self._run(self.funder_editor, f"Modification du financeur « {after.label} »",
                           lambda: self.service.save_funder(copy.copy(after)),
                           lambda: self.service.save_funder(copy.copy(before)))
        if ok:
            self.funder_id = after.id
            self.reload()
        return ok

    def delete_funder(self) -> bool:
        if self.funder_id is None:
            return False
        funder_id = self.funder_id
        snapshot = self.service.funder_snapshot(funder_id)
        ok = self._run(self.funder_editor, f"Suppression du financeur « {snapshot.funder.label} »",
                       lambda: self.service.delete_funder(funder_id), lambda: self.service.restore_funder(snapshot))
        if ok:
            self.funder_id = None
            self.reload()
        return ok

    def new_scheme(self) -> None:
        self.schemes.setCurrentCell(-1, -1)
        self._show_scheme(None)
        self.scheme_name.setFocus()

    def save_scheme(self) -> bool:
        self.scheme_editor.errors.reveal()
        if not self._validate_scheme():
            return False
        after = self.scheme_record()
        before = copy.copy(self._schemes.get(after.id))
        if before is None:
            ok = self._run(self.scheme_editor, f"Ajout du dispositif « {after.name} »",
                           lambda: self.service.save_scheme(after), lambda: self.service.delete_scheme(after.id))
        else:
            ok = self._run(self.scheme_editor, f"Modification du dispositif « {after.name} »",
                           lambda: self.service.save_scheme(copy.copy(after)),
                           lambda: self.service.save_scheme(copy.copy(before)))
        if ok:
            self.scheme_id = after.id
            self.reload()
        return ok

    def delete_scheme(self) -> bool:
        scheme = self._schemes.get(self.scheme_id)
        if scheme is None:
            return False
        snapshot = copy.copy(scheme)
        ok = self._run(self.scheme_editor, f"Suppression du dispositif « {scheme.name} »",
                       lambda: self.service.delete_scheme(snapshot.id),
                       lambda: self.service.save_scheme(copy.copy(snapshot)))
        if ok:
            self.scheme_id = None
            self.reload()
        return ok


class StatusesTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = DirectoryService(ctx.store)
        self._statuses: dict[str, tuple[str, str]] = {}
        self.code: str | None = None
        self.color_dialog: QColorDialog | None = None

        self.table = _table(["Libellé", "Code", "Couleur"])
        self.table.currentCellChanged.connect(lambda *_: self._show(_current_id(self.table)))
        self.editor = _Editor("Statut", "", with_delete=False)
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
            label_item = _item(label, code)
            label_item.setIcon(swatch(color))
            self.table.setItem(row, 0, label_item)
            self.table.setItem(row, 1, _item(code))
            self.table.setItem(row, 2, _item(color))
        self.table.blockSignals(False)
        if keep in self._statuses:
            _select_row(self.table, keep)
            self._show(keep)
        elif self._statuses:
            self.table.setCurrentCell(0, 0)
            self._show(_current_id(self.table))

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
        old_label, old_color = self._statuses[code]
        if not run_step_or_show(self.ctx.undo_stack, self.editor.message, f"Modification du statut « {old_label} »",
                                lambda: self.service.save_status(code, label, color),
                                lambda: self.service.save_status(code, old_label, old_color)):
            return False
        self.reload()
        return True


class ReferenceDialog(TabbedDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "Données de référence", parent)
        self.funders = FundersTab(ctx)
        self.statuses = StatusesTab(ctx)
        self.mesures = MesuresTab(ctx)
        self.levers = LeversTab(ctx)
        self.tabs.addTab(self.funders, "Financeurs et dispositifs")
        self.tabs.addTab(self.statuses, "Statuts des actions")
        self.tabs.addTab(self.mesures, "Mesures du Fonds vert")
        self.tabs.addTab(self.levers, "Leviers SGPE")
        ctx.bus.changed.connect(self._on_changes)
        self.funders.reload()
        if self.funders.funders.rowCount():
            self.funders.funders.setCurrentCell(0, 0)
        self.statuses.reload()
        self.mesures.reload()
        self.levers.reload()

    def sizeHint(self) -> QSize:
        return QSize(1000, 640)

    def _on_changes(self, changes: Changes) -> None:
        if changes.reference or changes.everything:
            self.funders.reload()
            self.statuses.reload()
            self.mesures.reload()

