"""The side forms of the directory: one organisation, one person. They read and show a record,
say what is wrong beside each field as you type, and hand the record to the dialog to save."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label
from crte_desktop.views.widgets import enum_combo

NO_ID = 0  # the "—" choice of a combo box (never None: PySide6 6.12 reads None data back wrongly)
CIVILITIES = ["", "M.", "Mme"]


def select_data(box: QComboBox, value) -> None:
    index = box.findData(value if value is not None else NO_ID)
    box.setCurrentIndex(max(index, 0))


class RecordForm(QWidget):
    """Common frame: heading, fields, a message line, and New / Save / Delete buttons."""

    edited = Signal()
    save_requested = Signal()
    delete_requested = Signal()
    new_requested = Signal()

    new_text = "Nouveau"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.message = message_label()
        self.errors.general = self.message
        self.new_button = QPushButton(self.new_text)
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setDefault(True)
        self.delete_button = QPushButton("Supprimer")
        self.new_button.clicked.connect(self.new_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.record_id: int | None = None
        self.record_version = 1  # the version of the record shown, handed back with it (issue 9.1)
        self._clean = None

    def _watch(self, *widgets) -> None:
        for w in widgets:
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else w.textChanged
            signal.connect(lambda *_: self.edited.emit())
            if isinstance(w, QComboBox) and w.isEditable():
                w.editTextChanged.connect(lambda *_: self.edited.emit())

    @property
    def is_dirty(self) -> bool:
        return self.record() != self._clean

    def show_problems(self, problems) -> bool:
        """Show them beside the fields; enable Save when none is an error and something changed."""
        ok = self.errors.show(problems)
        self.save_button.setEnabled(ok and (self.is_dirty or self.record_id is None))
        self.delete_button.setEnabled(self.record_id is not None)
        return ok

    def record(self):
        raise NotImplementedError


class OrganisationForm(RecordForm):
    new_text = "Nouvelle organisation"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ex. Communauté de communes Cœur d'Ostrevent")
        self.short_edit = QLineEdit()
        self.short_edit.setPlaceholderText("ex. CCCO")
        self.kind_box = enum_combo.fill(QComboBox(), OrgKind)
        self.epci_box = QComboBox()
        self.address_edit = QPlainTextEdit()
        self.address_edit.setFixedHeight(54)
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("accueil@mairie-somain.fr")
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("03 27 00 00 00")
        self.siret_edit = QLineEdit()
        self.siret_edit.setPlaceholderText("9 ou 14 chiffres")
        self.siret_edit.setToolTip("Numéro SIREN de l'organisation ou SIRET d'un établissement ; la clé de contrôle "
                                   "(formule de Luhn) est vérifiée.")
        self.insee_edit = QLineEdit()
        self.insee_edit.setPlaceholderText("ex. 59178")
        self.insee_edit.setMaxLength(5)
        self.insee_edit.setMaximumWidth(90)
        self.insee_edit.setToolTip("Code officiel géographique de la commune (5 caractères, 2A/2B en Corse).")
        self.form.addRow("Nom *", self.errors.wrap("name", self.name_edit))
        self.form.addRow("Sigle", self.short_edit)
        self.form.addRow("Type", self.kind_box)
        self.form.addRow("EPCI de rattachement", self.errors.wrap("epci_id", self.epci_box))
        self.form.addRow("Adresse", self.address_edit)
        self.form.addRow("Courriel", self.errors.wrap("email", self.email_edit))
        self.form.addRow("Téléphone", self.errors.wrap("phone", self.phone_edit))
        self.form.addRow("SIREN / SIRET", self.errors.wrap("siret", self.siret_edit))
        self.form.addRow("Code INSEE", self.errors.wrap("insee_code", self.insee_edit))
        self._watch(self.name_edit, self.short_edit, self.kind_box, self.epci_box, self.email_edit, self.phone_edit,
                    self.siret_edit, self.insee_edit)
        self.address_edit.textChanged.connect(lambda: self.edited.emit())
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._loaded: Organisation | None = None
        self.set_epcis([])
        self.show_record(None)

    def set_epcis(self, epcis: list[Organisation]) -> None:
        current = self.epci_box.currentData()
        self.epci_box.blockSignals(True)
        self.epci_box.clear()
        self.epci_box.addItem("—", NO_ID)
        for o in epcis:
            self.epci_box.addItem(o.label if o.label == o.name else f"{o.name} ({o.short_name})", o.id)
        select_data(self.epci_box, current)
        self.epci_box.blockSignals(False)

    def show_record(self, org: Organisation | None) -> None:
        self._loaded = copy.copy(org)
        self.record_id = org.id if org else None
        self.record_version = org.row_version if org else 1
        org = org or Organisation("", OrgKind.COMMUNE)
        for w in (self.name_edit, self.short_edit, self.kind_box, self.epci_box, self.address_edit,
                  self.email_edit, self.phone_edit, self.siret_edit, self.insee_edit):
            w.blockSignals(True)
        self.name_edit.setText(org.name)
        self.short_edit.setText(org.short_name)
        enum_combo.set_current(self.kind_box, org.kind)
        select_data(self.epci_box, org.epci_id)
        self.address_edit.setPlainText(org.address)
        self.email_edit.setText(org.email)
        self.phone_edit.setText(org.phone)
        self.siret_edit.setText(org.siret)
        self.insee_edit.setText(org.insee_code)
        for w in (self.name_edit, self.short_edit, self.kind_box, self.epci_box, self.address_edit,
                  self.email_edit, self.phone_edit, self.siret_edit, self.insee_edit):
            w.blockSignals(False)
        self._kind_changed()
        self.heading.setText(f"Organisation : {org.name}" if self.record_id else "Nouvelle organisation")
        self._clean = self.record()
        self.errors.start(fresh=self.record_id is None)

    def record(self) -> Organisation:
        kind = enum_combo.current(self.kind_box, OrgKind)
        return Organisation(
            name=self.name_edit.text().strip(), kind=kind, short_name=self.short_edit.text().strip(),
            epci_id=self.epci_box.currentData() or None,
            address=self.address_edit.toPlainText().strip(), email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(), id=self.record_id, siret=self.siret_edit.text().strip(),
            insee_code=self.insee_edit.text().strip().upper(), row_version=self.record_version)

    def _kind_changed(self, *_) -> None:
        is_commune = self.kind_box.currentData() == OrgKind.COMMUNE.value
        self.epci_box.setEnabled(is_commune)
        self.insee_edit.setEnabled(is_commune or bool(self.insee_edit.text().strip()))
        if not is_commune:
            select_data(self.epci_box, None)


class PersonForm(RecordForm):
    new_text = "Nouvelle personne"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.civility_box = QComboBox()
        self.civility_box.setEditable(True)
        self.civility_box.addItems(CIVILITIES)
        self.first_name_edit = QLineEdit()
        self.last_name_edit = QLineEdit()
        self.last_name_edit.setPlaceholderText("ex. DELANNOY")
        self.function_edit = QLineEdit()
        self.function_edit.setPlaceholderText("ex. Président")
        self.organisation_box = QComboBox()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("prenom.nom@douaisis-agglo.com")
        self.phone_edit = QLineEdit()
        self.form.addRow("Civilité", self.civility_box)
        self.form.addRow("Prénom", self.first_name_edit)
        self.form.addRow("Nom *", self.errors.wrap("last_name", self.last_name_edit))
        self.form.addRow("Fonction", self.function_edit)
        self.form.addRow("Organisation", self.errors.wrap("organisation_id", self.organisation_box))
        self.form.addRow("Courriel", self.errors.wrap("email", self.email_edit))
        self.form.addRow("Téléphone", self.errors.wrap("phone", self.phone_edit))
        self._watch(self.civility_box, self.first_name_edit, self.last_name_edit, self.function_edit,
                    self.organisation_box, self.email_edit, self.phone_edit)
        self.set_organisations([])
        self.show_record(None)

    def set_organisations(self, organisations: list[Organisation]) -> None:
        current = self.organisation_box.currentData()
        self.organisation_box.blockSignals(True)
        self.organisation_box.clear()
        self.organisation_box.addItem("—", NO_ID)
        for o in organisations:
            self.organisation_box.addItem(o.name, o.id)
        select_data(self.organisation_box, current)
        self.organisation_box.blockSignals(False)

    def show_record(self, person: Person | None) -> None:
        self.record_id = person.id if person else None
        self.record_version = person.row_version if person else 1
        person = person or Person("")
        widgets = (self.civility_box, self.first_name_edit, self.last_name_edit, self.function_edit,
                   self.organisation_box, self.email_edit, self.phone_edit)
        for w in widgets:
            w.blockSignals(True)
        self.civility_box.setCurrentText(person.civility)
        self.first_name_edit.setText(person.first_name)
        self.last_name_edit.setText(person.last_name)
        self.function_edit.setText(person.function)
        select_data(self.organisation_box, person.organisation_id)
        self.email_edit.setText(person.email)
        self.phone_edit.setText(person.phone)
        for w in widgets:
            w.blockSignals(False)
        self.heading.setText(f"Personne : {person.full_name}" if self.record_id else "Nouvelle personne")
        self._clean = self.record()
        self.errors.start(fresh=self.record_id is None)

    def record(self) -> Person:
        return Person(
            last_name=self.last_name_edit.text().strip(), first_name=self.first_name_edit.text().strip(),
            civility=self.civility_box.currentText().strip(), function=self.function_edit.text().strip(),
            organisation_id=self.organisation_box.currentData() or None, email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(), id=self.record_id, row_version=self.record_version)
