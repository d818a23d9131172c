"""Cell editors of the form's tables.

Typed cells commit on every keystroke that gives a readable value, so totals follow the typing;
when the editor closes on text that cannot be read, the model refuses it (with its French
reason) and the cell goes back to the value it had when the editor opened."""

from __future__ import annotations

import copy

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.errors import DomainError
from crte_desktop.views.widgets.list_model import ListTableModel

_PLACEHOLDERS = {"amount": "0,00", "date": "jj/mm/aaaa", "year": "aaaa", "number": "0"}


class CellDelegate(QStyledItemDelegate):
    def __init__(self, model: ListTableModel, parent=None):
        super().__init__(parent)
        self.model = model

    def _choices(self, index: QModelIndex, kind: str) -> list[tuple[object, str]] | None:
        lookups = getattr(self.model, "lookups", None)
        if kind == "funder":
            return [(f.id, f.label) for f in lookups.funders]
        if kind == "scheme":
            funder_id = self.model.rows[index.row()].funder_id
            return [(None, "(aucun)")] + [(s.id, s.name) for s in lookups.schemes_of(funder_id)]
        if kind == "category":
            return [(c.value, c.label) for c in FinancingCategory]
        if kind == "status":
            return [(s.value, s.label) for s in FinancingStatus]
        return None

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        column = self.model.COLUMNS[index.column()]
        choices = self._choices(index, column.kind)
        if choices is not None:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
            return combo
        edit = QLineEdit(parent)
        edit.setPlaceholderText(_PLACEHOLDERS.get(column.kind, ""))
        if column.right_aligned:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setProperty("original", index.data(Qt.ItemDataRole.EditRole))
        persistent = QPersistentModelIndex(index)
        edit.textEdited.connect(lambda text, e=edit, i=persistent: self._live(e, i, text))
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif editor.property("live") is None:
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        if editor.property("live") is not None and editor.text() == editor.property("live"):
            return  # already committed while typing
        if not model.setData(index, editor.text()):
            original = editor.property("original")
            if editor.property("live") is not None and original is not None:
                model.restore(index, original)

    def _live(self, editor: QLineEdit, persistent: QPersistentModelIndex, text: str) -> None:
        """Commit silently while the text can be read; leave the refusal for when the editor closes."""
        if not persistent.isValid():
            return
        model = self.model
        index = model.index(persistent.row(), persistent.column())
        column = model.COLUMNS[index.column()]
        try:
            model.apply(copy.deepcopy(model.rows[index.row()]), column, text)
        except DomainError:
            return
        editor.setProperty("live", text)
        model.setData(index, text)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
