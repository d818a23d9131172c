"""Tab "Général": identity, owner and territory, status and calendar, cost, texts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from crte_desktop.domain.enums import LATE_LABEL, ActionStatus, OrgKind, Phase, Priority
from crte_desktop.domain.errors import Problem
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.widgets.choosers import MultiSelectList, SearchableCombo
from crte_desktop.views.widgets.inputs import ERROR_COLOR, AmountEdit, FieldBox, NullableDateEdit, TextArea
from crte_desktop.views.actions.tabs.lookups import Lookups
from crte_desktop.views.widgets import enum_combo
from crte_desktop.views.widgets.small_screen import ElidedLabel

NO_YEAR = 1989  # the spin box's "—"


def _org_items(orgs) -> list[tuple[int, str]]:
    return [(o.id, f"{o.name} ({o.short_name})" if o.short_name and o.short_name != o.name else o.name) for o in orgs]


class GeneralTab(QWidget):
    edited = Signal()
    FIELDS = ("reference", "title", "end_date", "progress", "total_cost", "inscription_year", "start_date",
              "section_id", "owner_id", "epci_id", "status", "priority", "phase")

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._bundle: ActionBundle | None = None
        self._lookups: Lookups | None = None
        self._loading = False
        self._build()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.reference = QLineEdit()
        self.reference.setMaximumWidth(180)
        self.title = QLineEdit()
        self.section = QComboBox()
        self.section.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section.setMinimumContentsLength(20)
        self.owner = SearchableCombo("(aucun)")
        self.owner.setMinimumContentsLength(20)
        self.epci = QComboBox()
        self.epci.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.epci.setMinimumContentsLength(20)
        self.epci_hint = ElidedLabel()
        self.epci_hint.setStyleSheet("color: palette(mid);")
        self.status = enum_combo.fill(QComboBox(), ActionStatus)
        self.late = QLabel(LATE_LABEL)
        self.late.setStyleSheet(f"color: white; background: {ERROR_COLOR}; border-radius: 3px; padding: 1px 6px;")
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.progress.setMinimumWidth(90)
        self.priority = enum_combo.fill(QComboBox(), Priority)
        self.phase = enum_combo.fill(QComboBox(), Phase, "(non renseignée)")
        self.phase.setToolTip("Phase du projet, comme dans le schéma national des projets de collectivités : "
                              "Idée, Étude ou Opération.")
        self.year = QSpinBox()
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText("—")
        self.year.setMinimumWidth(90)
        self.start = NullableDateEdit(self._today)
        self.end = NullableDateEdit(self._today)
        self.cost = AmountEdit()
        self.cost.setMinimumWidth(160)
        self.cost.setMaximumWidth(220)
        self.partners = MultiSelectList("partenaire", "Aucun partenaire sélectionné")
        self.communes = MultiSelectList("commune", "Aucune commune sélectionnée")
        self.description = TextArea()
        self.objectives = TextArea()
        self.notes = TextArea()

        for widget in (self.progress, self.year):
            widget.setFixedWidth(110)
        for widget in (self.status, self.priority, self.phase):
            widget.setMinimumWidth(130)
        for widget in (self.start, self.end):
            widget.setFixedWidth(170)
        self.cost.setFixedWidth(170)
        self.boxes = {
            "reference": FieldBox(self.reference), "title": FieldBox(self.title), "section_id": FieldBox(self.section),
            "owner_id": FieldBox(self.owner), "epci_id": FieldBox(self._row(self.epci, self.epci_hint), self.epci),
            "status": FieldBox(self._row(self.status, self.late), self.status),
            "progress": FieldBox(self.progress), "priority": FieldBox(self.priority),
            "inscription_year": FieldBox(self.year), "start_date": FieldBox(self.start, self.start.edit),
            "end_date": FieldBox(self.end, self.end.edit), "total_cost": FieldBox(self.cost),
            "phase": FieldBox(self.phase),
        }

        identity = QFormLayout()
        self._form_style(identity)
        identity.addRow("Référence :", self.boxes["reference"])
        identity.addRow("Intitulé :", self.boxes["title"])
        identity.addRow("Section :", self.boxes["section_id"])
        identity.addRow("Maître d'ouvrage :", self.boxes["owner_id"])
        identity.addRow("Territoire (EPCI) :", self.boxes["epci_id"])

        # two fields a row; the reasons of a row's refusals go on the line under it, full width
        follow_row = QGridLayout()
        follow_row.setHorizontalSpacing(8)
        follow_row.setVerticalSpacing(6)
        rows = [(("Statut :", "status"), ("Priorité :", "priority")),
                (("Avancement :", "progress"), ("Année d'inscription :", "inscription_year")),
                (("Début :", "start_date"), ("Fin :", "end_date")),
                (("Coût total (€) :", "total_cost"), ("Phase :", "phase"))]
        for i, pair in enumerate(rows):
            messages = QVBoxLayout()
            messages.setSpacing(0)
            for j, item in enumerate(pair):
                if item is None:
                    continue
                text, key = item
                label = QLabel(text)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                follow_row.addWidget(label, 2 * i, 3 * j)
                follow_row.addWidget(self.boxes[key], 2 * i, 3 * j + 1)
                messages.addWidget(self.boxes[key].message)
            follow_row.addLayout(messages, 2 * i + 1, 1, 1, 5)
        follow_row.setColumnMinimumWidth(2, 16)
        follow_row.setColumnStretch(5, 1)
        follow_row.setColumnStretch(1, 1)

        people = QVBoxLayout()
        people.addWidget(QLabel("Partenaires :"))
        people.addWidget(self.partners, 1)
        people.addWidget(QLabel("Communes concernées :"))
        people.addWidget(self.communes, 1)

        texts = QGridLayout()
        texts.addWidget(QLabel("Description :"), 0, 0, 1, 2)
        texts.addWidget(self.description, 1, 0, 1, 2)
        texts.addWidget(QLabel("Objectifs :"), 2, 0)
        texts.addWidget(QLabel("Notes :"), 2, 1)
        texts.addWidget(self.objectives, 3, 0)
        texts.addWidget(self.notes, 3, 1)
        texts.setRowStretch(1, 3)
        texts.setRowStretch(3, 2)

        left = QVBoxLayout()
        left.addWidget(self._group("Identification", identity))
        left.addWidget(self._group("Suivi et calendrier", follow_row))
        left.addWidget(self._group("Présentation", texts), 1)
        content = QWidget()
        layout = QHBoxLayout(content)
        layout.addLayout(left, 4)
        layout.addWidget(self._group("Partenaires et communes", people), 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.reference.textEdited.connect(self._changed)
        self.title.textEdited.connect(self._changed)
        self.section.currentIndexChanged.connect(self._changed)
        self.owner.idChanged.connect(self._owner_changed)
        self.epci.currentIndexChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.progress.valueChanged.connect(self._changed)
        self.priority.currentIndexChanged.connect(self._changed)
        self.phase.currentIndexChanged.connect(self._changed)
        self.year.valueChanged.connect(self._changed)
        self.start.edited.connect(self._changed)
        self.end.edited.connect(self._changed)
        self.cost.edited.connect(self._changed)
        self.partners.changed.connect(self._changed)
        self.communes.changed.connect(self._changed)
        for edit in (self.description, self.objectives, self.notes):
            edit.textChanged.connect(self._changed)

    @staticmethod
    def _form_style(form: QFormLayout) -> None:
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    @staticmethod
    def _group(title: str, layout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(layout)
        return box

    @staticmethod
    def _row(*widgets) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            layout.addWidget(w)
        layout.addStretch(1)
        return row

    # -- data ------------------------------------------------------------------------------------
    def set_lookups(self, lookups: Lookups) -> None:
        self._lookups = lookups
        self._loading = True
        current = self.section.currentData()
        self.section.clear()
        self.section.addItem("(aucune section)", None)
        for section in lookups.sections:
            self.section.addItem(lookups.section_label(section), section.id)
        self.section.setCurrentIndex(max(self.section.findData(current), 0))
        self.owner.set_items(_org_items(lookups.organisations))
        current = self.epci.currentData()
        self.epci.clear()
        self.epci.addItem("(aucun)", None)
        for org in lookups.of_kind(OrgKind.EPCI):
            self.epci.addItem(org.name, org.id)
        self.epci.setCurrentIndex(max(self.epci.findData(current), 0))
        for i in range(self.status.count()):
            code = self.status.itemData(i)
            self.status.setItemText(i, lookups.status_labels.get(code) or ActionStatus.from_code(code).label)
        self.partners.set_items(_org_items(lookups.organisations))
        self.communes.set_items(_org_items(lookups.of_kind(OrgKind.COMMUNE)))
        self._loading = False

    def set_bundle(self, bundle: ActionBundle) -> None:
        """Show ``bundle`` (edited in place from now on)."""
        self._bundle = bundle
        a = bundle.action
        self._loading = True
        self.reference.setText(a.reference)
        self.title.setText(a.title)
        self._select(self.section, a.section_id)
        self.owner.set_current_id(a.owner_id)
        self._select(self.epci, a.epci_id)
        enum_combo.set_current(self.status, a.status)
        self.progress.setValue(a.progress if isinstance(a.progress, int) and 0 <= a.progress <= 100 else 0)
        enum_combo.set_current(self.priority, a.priority)
        enum_combo.set_current(self.phase, a.phase)
        self.year.setValue(a.inscription_year if a.inscription_year and NO_YEAR < a.inscription_year <= 2100 else NO_YEAR)
        self.start.set_value(a.start_date)
        self.end.set_value(a.end_date)
        self.cost.set_value(a.total_cost)
        self.partners.set_selected(a.partner_ids)
        self.communes.set_selected(a.commune_ids)
        self.description.setPlainText(a.description)
        self.objectives.setPlainText(a.objectives)
        self.notes.setPlainText(a.notes)
        self._loading = False
        self._refresh_hints()

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        combo.setCurrentIndex(max(combo.findData(data), 0))

    def _owner_changed(self, owner_id) -> None:
        if self._loading or self._bundle is None:
            return
        previous = self._lookups.epci_for_owner(self._bundle.action.owner_id) if self._lookups else None
        if self._lookups and self.epci.currentData() in (None, previous):
            suggestion = self._lookups.epci_for_owner(owner_id)
            if suggestion is not None:
                self._loading = True
                self._select(self.epci, suggestion)
                self._loading = False
        self._changed()

    def _changed(self, *_args) -> None:
        if self._loading or self._bundle is None:
            return
        a = self._bundle.action
        a.reference = self.reference.text()
        a.title = self.title.text()
        a.section_id = self.section.currentData()
        a.owner_id = self.owner.current_id()
        a.epci_id = self.epci.currentData()
        a.status = enum_combo.current(self.status, ActionStatus)
        a.progress = self.progress.value()
        a.priority = enum_combo.current(self.priority, Priority)
        a.phase = enum_combo.current(self.phase, Phase)
        a.inscription_year = None if self.year.value() == NO_YEAR else self.year.value()
        a.start_date = self.start.value()
        a.end_date = self.end.value()
        if not self.cost.error():
            a.total_cost = self.cost.value()
        a.partner_ids = self.partners.selected()
        a.commune_ids = self.communes.selected()
        a.description = self.description.toPlainText()
        a.objectives = self.objectives.toPlainText()
        a.notes = self.notes.toPlainText()
        self._refresh_hints()
        self.edited.emit()

    def _refresh_hints(self) -> None:
        a = self._bundle.action
        self.late.setVisible(a.is_late(self._today))
        suggestion = self._lookups.epci_for_owner(a.owner_id) if self._lookups else None
        if suggestion is not None and suggestion != a.epci_id and self._lookups:
            org = self._lookups.organisation(suggestion)
            self.epci_hint.setText(f"Suggéré : {org.name}" if org else "")
            self.epci_hint.setToolTip(self.epci_hint.text())
        else:
            self.epci_hint.setText("")

    # -- problems ----------------------------------------------------------------------------------
    def input_errors(self) -> list[Problem]:
        """Text typed that cannot be read (not yet a value of the action)."""
        return [Problem("total_cost", self.cost.error())] if self.cost.error() else []

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show the errors of this tab's fields beside them; return the problems not shown here."""
        by_field: dict[str, str] = {}
        rest = []
        for p in problems:
            if p.field in self.boxes and p.is_error:
                by_field.setdefault(p.field, p.message)
            else:
                rest.append(p)
        for key, box in self.boxes.items():
            box.set_error(by_field.get(key))
        return rest
