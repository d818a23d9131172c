"""Reference data of the CRTE since 2023: the Fonds vert mesures (editable, each edit one undo step) and
the 50 SGPE levers (the national list, read-only, with its source)."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from crte_desktop.domain.directory import FondsVertMesure
from crte_desktop.domain.text import fold
from crte_desktop.domain.wording import plural
from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label

RECORD_ID = Qt.ItemDataRole.UserRole + 1
NO_YEAR = 2019  # the spin boxes' "—"


def _year_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(NO_YEAR, 2100)
    spin.setSpecialValueText("—")
    spin.setMaximumWidth(100)
    return spin


def _years(m: FondsVertMesure) -> str:
    if m.first_year and m.last_year:
        return f"{m.first_year}–{m.last_year}"
    if m.first_year:
        return f"depuis {m.first_year}"
    if m.last_year:
        return f"jusqu'en {m.last_year}"
    return ""


class MesuresTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.directory
        self._mesures: dict[int, FondsVertMesure] = {}
        self.mesure_id: int | None = None

        intro = QLabel("Les mesures du Fonds vert changent chaque année : complétez la liste, indiquez les années "
                       "où chaque mesure est ouverte. Une mesure utilisée par une ligne de financement ne peut pas "
                       "être supprimée.")
        intro.setWordWrap(True)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #555555;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Mesure", "Axe", "Années"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(self._row_changed)

        self.editor = QGroupBox("Mesure")
        self.errors = FieldErrors()
        self.message = message_label()
        self.errors.general = self.message
        self.name = QLineEdit()
        self.axis = QLineEdit()
        self.axis.setPlaceholderText("ex. Adaptation au changement climatique")
        self.first_year = _year_spin()
        self.last_year = _year_spin()
        form = QFormLayout()
        form.addRow("Nom *", self.errors.wrap("name", self.name))
        form.addRow("Axe", self.axis)
        form.addRow("Première année", self.errors.wrap("first_year", self.first_year))
        form.addRow("Dernière année", self.errors.wrap("last_year", self.last_year))
        self.new_button = QPushButton("Nouvelle mesure")
        self.delete_button = QPushButton("Supprimer")
        self.save_button = QPushButton("Enregistrer")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self.editor)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.source)
        layout.addWidget(self.editor)

        for w in (self.name, self.axis):
            w.textChanged.connect(self._validate)
        for name, w in (("first_year", self.first_year), ("last_year", self.last_year)):
            w.valueChanged.connect(lambda *_, n=name: self.errors.touch(n))  # a spin box's text is not watched
            w.valueChanged.connect(self._validate)
        self.new_button.clicked.connect(self.new_mesure)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)

    def reload(self) -> None:
        keep = self.mesure_id
        self._mesures = {m.id: m for m in self.service.national.mesures()}
        self.source.setText("Source de la liste initiale : " + self.service.national.source("fonds_vert_mesures"))
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for m in self._mesures.values():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, text in enumerate((m.name, m.axis, _years(m))):
                item = QTableWidgetItem(text)
                item.setData(RECORD_ID, m.id)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._show(keep if keep in self._mesures else None)
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(RECORD_ID) == self.mesure_id:
                self.table.blockSignals(True)
                self.table.setCurrentCell(row, 0)
                self.table.blockSignals(False)

    def _row_changed(self, row: int, *_args) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None:
            self._show(item.data(RECORD_ID))

    def _show(self, mesure_id: int | None) -> None:
        self.mesure_id = mesure_id
        m = self._mesures.get(mesure_id)
        widgets = (self.name, self.axis, self.first_year, self.last_year)
        for w in widgets:
            w.blockSignals(True)
        self.name.setText(m.name if m else "")
        self.axis.setText(m.axis if m else "")
        self.first_year.setValue(m.first_year or NO_YEAR if m else NO_YEAR)
        self.last_year.setValue(m.last_year or NO_YEAR if m else NO_YEAR)
        for w in widgets:
            w.blockSignals(False)
        self.editor.setTitle(f"Mesure : {m.name}" if m else "Nouvelle mesure")
        self.errors.start(fresh=m is None)
        self._validate()

    def record(self) -> FondsVertMesure:
        old = self._mesures.get(self.mesure_id)
        first, last = self.first_year.value(), self.last_year.value()
        return FondsVertMesure(self.name.text().strip(), self.axis.text().strip(),
                               None if first == NO_YEAR else first, None if last == NO_YEAR else last,
                               old.position if old else 0, self.mesure_id,
                               old.row_version if old else 1)  # the version shown: a save over a newer one is refused

    def _validate(self, *_) -> bool:
        record = self.record()
        ok = self.errors.show(self.service.mesure_problems(record))
        self.save_button.setEnabled(ok and record != self._mesures.get(self.mesure_id))
        self.delete_button.setEnabled(self.mesure_id is not None)
        return ok

    def new_mesure(self) -> None:
        self.table.setCurrentCell(-1, -1)
        self._show(None)
        self.name.setFocus()

    def save(self) -> bool:
        self.errors.reveal()
        if not self._validate():
            return False
        after = self.record()
        ok = run_or_show(self.ctx.undo_stack, self.message, lambda: self.service.save_mesure_step(after))
        if ok:
            self.mesure_id = after.id
            self.reload()
        return ok

    def delete(self) -> bool:
        m = self._mesures.get(self.mesure_id)
        if m is None:
            return False
        ok = run_or_show(self.ctx.undo_stack, self.message, lambda: self.service.delete_mesure_step(m.id, m.row_version))
        if ok:
            self.mesure_id = None
            self.reload()
        return ok


class LeversTab(QWidget):
    """The national list, as published: read-only (the actions choose from it)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = ctx.workspace.directory
        intro = QLabel("Les 50 leviers de la planification écologique du Secrétariat général à la planification "
                       "écologique (SGPE). Chaque action en choisit un ou plusieurs (onglet « Évaluation "
                       "environnementale » de la fiche). La liste est nationale : elle n'est pas modifiable ici.")
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un levier…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #555555;")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.source)
        self.search.textChanged.connect(self._filter)

    def reload(self) -> None:
        usage = self.service.national.lever_usage()
        self.list.clear()
        for lever in self.service.national.levers():
            used = usage.get(lever.id, 0)
            self.list.addItem(lever.name + (f"  ({plural(used, 'action')})" if used else ""))
        self.source.setText("Source : " + self.service.national.source("sgpe_levers"))
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(w in fold(item.text()) for w in words))
