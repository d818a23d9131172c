"""The tree of a contract's sections (axes / volets → orientations…): add, rename, describe,
delete, reorder and reparent (buttons or drag and drop). Every edit goes through
ContractService and is one step on the undo stack."""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget)

from crte_desktop.db.changes import Changes
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.editing.steps import Step
from crte_desktop.views.widgets.form_feedback import FieldErrors, message_label, show_message
from crte_desktop.views.shell.undoable import run_or_show

SECTION_ID = Qt.ItemDataRole.UserRole + 1
MIME_TYPE = "application/x-crte-section-id"
CODE_COLUMN, TITLE_COLUMN, ACTIONS_COLUMN = 0, 1, 2


class SectionModel(QStandardItemModel):
    """Sections as a tree of rows (code with level name, title, number of actions).

    Edits and drops are not applied to the rows: they are handed to ``on_rename`` / ``on_move``
    (after the current event), which go through the service; the tree reloads from the store."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Section", "Intitulé", "Actions"])
        self.on_rename = None  # (section_id, title) -> None
        self.on_move = None  # (section_id, parent_id, position) -> None

    def load(self, sections: list[Section], contract: Contract, usage: dict[int, int]) -> None:
        self.removeRows(0, self.rowCount())
        items: dict[int, QStandardItem] = {}
        for s in sections:  # tree order: parents come first
            level = contract.level_name(s.depth)
            code = QStandardItem(f"{level} {s.code}")
            code.setEditable(False)
            title = QStandardItem(s.title)
            title.setToolTip(s.description or s.title)
            count = QStandardItem(str(usage.get(s.id, 0)) if usage.get(s.id) else "")
            count.setEditable(False)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (code, title, count):
                item.setData(s.id, SECTION_ID)
                item.setDropEnabled(True)
            parent = items.get(s.parent_id, self.invisibleRootItem())
            parent.appendRow([code, title, count])
            items[s.id] = code

    def section_id(self, index: QModelIndex) -> int | None:
        return index.data(SECTION_ID) if index.isValid() else None

    def index_of(self, section_id: int, column: int = CODE_COLUMN) -> QModelIndex:
        for index in self._walk(QModelIndex()):
            if index.data(SECTION_ID) == section_id:
                return index.siblingAtColumn(column)
        return QModelIndex()

    def _walk(self, parent: QModelIndex):
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    # -- inline rename -----------------------------------------------------------------------
    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.column() == TITLE_COLUMN and self.on_rename:
            if str(value) != index.data():
                sid, callback = self.section_id(index), self.on_rename
                QTimer.singleShot(0, lambda: callback(sid, str(value)))
            return False
        return super().setData(index, value, role)

    # -- drag and drop -----------------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        ids = {self.section_id(i) for i in indexes if i.isValid()}
        if len(ids) == 1:
            data.setData(MIME_TYPE, str(ids.pop()).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        if not data.hasFormat(MIME_TYPE) or self.on_move is None:
            return False
        section_id = int(bytes(data.data(MIME_TYPE)).decode())
        parent = parent.siblingAtColumn(0) if parent.isValid() else QModelIndex()
        parent_id = self.section_id(parent)
        siblings = [self.section_id(self.index(r, 0, parent)) for r in range(self.rowCount(parent))]
        if row < 0:  # dropped onto a section: becomes its last child
            row = len(siblings)
        position = row - sum(1 for sid in siblings[:row] if sid == section_id)
        callback = self.on_move
        QTimer.singleShot(0, lambda: callback(section_id, parent_id, position))
        return False  # the rows are rebuilt from the store once the move is saved


class SectionTree(QWidget):
    """Edits the sections of one contract (``set_contract``); disabled until the contract exists."""

    edited = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.contracts
        self.contract_id: int | None = None
        self.contract: Contract | None = None
        self.level_names: list[str] | None = None  # previewed names, before the contract is saved
        self._sections: dict[int, Section] = {}
        self._shown = Contract(name="")
        self.title_dialog: QInputDialog | None = None

        self.model = SectionModel(self)
        self.model.on_rename = self.rename_section
        self.model.on_move = self.move_section
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CODE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ACTIONS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._update_state)

        self.add_top_button = QPushButton("Nouvelle section")
        self.add_child_button = QPushButton("Nouvelle sous-section")
        self.rename_button = QPushButton("Renommer")
        self.delete_button = QPushButton("Supprimer")
        self.up_button = QPushButton("Monter")
        self.down_button = QPushButton("Descendre")
        self.add_top_button.clicked.connect(lambda: self.ask_new_section(None))
        self.add_child_button.clicked.connect(lambda: self.ask_new_section(self.current_id()))
        self.rename_button.clicked.connect(self._start_rename)
        self.delete_button.clicked.connect(lambda: self.delete_section(self.current_id()))
        self.up_button.clicked.connect(lambda: self.shift_section(self.current_id(), -1))
        self.down_button.clicked.connect(lambda: self.shift_section(self.current_id(), +1))
        self.up_button.setToolTip("Monter la section (Alt+Haut)")
        self.down_button.setToolTip("Descendre la section (Alt+Bas)")
        self.delete_button.setToolTip("Supprimer la section et ses sous-sections (Suppr)")
        self.rename_button.setToolTip("Modifier l'intitulé (F2 ou double-clic)")
        for keys, slot in ((QKeySequence("Alt+Up"), lambda: self.shift_section(self.current_id(), -1)),
                           (QKeySequence("Alt+Down"), lambda: self.shift_section(self.current_id(), +1)),
                           (QKeySequence(QKeySequence.StandardKey.Delete),
                            lambda: self.delete_section(self.current_id()))):
            QShortcut(keys, self.view, slot, context=Qt.ShortcutContext.WidgetShortcut)

        buttons = QHBoxLayout()
        for b in (self.add_top_button, self.add_child_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)

        self.message = message_label()
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        # details of the current section: title and description
        self.detail_title = QLineEdit()
        self.detail_description = QPlainTextEdit()
        self.detail_description.setPlaceholderText("Enjeux, objectifs, services référents…")
        self.detail_code = QLabel()
        self.detail_code.setStyleSheet("font-weight: bold;")
        self.apply_button = QPushButton("Appliquer")
        self.apply_button.clicked.connect(self.apply_details)
        self.errors = FieldErrors()
        details = QWidget()
        form = QFormLayout(details)
        form.setContentsMargins(6, 0, 0, 0)
        form.addRow(self.detail_code)
        form.addRow("Intitulé", self.errors.wrap("title", self.detail_title))
        form.addRow("Description", self.detail_description)
        form.addRow("", self.apply_button)
        self.detail_title.textChanged.connect(self._details_edited)
        self.detail_description.textChanged.connect(self._details_edited)
        self.details = details

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        ctx.bus.changed.connect(self._on_changes)
        self.set_contract(None)

    def sizeHint(self) -> QSize:
        return QSize(900, 480)

    # -- loading -----------------------------------------------------------------------------
    def set_contract(self, contract_id: int | None) -> None:
        self.contract_id = contract_id
        self.reload()

    def preview_level_names(self, names: list[str]) -> None:
        """Show the level names being typed in the contract form before they are saved."""
        self.level_names = names or None
        self.reload()

    def reload(self) -> None:
        current = self.current_id()
        self.contract = self.service.contract(self.contract_id) if self.contract_id is not None else None
        if self.contract is None:
            self.contract_id = None
        shown = copy.copy(self.contract) if self.contract else Contract(name="")
        if self.level_names:
            shown.level_names = self.level_names
        sections = self.service.sections(self.contract_id) if self.contract_id is not None else []
        self._sections = {s.id: s for s in sections}
        self._shown = shown
        usage = {s.id: self.service.section_usage(s.id) for s in sections}
        self.model.load(sections, shown, usage)
        self.view.expandAll()
        if current in self._sections:
            self.select(current)
        self._update_state()

    def _on_changes(self, changes: Changes) -> None:
        if self.contract_id is None:
            return
        if changes.everything or self.contract_id in changes.contracts or changes.actions \
                or changes.sections & set(self._sections):
            self.reload()

    # -- selection ------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        return self.model.section_id(self.view.currentIndex())

    def select(self, section_id: int) -> None:
        index = self.model.index_of(section_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def codes(self) -> list[tuple[str, str]]:
        """(displayed code, title) of every row in tree order, as the user sees them."""
        out = []
        for index in self.model._walk(QModelIndex()):
            out.append((index.data(), index.siblingAtColumn(TITLE_COLUMN).data()))
        return out

    def _level(self, depth: int) -> str:
        return self._shown.level_name(depth)

    def _update_state(self, *_) -> None:
        enabled = self.contract_id is not None
        current = self._sections.get(self.current_id())
        self.view.setEnabled(enabled)
        self.add_top_button.setEnabled(enabled)
        self.add_top_button.setText(f"Nouvelle section : {self._level(0)}")
        child_level = self._level(current.depth + 1) if current else self._level(1)
        self.add_child_button.setText(f"Nouvelle sous-section : {child_level}")
        for b in (self.add_child_button, self.rename_button, self.delete_button, self.up_button, self.down_button):
            b.setEnabled(enabled and current is not None)
        if current is not None:
            siblings = [s for s in self._sections.values() if s.parent_id == current.parent_id]
            self.up_button.setEnabled(siblings[0].id != current.id)
            self.down_button.setEnabled(siblings[-1].id != current.id)
        self.details.setEnabled(current is not None)
        if not enabled:
            self.hint.setText("Enregistrez d'abord le contrat pour lui ajouter des sections.")
        elif not self._sections:
            self.hint.setText(f"Ce contrat n'a pas encore de section. Commencez par « Nouvelle section : "
                              f"{self._level(0)} ».")
        else:
            self.hint.setText("Glissez-déposez une section pour la déplacer ; les numéros se recalculent.")
        self._show_current()

    def _show_current(self) -> None:
        current = self._sections.get(self.current_id())
        for w in (self.detail_title, self.detail_description):
            w.blockSignals(True)
        if current is None:
            self.detail_code.setText("Choisissez une section dans l'arbre.")
            self.detail_title.clear()
            self.detail_description.clear()
        else:
            self.detail_code.setText(f"{self._level(current.depth)} {current.code}")
            self.detail_title.setText(current.title)
            self.detail_title.setCursorPosition(0)
            self.detail_description.setPlainText(current.description)
        for w in (self.detail_title, self.detail_description):
            w.blockSignals(False)
        self.errors.show([])
        self.apply_button.setEnabled(False)

    def _details_edited(self) -> None:
        current = self._sections.get(self.current_id())
        if current is None:
            return
        probe = copy.copy(current)
        probe.title = self.detail_title.text()
        ok = self.errors.show(self.service.section_problems(probe))
        changed = (self.detail_title.text().strip(), self.detail_description.toPlainText()) != (
            current.title, current.description)
        self.apply_button.setEnabled(ok and changed)

    # -- edits -------------------------------------------------------------------------------------
    def _run(self, step: Callable[[], Step | None]) -> bool:
        """One undoable edit, built by the service; a refusal is shown in the message line."""
        if not run_or_show(self.ctx.undo_stack, self.message, step):
            return False
        show_message(self.message, "")
        self.edited.emit()
        return True

    def ask_new_section(self, parent_id: int | None) -> None:
        """Ask the title of a new section (top level when ``parent_id`` is None) in a small dialog."""
        if self.contract_id is None:
            return
        parent = self._sections.get(parent_id)
        level = self._level(parent.depth + 1 if parent else 0)
        where = f" dans {self._level(parent.depth)} {parent.code}" if parent else ""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Nouvelle section")
        dialog.setLabelText(f"Intitulé de la nouvelle section « {level} »{where} :")
        dialog.setTextValue("")
        dialog.resize(520, dialog.sizeHint().height())
        dialog.textValueSelected.connect(lambda title: self.add_section(parent_id, title))
        dialog.finished.connect(lambda *_: setattr(self, "title_dialog", None))
        self.title_dialog = dialog
        dialog.open()

    def add_section(self, parent_id: int | None, title: str, description: str = "") -> int | None:
        """Create a section at the end of ``parent_id``'s children; returns its id (None if refused)."""
        if self.contract_id is None:
            return None
        section = Section(self.contract_id, title.strip(), parent_id=parent_id, description=description)
        if self._run(lambda: self.service.add_section_step(section)):
            self.reload()
            self.select(section.id)
            return section.id
        return None

    def rename_section(self, section_id: int | None, title: str) -> bool:
        s = self._sections.get(section_id)
        if s is None or title.strip() == s.title:
            return False
        return self._run(lambda: self.service.update_section_step(section_id, title=title,
                                                                  expected_version=s.row_version))

    def apply_details(self) -> bool:
        s = self._sections.get(self.current_id())
        if s is None:
            return False
        title, description = self.detail_title.text(), self.detail_description.toPlainText()
        return self._run(lambda: self.service.update_section_step(s.id, title=title, description=description,
                                                                  expected_version=s.row_version))

    def delete_section(self, section_id: int | None) -> bool:
        s = self._sections.get(section_id)
        if s is None:
            return False
        return self._run(lambda: self.service.delete_section_step(section_id, expected_version=s.row_version))

    def move_section(self, section_id: int | None, parent_id: int | None, position: int) -> bool:
        s = self._sections.get(section_id)
        if s is None:
            return False
        ok = self._run(lambda: self.service.move_section_step(section_id, parent_id, position,
                                                              expected_version=s.row_version))
        if ok:
            self.select(section_id)
        return ok

    def shift_section(self, section_id: int | None, step: int) -> bool:
        """Move a section one place up (-1) or down (+1) among its siblings."""
        if section_id not in self._sections:
            return False
        parent_id, position = self.service.section_place(section_id)
        siblings = [s for s in self._sections.values() if s.parent_id == parent_id]
        if not 0 <= position + step < len(siblings):
            return False
        return self.move_section(section_id, parent_id, position + step)

    def _start_rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(TITLE_COLUMN))
