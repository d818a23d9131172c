"""The contract form: general fields, signatories, amendments and the tree of sections.

Usable in a tab or a dialog. Saving the fields, signatories and amendments is one undo step;
each edit of the section tree is its own step (the tree needs the contract saved first)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
                               QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from crte_desktop.db.changes import Changes
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.contract_rules import format_level_names, parse_level_names
from crte_desktop.domain.dates import DateError, format_date, parse_date
from crte_desktop.domain.enums import ContractGeneration
from crte_desktop.domain.errors import Problem
from crte_desktop.editing.contracts import ContractBundle
from crte_desktop.views.contracts.contract_logo import ContractLogo
from crte_desktop.views.contracts.contract_amendments import AmendmentsEditor
from crte_desktop.views.contracts.contract_signatories import SignatoriesEditor
from crte_desktop.views.widgets import enum_combo
from crte_desktop.views.widgets.date_edit import DateEdit
from crte_desktop.views.widgets.dialog_frame import add_undo_redo_actions
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label
from crte_desktop.views.widgets.read_only import lock_writing
from crte_desktop.views.contracts.section_tree import SectionTree
from crte_desktop.views.shell.undoable import run_or_show

GENERAL_TAB, SIGNATORIES_TAB, AMENDMENTS_TAB, SECTIONS_TAB = range(4)


class ContractForm(QWidget):
    saved = Signal(int)  # the contract id
    closed = Signal()

    def __init__(self, ctx, contract_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.contracts
        self.directory = ctx.workspace.directory
        self.contract_id: int | None = None
        self._loaded: ContractBundle | None = None  # as saved, None for a new contract
        self._clean_state = None
        self._lost_id: int | None = None  # a contract whose creation was undone while the form is open
        self._lost_state = None
        self._window_actions_installed = False
        self.setWindowTitle("Contrat")

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")

        # general fields
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ex. CRTE du Douaisis")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("ex. Contrat pour la réussite de la transition écologique du Douaisis")
        self.territory_edit = QLineEdit()
        self.territory_edit.setPlaceholderText("ex. Arrondissement de Douai")
        self.signature_edit = DateEdit()
        self.signature_edit.setMaximumWidth(140)
        self.start_year_edit = QLineEdit()
        self.start_year_edit.setPlaceholderText("aaaa")
        self.start_year_edit.setMaximumWidth(140)
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(1, 20)
        self.duration_spin.setValue(6)
        self.duration_spin.setSuffix(" ans")
        self.duration_spin.setMaximumWidth(140)
        self.period_label = QLabel()
        self.levels_edit = QLineEdit()
        self.levels_edit.setPlaceholderText("ex. Volet → Orientation")
        self.levels_edit.setToolTip("Du plus général au plus détaillé, séparés par → , > ou une virgule.")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("Objet du contrat, ambition, périmètre…")
        self.id_crte_edit = QLineEdit()
        self.id_crte_edit.setPlaceholderText("identifiant du CRTE dans la liste nationale")
        self.id_crte_edit.setMaximumWidth(260)
        self.generation_combo = enum_combo.fill(QComboBox(), ContractGeneration)

        self.errors = FieldErrors()
        years = QWidget()
        years_row = QHBoxLayout(years)
        years_row.setContentsMargins(0, 0, 0, 0)
        years_row.addWidget(self.duration_spin)
        years_row.addWidget(self.period_label)
        years_row.addStretch(1)
        general = QWidget()
        form = QFormLayout(general)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Nom *", self.errors.wrap("name", self.name_edit))
        form.addRow("Intitulé complet", self.title_edit)
        form.addRow("Territoire", self.territory_edit)
        form.addRow("Date de signature", self.errors.wrap("signature_date", self.signature_edit))
        form.addRow("Année de début", self.errors.wrap("start_year", self.start_year_edit))
        form.addRow("Durée", self.errors.wrap("duration_years", years))
        form.addRow("Noms des niveaux *", self.errors.wrap("level_names", self.levels_edit))
        form.addRow("Génération", self.generation_combo)
        form.addRow("Identifiant national", self.errors.wrap("id_crte", self.id_crte_edit))
        form.addRow("Description", self.description_edit)
        self.logo = ContractLogo(ctx, self.service)
        form.addRow("Logo (dossiers de séance)", self.logo)

        self.signatories = SignatoriesEditor()
        self.amendments = AmendmentsEditor()
        self.sections = SectionTree(ctx)
        signatories_tab = QWidget()
        box = QVBoxLayout(signatories_tab)
        box.addWidget(QLabel("Les signataires du contrat, dans l'ordre où ils apparaissent sur le document."))
        box.addWidget(self.errors.wrap("signatories", self.signatories), 1)
        amendments_tab = QWidget()
        box = QVBoxLayout(amendments_tab)
        box.addWidget(QLabel("Les avenants signés depuis le contrat initial."))
        box.addWidget(self.errors.wrap("amendments", self.amendments), 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(general, "Contrat")
        self.tabs.addTab(signatories_tab, "Signataires")
        self.tabs.addTab(amendments_tab, "Avenants")
        self.tabs.addTab(self.sections, "Sections")

        self.message = message_label()
        self.errors.general = self.message
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Enregistrer le contrat (Ctrl+S)")
        self.revert_button = QPushButton("Abandonner les modifications")
        self.revert_button.setToolTip("Revenir à la version enregistrée du contrat")
        self.close_button = QPushButton("Fermer")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.close_button.clicked.connect(self.request_close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        for edit in (self.name_edit, self.title_edit, self.territory_edit, self.signature_edit,
                     self.start_year_edit, self.levels_edit, self.id_crte_edit):
            edit.textChanged.connect(self._edited)
        self.generation_combo.currentIndexChanged.connect(self._edited)
        self.description_edit.textChanged.connect(self._edited)
        self.duration_spin.valueChanged.connect(self._edited)
        self.signatories.edited.connect(self._edited)
        self.amendments.edited.connect(self._edited)
        self.levels_edit.textChanged.connect(
            lambda text: self.sections.preview_level_names(parse_level_names(text)))
        ctx.bus.changed.connect(self._on_changes)

        self._load_directory()
        self.load(contract_id)
        # a read-only window shows the contract, its signatories, amendments, logo and sections without writing
        lock_writing(ctx.store, [self.tabs, self.save_button, self.revert_button])

    def sizeHint(self) -> QSize:
        return QSize(960, 640)

    # -- state -----------------------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return self._state() != self._clean_state

    def _state(self) -> tuple:
        return (self.name_edit.text(), self.title_edit.text(), self.territory_edit.text(),
                self.signature_edit.text().strip(), self.start_year_edit.text().strip(), self.duration_spin.value(),
                parse_level_names(self.levels_edit.text()), self.description_edit.toPlainText(),
                self.signatories.state(), self.amendments.state(), self.id_crte_edit.text().strip(),
                self.generation_combo.currentData())

    def load(self, contract_id: int | None) -> None:
        """Show a saved contract (or an empty form for a new one), dropping unsaved edits."""
        bundle = self.service.load(contract_id) if contract_id is not None else None
        self._loaded = bundle.copy() if bundle else None
        self.contract_id = contract_id
        self._fill(bundle or self.service.new_bundle())
        self.sections.set_contract(contract_id)
        self.logo.set_contract(contract_id)

    def _fill(self, bundle: ContractBundle) -> None:
        c = bundle.contract
        widgets = (self.name_edit, self.title_edit, self.territory_edit, self.signature_edit,
                   self.start_year_edit, self.levels_edit, self.description_edit, self.duration_spin,
                   self.id_crte_edit, self.generation_combo)
        for w in widgets:
            w.blockSignals(True)
        self.name_edit.setText(c.name)
        self.title_edit.setText(c.title)
        self.territory_edit.setText(c.territory)
        self.signature_edit.setText(format_date(c.signature_date))
        self.start_year_edit.setText(str(c.start_year) if c.start_year else "")
        self.duration_spin.setValue(c.duration_years)
        self.levels_edit.setText(format_level_names(c.level_names))
        self.description_edit.setPlainText(c.description)
        self.id_crte_edit.setText(c.id_crte)
        enum_combo.set_current(self.generation_combo, c.generation)
        for w in widgets:
            w.blockSignals(False)
        self.signatories.set_signatories(bundle.signatories)
        self.amendments.set_amendments(bundle.amendments)
        self.sections.preview_level_names(c.level_names)
        self._clean_state = self._state()
        self._edited()

    def _load_directory(self) -> None:
        self.signatories.set_directory(self.directory.organisations(), self.directory.persons())

    # -- reading the form --------------------------------------------------------------------------
    def bundle(self) -> tuple[ContractBundle, list[Problem]]:
        """The contract as typed, and the problems of the texts that cannot be read."""
        problems: list[Problem] = []
        base = self._loaded.contract if self._loaded else Contract(name="")
        try:
            signature = parse_date(self.signature_edit.text())
        except DateError as err:
            problems.append(Problem("signature_date", str(err)))
            signature = None
        year_text = self.start_year_edit.text().strip()
        start_year = None
        if year_text:
            if year_text.isdigit():
                start_year = int(year_text)
            else:
                problems.append(Problem("start_year", f"« {year_text} » n'est pas une année (ex. 2021)."))
        contract = Contract(name=self.name_edit.text().strip(), title=self.title_edit.text().strip(),
                            territory=self.territory_edit.text().strip(), signature_date=signature,
                            start_year=start_year, duration_years=self.duration_spin.value(),
                            level_names=parse_level_names(self.levels_edit.text()),
                            description=self.description_edit.toPlainText().strip(), id=base.id, uuid=base.uuid,
                            id_crte=self.id_crte_edit.text().strip(),
                            generation=enum_combo.current(self.generation_combo, ContractGeneration),
                            row_version=base.row_version)
        amendments, amendment_problems = self.amendments.amendments(contract.id or 0)
        problems += amendment_problems
        signatories = self.signatories.signatories()
        for s in signatories:
            s.contract_id = contract.id or 0
        return ContractBundle(contract, signatories, amendments), problems

    def problems(self) -> list[Problem]:
        bundle, problems = self.bundle()
        return problems + self.service.problems(bundle)

    def _edited(self, *_) -> None:
        ok = self.errors.show(self.problems())
        dirty = self.is_dirty
        self.save_button.setEnabled(ok and (dirty or self.contract_id is None))
        self.revert_button.setEnabled(dirty and self.contract_id is not None)
        c_name = self.name_edit.text().strip()
        if self.contract_id is None:
            self.heading.setText(f"Nouveau contrat{' : ' + c_name if c_name else ''}")
        else:
            self.heading.setText(f"Contrat : {c_name or '(sans nom)'}{' *' if dirty else ''}")
        self.setWindowTitle(self.heading.text())
        year = self.start_year_edit.text().strip()
        if year.isdigit():
            self.period_label.setText(f"soit {year}–{int(year) + self.duration_spin.value() - 1}")
        else:
            self.period_label.setText("")

    def field_errors(self, name: str) -> str:
        """The message shown beside a field ("" when none)."""
        return self.errors.text(name)

    # -- actions -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate and save the fields, signatories and amendments as one undo step."""
        bundle, problems = self.bundle()
        problems += self.service.problems(bundle)
        if not self.errors.show(problems):
            return False
        after = bundle.copy()
        if not run_or_show(self.ctx.undo_stack, self.message, self.service.save_step(self._loaded, after)):
            return False
        self.load(after.contract.id)
        self.saved.emit(after.contract.id)
        return True

    def revert(self) -> None:
        self.load(self.contract_id)

    def request_close(self) -> bool:
        """Close, asking first whether to save unsaved edits. False when the user cancels."""
        if self.is_dirty:
            answer = QMessageBox.question(
                self, "Modifications non enregistrées",
                "Le contrat a été modifié. Enregistrer les modifications ?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return False
        self.closed.emit()
        if self.isWindow():
            self.close()
        return True

    # -- outside changes (undo/redo, other windows) ------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes.everything or changes.organisations or changes.persons:
            self._load_directory()
            self._edited()
        if self.contract_id is None:
            lost = self._lost_id
            if lost is not None and (changes.everything or lost in changes.contracts) \
                    and self.service.contract(lost) is not None and self._state() == self._lost_state:
                self._lost_id = None  # its creation was redone: show it again
                self.load(lost)
            return
        if not (changes.everything or self.contract_id in changes.contracts):
            return
        self.logo.refresh()  # an undone or redone logo change
        if self.service.contract(self.contract_id) is None:  # its creation was undone: back to a new form
            self._lost_id, self._lost_state = self.contract_id, self._state()
            self._loaded = None
            self.contract_id = None
            self.sections.set_contract(None)
            self.logo.set_contract(None)
            self._clean_state = None
            self._edited()
        elif not self.is_dirty:
            self.load(self.contract_id)

    # -- standalone window -------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        if self.isWindow() and not self._window_actions_installed:
            # In a tab the main window owns these shortcuts; alone, the form brings its own.
            self._window_actions_installed = True
            save = self.addAction("Enregistrer")
            save.setShortcut(QKeySequence.StandardKey.Save)
            save.triggered.connect(self.save)
            undo, redo = add_undo_redo_actions(self, self.ctx.undo_stack)
            for action in (save, undo, redo):
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            lock_writing(self.ctx.store, [save, undo, redo])
        super().showEvent(event)
