"""The agenda (ordre du jour) of a meeting: its items in order (drag to reorder), each with its type,
presenter, allotted time, linked actions and attached documents; the typical COTECH/COPIL agenda."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit, QPushButton,
                               QSpinBox, QSplitter, QVBoxLayout, QWidget)

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meeting_rules import MAX_ITEM_MINUTES, agenda_overrun
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, ChangeKind, CommitteeKind, format_duration
from crte_desktop.domain.wording import plural
from crte_desktop.views.widgets.inputs import WARNING_COLOR
from crte_desktop.views.widgets.small_screen import FlowLayout, VerticalScroll
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label, show_message
from crte_desktop.views.meetings.linked_actions import LinkedActionsEditor
from crte_desktop.views.meetings.meeting_files import show_info
from crte_desktop.views.meetings.meeting_undo import meeting_step
from crte_desktop.views.shell.file_actions import open_warning
from crte_desktop.views.widgets.table_fit import compact_combo
from crte_desktop.views.widgets import enum_combo

ID_ROLE = Qt.ItemDataRole.UserRole


class AgendaEditor(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.agenda
        self.meeting_id: int | None = None
        self.item: AgendaItem | None = None  # the item in the form, as saved (no id: new)

        # the list, reordered by dragging
        self.items_list = QListWidget()
        self.items_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.items_list.setWordWrap(True)
        self.items_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items_list.model().rowsMoved.connect(self._on_rows_moved)
        self.items_list.currentItemChanged.connect(lambda *_a: self._on_current())
        self.total_label = QLabel()
        self.new_button = QPushButton("Nouveau point")
        self.delete_button = QPushButton("Supprimer")
        self.up_button = QPushButton("▲")
        self.down_button = QPushButton("▼")
        self.up_button.setToolTip("Monter le point (Ctrl+Haut)")
        self.down_button.setToolTip("Descendre le point (Ctrl+Bas)")
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):  # in the list, like the buttons
            shortcut = QShortcut(QKeySequence(keys), self.items_list, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.move_by(s))
        for b in (self.up_button, self.down_button):
            b.setFixedWidth(b.fontMetrics().horizontalAdvance("▲") + 28)
        self.template_button = QPushButton("Appliquer un modèle")
        menu = QMenu(self.template_button)
        menu.addAction("Ordre du jour type de ce comité", lambda: self.apply_template(None))
        menu.addSeparator()
        menu.addAction("Ordre du jour type d'un COTECH", lambda: self.apply_template(CommitteeKind.COTECH))
        menu.addAction("Ordre du jour type d'un COPIL", lambda: self.apply_template(CommitteeKind.COPIL))
        self.template_button.setMenu(menu)
        self.new_button.clicked.connect(self.new_item)
        self.delete_button.clicked.connect(self.delete_item)
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button.clicked.connect(lambda: self.move_by(1))
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Points de l'ordre du jour (glisser pour réordonner)")
        heading.setWordWrap(True)
        self.total_label.setWordWrap(True)
        self.overrun_label = QLabel()
        self.overrun_label.setWordWrap(True)
        self.overrun_label.setStyleSheet(f"color: {WARNING_COLOR};")
        self.overrun_label.hide()
        box.addWidget(heading)
        box.addWidget(self.items_list, 1)
        box.addWidget(self.total_label)
        box.addWidget(self.overrun_label)
        box.addLayout(FlowLayout.of([self.new_button, self.delete_button, self.up_button, self.down_button,
                                     self.template_button]))

        # the form of one item
        self.title_edit = QLineEdit()
        self.kind_combo = QComboBox()
        enum_combo.fill(self.kind_combo, AgendaItemKind)
        self.change_combo = QComboBox()
        enum_combo.fill(self.change_combo, ChangeKind, "—")
        compact_combo(self.kind_combo)
        compact_combo(self.change_combo)
        self.presenter_edit = QLineEdit()
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(0, MAX_ITEM_MINUTES)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSuffix(" min")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setMaximumHeight(80)
        self.actions_editor = LinkedActionsEditor()
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow("Intitulé *", self.errors.wrap("title", self.title_edit))
        form.addRow("Type", self.kind_combo)
        form.addRow("Demande d'évolution", self.errors.wrap("change_kind", self.change_combo))
        form.addRow("Présenté par", self.presenter_edit)
        form.addRow("Durée prévue", self.errors.wrap("duration_minutes", self.duration_spin))
        form.addRow("Description", self.description_edit)
        form.addRow("Actions concernées", self.errors.wrap("actions", self.actions_editor))
        self.message = message_label()
        self.refusal = None  # the last « changed elsewhere » box (QMessageBox)
        self.errors.general = self.message
        self.save_button = QPushButton("Enregistrer le point")
        self.save_button.clicked.connect(self.save_item)

        self.documents = QListWidget()
        self.documents.setMaximumHeight(80)
        self.attach_button = QPushButton("Joindre un document…")
        self.export_button = QPushButton("Enregistrer sous…")
        self.remove_document_button = QPushButton("Retirer")
        self.attach_button.clicked.connect(lambda: self.attach())
        self.export_button.clicked.connect(lambda: self.export_document())
        self.remove_document_button.clicked.connect(self.remove_document)
        self.documents_message = message_label()
        docs = QGroupBox("Documents joints au point")
        dbox = QVBoxLayout(docs)
        dbox.addWidget(self.documents)
        dbox.addLayout(FlowLayout.of([self.attach_button, self.export_button, self.remove_document_button]))
        dbox.addWidget(self.documents_message)

        self.form_box = QGroupBox("Point")
        fbox = QVBoxLayout(self.form_box)
        fbox.addLayout(form)
        fbox.addWidget(self.message)
        srow = QHBoxLayout()
        srow.addStretch(1)
        srow.addWidget(self.save_button)
        fbox.addLayout(srow)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.form_box)
        rbox.addWidget(docs)
        rbox.addStretch(1)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(VerticalScroll(right))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.title_edit.textChanged.connect(self.validate)
        self.presenter_edit.textChanged.connect(self.validate)
        self.description_edit.textChanged.connect(self.validate)
        self.kind_combo.currentIndexChanged.connect(self.validate)
        self.change_combo.currentIndexChanged.connect(self.validate)
        self.duration_spin.valueChanged.connect(self.validate)
        self.actions_editor.changed.connect(self.validate)
        self.set_meeting(None)

    # -- loading -------------------------------------------------------------------------------------
    def set_meeting(self, meeting_id: int | None, choices: list[tuple[int, str]] | None = None) -> None:
        self.meeting_id = meeting_id
        if choices is not None:
            self.actions_editor.set_choices(choices)
        self.setEnabled(meeting_id is not None)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.item.id if self.item else None)
        items = self.service.items(self.meeting_id) if self.meeting_id is not None else []
        self.items_list.blockSignals(True)
        self.items_list.clear()
        for n, item in enumerate(items, 1):
            entry = QListWidgetItem(self._label(n, item))
            entry.setData(ID_ROLE, item.id)
            self.items_list.addItem(entry)
        self.items_list.blockSignals(False)
        total = sum(i.duration_minutes for i in items)
        self.total_label.setText(f"{plural(len(items), 'point')}"
                                 + (f" — durée prévue : {format_duration(total)}" if total else ""))
        meeting = self.service.meetings.repo.get(self.meeting_id) if self.meeting_id is not None else None
        overrun = agenda_overrun(items, meeting)
        self.overrun_label.setText(overrun)
        self.overrun_label.setVisible(bool(overrun))
        ids = [i.id for i in items]
        if keep in ids:
            self.items_list.setCurrentRow(ids.index(keep))
        elif items:
            self.items_list.setCurrentRow(0)
        self._on_current()

    @staticmethod
    def _label(n: int, item: AgendaItem) -> str:
        extra = f" — {format_duration(item.duration_minutes)}" if item.duration_minutes else ""
        links = f" — {len(item.actions)} action{'s' if len(item.actions) > 1 else ''}" if item.actions else ""
        return f"{n}. {item.title}{extra}{links}"

    def ids(self) -> list[int]:
        return [self.items_list.item(r).data(ID_ROLE) for r in range(self.items_list.count())]

    def titles(self) -> list[str]:
        return [i.title for i in self.service.items(self.meeting_id)] if self.meeting_id is not None else []

    def _on_current(self) -> None:
        entry = self.items_list.currentItem()
        if entry is None:
            self._fill(None)
        else:
            self._fill(self.service.get(entry.data(ID_ROLE)))

    def _fill(self, item: AgendaItem | None) -> None:
        self.item = item
        shown = item or AgendaItem(meeting_id=self.meeting_id or 0, title="")
        self.form_box.setTitle("Nouveau point" if item is not None and item.id is None else "Point")
        self.form_box.setEnabled(item is not None)
        for w in (self.title_edit, self.presenter_edit, self.description_edit, self.kind_combo, self.change_combo,
                  self.duration_spin):
            w.blockSignals(True)
        self.title_edit.setText(shown.title)
        enum_combo.set_current(self.kind_combo, shown.kind)
        enum_combo.set_current(self.change_combo, shown.change_kind)
        self.presenter_edit.setText(shown.presenter)
        self.duration_spin.setValue(shown.duration_minutes)
        self.description_edit.setPlainText(shown.description)
        for w in (self.title_edit, self.presenter_edit, self.description_edit, self.kind_combo, self.change_combo,
                  self.duration_spin):
            w.blockSignals(False)
        self.actions_editor.set_links(copy.deepcopy(shown.actions))
        self._fill_documents()
        self.validate()
        has = item is not None and item.id is not None
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and self.items_list.currentRow() > 0)
        self.down_button.setEnabled(has and 0 <= self.items_list.currentRow() < self.items_list.count() - 1)

    def _fill_documents(self) -> None:
        self.documents.clear()
        has = self.item is not None and self.item.id is not None
        if has:
            for att in self.service.attachments(self.meeting_id, self.item.id):
                entry = QListWidgetItem(f"{att.file_name} ({max(1, att.size // 1024)} Ko)")
                entry.setData(ID_ROLE, att.id)
                self.documents.addItem(entry)
        self.attach_button.setEnabled(has)
        self.export_button.setEnabled(has and self.documents.count() > 0)
        self.remove_document_button.setEnabled(has and self.documents.count() > 0)
        if self.documents.count():
            self.documents.setCurrentRow(0)

    # -- the form --------------------------------------------------------------------------------------
    def edited(self) -> AgendaItem | None:
        if self.item is None:
            return None
        item = copy.deepcopy(self.item)
        item.title = self.title_edit.text().strip()
        item.kind = enum_combo.current(self.kind_combo, AgendaItemKind)
        item.change_kind = (enum_combo.current(self.change_combo, ChangeKind)
                            if item.kind is AgendaItemKind.CHANGE_REQUEST else None)
        item.presenter = self.presenter_edit.text().strip()
        item.duration_minutes = self.duration_spin.value()
        item.description = self.description_edit.toPlainText()
        item.actions = self.actions_editor.links()
        return item

    @property
    def is_dirty(self) -> bool:
        item = self.edited()
        return item is not None and (item.id is None or item != self.item)

    def validate(self) -> bool:
        item = self.edited()
        self.change_combo.setEnabled(item is not None and item.kind is AgendaItemKind.CHANGE_REQUEST)
        ok = self.errors.show(self.service.problems(item)) if item is not None else True
        self.save_button.setEnabled(item is not None and ok and self.is_dirty)
        return ok

    def new_item(self) -> None:
        if self.meeting_id is None:
            return
        self.items_list.clearSelection()
        self.items_list.setCurrentRow(-1)
        self._fill(self.service.new_item(self.meeting_id))
        self.title_edit.setFocus()

    def save_item(self) -> bool:
        item = self.edited()
        if item is None:
            return False
        text = "Ajout d'un point à l'ordre du jour" if item.id is None else f"Modification du point « {item.title} »"
        try:
            meeting_step(self.ctx, text, self.meeting_id, lambda: self.service.save_item(item, loaded=self.item))
        except ConcurrentChangeError as err:  # changed elsewhere: said in a box, the form keeps what was typed
            self.refusal = open_warning(self, str(err), "Enregistrement impossible")
            return False
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        show_message(self.message, "")
        self.refresh(select=item.id)
        self.changed.emit()
        return True

    def delete_item(self) -> bool:
        if self.item is None or self.item.id is None:
            return False
        item_id, title, version = self.item.id, self.item.title, self.item.row_version
        try:
            meeting_step(self.ctx, f"Suppression du point « {title} »", self.meeting_id,
                         lambda: self.service.delete_item(item_id, expected_version=version), with_documents=True)
        except ConcurrentChangeError as err:
            self.refusal = open_warning(self, str(err), "Suppression impossible")
            return False
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self.item = None
        self.refresh()
        self.changed.emit()
        return True

    # -- order -----------------------------------------------------------------------------------------
    def move_item(self, item_id: int, new_index: int) -> bool:
        try:
            meeting_step(self.ctx, "Changement d'ordre de l'ordre du jour", self.meeting_id,
                         lambda: self.service.move(item_id, new_index))
        except DomainError as err:
            show_message(self.message, str(err))
            self.refresh()
            return False
        self.refresh(select=item_id)
        self.changed.emit()
        return True

    def move_by(self, delta: int) -> bool:
        if self.item is None or self.item.id is None:
            return False
        return self.move_item(self.item.id, self.items_list.currentRow() + delta)

    def _on_rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        """A drag and drop in the list: record the new place of the item dropped."""
        new_index = row if row < start else row - 1
        entry = self.items_list.item(new_index)
        if entry is None:
            return
        item_id = entry.data(ID_ROLE)
        # after the drop has finished: the list is rebuilt from the workspace
        QTimer.singleShot(0, lambda: self.move_item(item_id, new_index))

    def apply_template(self, kind: CommitteeKind | None) -> bool:
        """Append a typical agenda: the meeting's own committee's (``kind`` None) or a COTECH's / COPIL's."""
        if self.meeting_id is None:
            return False
        warning = self.service.template_warning(self.meeting_id, kind)
        try:
            meeting_step(self.ctx, "Ordre du jour type" + (f" d'un {kind.label}" if kind else ""), self.meeting_id,
                         lambda: self.service.apply_template(self.meeting_id, kind))
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self.refresh()
        if warning:
            show_message(self.message, warning, "warning")
        self.changed.emit()
        return True

    # -- documents -------------------------------------------------------------------------------------
    def attach(self, path: str | None = None) -> bool:
        if self.item is None or self.item.id is None:
            return False
        path = path or QFileDialog.getOpenFileName(self, "Joindre un document")[0]
        if not path:
            return False
        item_id = self.item.id
        try:
            meeting_step(self.ctx, f"Document joint : {Path(path).name}", self.meeting_id,
                         lambda: self.service.add_attachment_file(self.meeting_id, path, agenda_item_id=item_id),
                         with_documents=True)
        except DomainError as err:
            show_message(self.documents_message, str(err))
            return False
        show_message(self.documents_message, "")
        self._fill_documents()
        self.changed.emit()
        return True

    def export_document(self, target: str | None = None) -> str | None:
        entry = self.documents.currentItem()
        if entry is None:
            return None
        att_id = entry.data(ID_ROLE)
        name = entry.text().rsplit(" (", 1)[0]
        target = target or QFileDialog.getSaveFileName(self, "Enregistrer le document sous", name)[0]
        if not target:
            return None
        try:
            written = self.service.export_attachment(att_id, target)
        except (DomainError, OSError) as err:
            show_message(self.documents_message, str(err))
            return None
        show_info(self.documents_message, f"Écrit : {written}", str(written))
        return str(written)

    def remove_document(self) -> bool:
        entry = self.documents.currentItem()
        if entry is None:
            return False
        att_id = entry.data(ID_ROLE)
        meeting_step(self.ctx, "Retrait d'un document joint", self.meeting_id,
                     lambda: self.service.delete_attachment(att_id), with_documents=True)
        self._fill_documents()
        self.changed.emit()
        return True
