"""The directory of organisations and persons: two tabs, each a filterable table with a side form.
Every save and deletion goes through DirectoryService and is one step on the undo stack."""

from __future__ import annotations

import copy

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from crte_desktop.db.changes import Changes
from crte_desktop.domain.enums import OrgKind
from crte_desktop.views.widgets.read_only import lock_writing
from crte_desktop.views.widgets.dialog_frame import TabbedDialog
from crte_desktop.views.directory.directory_forms import NO_ID, OrganisationForm, PersonForm
from crte_desktop.views.directory.directory_models import FoldFilterProxy, OrganisationModel, PersonModel, kind_filter
from crte_desktop.views.widgets.form_feedback import show_message
from crte_desktop.editing.steps import Step
from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets import enum_combo

ORGANISATIONS_TAB, PERSONS_TAB = 0, 1


class DirectoryPage(QWidget):
    """A filter line, a table and a side form; subclasses bind the records and the service."""

    settings_key = ""

    def __init__(self, ctx, model, form, placeholder: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.directory
        self.model = model
        self.form = form
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.default_sort_column(), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Clic droit : choisir les colonnes affichées")

        self.filters = QHBoxLayout()
        self.filters.addWidget(self.filter_edit, 1)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.filters)
        box.addWidget(self.table, 1)
        box.addWidget(self.count_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        form.edited.connect(self.validate)
        form.new_requested.connect(self.new_record)
        form.save_requested.connect(self.save)
        form.delete_requested.connect(self.delete)

    def default_sort_column(self) -> int:
        return 0

    # -- columns (shown / hidden, widths, order) remembered between sessions ---------------------
    def _column_menu(self, pos) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):  # the first column always shows
            action = menu.addAction(self.model.headers[column])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_column_visible(c, shown))
        menu.popup(header.mapToGlobal(pos))

    def set_column_visible(self, column: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self.save_columns()

    def save_columns(self) -> None:
        self.ctx.settings.setValue(f"{self.settings_key}/colonnes", self.table.horizontalHeader().saveState())

    def restore_columns(self) -> None:
        state = self.ctx.settings.value(f"{self.settings_key}/colonnes")
        if state:
            self.table.horizontalHeader().restoreState(state)

    # -- content ---------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.form.record_id
        self.load_records()
        self._update_count()
        if current is not None and self.model.row_of(current) >= 0:
            self.select(current)
        elif current is not None:  # deleted (or its creation undone): back to an empty form
            self.form.show_record(None)
            self.validate()

    def load_records(self) -> None:
        raise NotImplementedError

    def select(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show it anyway
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.form.show_record(copy.copy(self.model.record(row)))
        self.validate()

    def visible_names(self, column: int = 0) -> list[str]:
        """The texts of a column as shown (filtered and sorted)."""
        return [self.proxy.index(r, column).data() for r in range(self.proxy.rowCount())]

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} sur {total}" if shown != total else f"{total} au total")

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            record = self.model.record(self.proxy.mapToSource(current).row())
            if record.id != self.form.record_id:
                self.form.show_record(copy.copy(record))
                self.validate()

    def new_record(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))
        self.form.show_record(None)
        self.validate()
        self.first_field().setFocus()

    def validate(self) -> bool:
        show_message(self.form.message, "")
        return self.form.show_problems(self.problems(self.form.record()))

    # -- edits -------------------------------------------------------------------------------------
    def save(self) -> bool:
        self.form.errors.reveal()
        if not self.validate():
            return False
        after = self.form.record()
        ok = run_or_show(self.ctx.undo_stack, self.form.message, lambda: self.save_step(after))
        if ok:
            self.form.record_id = after.id
            self.reload()
            self.select(after.id)
        return ok

    def delete(self) -> bool:
        record_id, version = self.form.record_id, self.form.record_version
        if record_id is None:
            return False
        ok = run_or_show(self.ctx.undo_stack, self.form.message, lambda: self.delete_step(record_id, version))
        if ok:
            self.form.show_record(None)
            self.validate()
        return ok

    # bound by subclasses
    def problems(self, record):
        raise NotImplementedError

    def save_step(self, record) -> Step:
        raise NotImplementedError

    def delete_step(self, record_id: int, version: int) -> Step:
        """Deleting the record shown, refused if it changed elsewhere since ``version``."""
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError


