"""The funders and their schemes: a table of each, a small form under it; every edit is one undo step
through DirectoryService, checked against the version shown (a record changed elsewhere meanwhile is refused
in a box, the typed values staying in the form)."""

from __future__ import annotations


from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from crte_desktop.domain.directory import Funder, Scheme
from crte_desktop.domain.enums import FinancingCategory
from crte_desktop.views.reference.record_widgets import (RecordEditor, current_id, record_item, record_table,
                                                         select_row)
from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets import enum_combo


class FundersTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.directory
        self._funders: dict[int, Funder] = {}
        self._schemes: dict[int, Scheme] = {}
        self.funder_id: int | None = None  # in the funder form (None: new)
        self.scheme_id: int | None = None

        self.funders = record_table(["Financeur", "Sigle", "Public"])
        self.funders.currentCellChanged.connect(self._funder_row_changed)
        self.funder_editor = RecordEditor("Financeur", "Nouveau financeur")
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

        self.schemes = record_table(["Dispositif", "Catégorie par défaut", "Caducité"])
        self.schemes.currentCellChanged.connect(self._scheme_row_changed)
        self.scheme_editor = RecordEditor("Dispositif", "Nouveau dispositif")
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
            self.funders.setItem(row, 0, record_item(f.name, f.id))
            self.funders.setItem(row, 1, record_item(f.short_name))
            self.funders.setItem(row, 2, record_item("oui" if f.is_public else "non"))
        self.funders.blockSignals(False)
        if keep_funder in self._funders:
            select_row(self.funders, keep_funder)
            self._show_funder(keep_funder)
        else:  # a new funder being typed, or the shown one was deleted
            self._show_funder(None)
        if keep_scheme in self._schemes:
            select_row(self.schemes, keep_scheme)
            self._show_scheme(keep_scheme)

    def _funder_row_changed(self, *_) -> None:
        funder_id = current_id(self.funders)
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
            self.schemes.setItem(row, 0, record_item(s.name, s.id))
            self.schemes.setItem(row, 1, record_item(s.default_category.label if s.default_category else ""))
            self.schemes.setItem(row, 2, record_item(f"{s.lapse_months} mois" if s.lapse_months else ""))
        self.schemes.blockSignals(False)
        self.scheme_editor.setEnabled(funder is not None)
        self.schemes.setEnabled(funder is not None)
        self._show_scheme(None)

    def _scheme_row_changed(self, *_) -> None:
        scheme_id = current_id(self.schemes)
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
                      self.funder_public.isChecked(), old.organisation_id if old else None, self.funder_id,
                      old.row_version if old else 1)  # the version shown: a save over a newer one is refused

    def scheme_record(self) -> Scheme:
        old = self._schemes.get(self.scheme_id)
        return Scheme(self.funder_id or 0, self.scheme_name.text().strip(),
                      enum_combo.current(self.scheme_category, FinancingCategory), self.scheme_id,
                      self.scheme_lapse.value() or None, old.row_version if old else 1)

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

    def _run(self, editor: RecordEditor, step) -> bool:
        """One undoable edit, built by DirectoryService; a refusal is shown under the form."""
        return run_or_show(self.ctx.undo_stack, editor.message, step)

    def new_funder(self) -> None:
        self.funders.setCurrentCell(-1, -1)
        self._show_funder(None)
        self.funder_name.setFocus()

    def save_funder(self) -> bool:
        self.funder_editor.errors.reveal()
        if not self._validate_funder():
            return False
        after = self.funder_record()
        ok = self._run(self.funder_editor, lambda: self.service.save_funder_step(after))
        if ok:
            self.funder_id = after.id
            self.reload()
        return ok

    def delete_funder(self) -> bool:
        funder = self._funders.get(self.funder_id)
        if funder is None:
            return False
        ok = self._run(self.funder_editor, lambda: self.service.delete_funder_step(funder.id, funder.row_version))
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
        ok = self._run(self.scheme_editor, lambda: self.service.save_scheme_step(after))
        if ok:
            self.scheme_id = after.id
            self.reload()
        return ok

    def delete_scheme(self) -> bool:
        scheme = self._schemes.get(self.scheme_id)
        if scheme is None:
            return False
        ok = self._run(self.scheme_editor, lambda: self.service.delete_scheme_step(scheme.id, scheme.row_version))
        if ok:
            self.scheme_id = None
            self.reload()
        return ok