class OrganisationsPage(DirectoryPage):
    settings_key = "annuaire/organisations"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, OrganisationModel(), OrganisationForm(),
                         "Rechercher une organisation (nom, sigle, EPCI, courriel…)", parent)
        self.kind_box = enum_combo.fill(QComboBox(), OrgKind, "Tous les types")
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.filters.addWidget(self.kind_box)
        header = self.table.horizontalHeader()
        for column, width in enumerate((260, 100, 90, 150, 150)):
            header.resizeSection(column, width)
        self.restore_columns()

    def load_records(self) -> None:
        organisations = self.service.organisations()
        self.model.set_records(organisations)
        self.form.set_epcis([o for o in organisations if o.kind is OrgKind.EPCI])

    def set_kind(self, kind: OrgKind | None) -> None:
        enum_combo.set_current(self.kind_box, kind)

    def _kind_changed(self, *_) -> None:
        self.proxy.set_extra(kind_filter(enum_combo.current(self.kind_box, OrgKind)))
        self._update_count()

    def problems(self, record):
        return self.service.organisation_problems(record)

    def save_step(self, record):
        return self.service.save_organisation_step(record)

    def delete_step(self, record_id, version):
        return self.service.delete_organisation_step(record_id, expected_version=version)

    def first_field(self):
        return self.form.name_edit


class PersonsPage(DirectoryPage):
    settings_key = "annuaire/personnes"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, PersonModel(), PersonForm(),
                         "Rechercher une personne (nom, fonction, organisation…)", parent)
        self.organisation_box = QComboBox()
        self.organisation_box.setMaximumWidth(260)
        self.organisation_box.currentIndexChanged.connect(self._organisation_changed)
        self.filters.addWidget(self.organisation_box)
        header = self.table.horizontalHeader()
        for column, width in enumerate((60, 110, 110, 160, 160, 150)):
            header.resizeSection(column, width)
        self.restore_columns()

    def default_sort_column(self) -> int:
        return 2

    def load_records(self) -> None:
        organisations = self.service.organisations()
        self.model.set_records(self.service.persons(), {o.id: o.label for o in organisations})
        self.form.set_organisations(organisations)
        current = self.organisation_box.currentData() if self.organisation_box.count() else NO_ID
        self.organisation_box.blockSignals(True)
        self.organisation_box.clear()
        self.organisation_box.addItem("Toutes les organisations", NO_ID)
        for o in organisations:
            self.organisation_box.addItem(o.label, o.id)
        self.organisation_box.setCurrentIndex(max(0, self.organisation_box.findData(current)))
        self.organisation_box.blockSignals(False)

    def _organisation_changed(self, *_) -> None:
        org_id = self.organisation_box.currentData()
        self.proxy.set_extra((lambda p: p.organisation_id == org_id) if org_id else None)
        self._update_count()

    def problems(self, record):
        return self.service.person_problems(record)

    def save_step(self, record):
        return self.service.save_person_step(record)

    def delete_step(self, record_id, version):
        return self.service.delete_person_step(record_id, expected_version=version)

    def first_field(self):
        return self.form.last_name_edit


class DirectoryDialog(TabbedDialog):
    """The directory window (not modal: the secretary can keep it open beside the contract)."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "Annuaire des organisations et des personnes", parent)
        self.organisations = OrganisationsPage(ctx)
        self.persons = PersonsPage(ctx)
        self.tabs.addTab(self.organisations, "Organisations")
        self.tabs.addTab(self.persons, "Personnes")
        find = self.addAction("Rechercher")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_filter)

        ctx.bus.changed.connect(self._on_changes)
        self.organisations.reload()
        self.persons.reload()
        # a read-only window: the records are searched and read; their forms only show (the reason in tooltips)
        lock_writing(ctx.store, [self.organisations.form, self.persons.form])

    def sizeHint(self) -> QSize:
        return QSize(1240, 660)

    def done(self, result: int) -> None:
        self.organisations.save_columns()
        self.persons.save_columns()
        super().done(result)

    def focus_filter(self) -> None:
        page = self.tabs.currentWidget()
        page.filter_edit.setFocus()
        page.filter_edit.selectAll()

    def _on_changes(self, changes: Changes) -> None:
        if changes.everything or changes.organisations:
            self.organisations.reload()
            self.persons.reload()
        elif changes.persons:
            self.persons.reload()
