"""Choosing organisations: a combo searchable by any part of the name (accents ignored), and a
checkable list with a search field for multiple choices."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from crte_desktop.domain.text import fold
from crte_desktop.domain.wording import plural
from crte_desktop.views.widgets.small_screen import ElidedLabel

ID_ROLE = Qt.ItemDataRole.UserRole


class _FoldFilter(QSortFilterProxyModel):
    """Keeps the rows whose text contains the typed words, ignoring case and accents."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        text = fold(self.sourceModel().index(row, 0, parent).data())
        return all(w in text for w in self._words)


class SearchableCombo(QComboBox):
    """A combo of (id, label) items; typing shows the items containing the words typed.

    QComboBox maps the completer's choice back through the filter to its own rows.

    ``idChanged`` carries the chosen id (None for the empty choice)."""

    idChanged = Signal(object)

    def __init__(self, none_label: str = "(aucun)", parent: QWidget | None = None):
        super().__init__(parent)
        self._none_label = none_label
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText("Tapez pour rechercher…")
        self._filter = _FoldFilter(self)
        self._filter.setSourceModel(self.model())
        completer = QCompleter(self._filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._filter.set_text)
        self.lineEdit().editingFinished.connect(self._settle_text)
        self.currentIndexChanged.connect(lambda _i: self.idChanged.emit(self.current_id()))

    def set_items(self, items: list[tuple[int, str]]) -> None:
        current = self.current_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._none_label, None)
        for item_id, label in items:
            self.addItem(label, item_id)
        self.blockSignals(False)
        self.set_current_id(current)

    def current_id(self) -> int | None:
        return self.currentData(ID_ROLE) if self.currentIndex() >= 0 else None

    def set_current_id(self, item_id: int | None) -> None:
        index = self.findData(item_id, ID_ROLE) if item_id is not None else 0
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def choose_id(self, item_id: int | None) -> None:
        """As the user choosing: sets and announces the change."""
        index = self.findData(item_id, ID_ROLE) if item_id is not None else 0
        self.setCurrentIndex(max(index, 0))

    def _settle_text(self) -> None:
        """Leaving the field: take the single match of the text typed, or put back the current choice."""
        text = self.lineEdit().text()
        if text != self.itemText(self.currentIndex()):
            matches = [r for r in range(self.count()) if fold(self.itemText(r)) == fold(text)]
            if len(matches) == 1:
                self.setCurrentIndex(matches[0])
            self.lineEdit().setText(self.itemText(self.currentIndex()))
        # later: the completer may still be reading the filtered rows while this runs
        QTimer.singleShot(0, self, lambda: self._filter.set_text(""))


class MultiSelectList(QWidget):
    """A checkable list of (id, label) items with a search field and a summary of the choice.

    ``selected()`` keeps the order in which the items were chosen."""

    changed = Signal()

    def __init__(self, noun: str, none_chosen: str, parent: QWidget | None = None):
        """``noun`` in the singular ("partenaire"); ``none_chosen`` the summary of an empty choice
        ("Aucun partenaire sélectionné")."""
        super().__init__(parent)
        self._noun = noun
        self._none_chosen = none_chosen
        self._selected: list[int] = []
        self._tick_flag = Qt.ItemFlag.ItemIsUserCheckable  # none in a read-only window
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(80)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # the start of a name reads best; whole in tooltip
        self.summary = ElidedLabel()  # one line; the whole list in its tooltip
        self.summary.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self.search.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(self._on_item)

    def sizeHint(self) -> QSize:
        return QSize(260, 170)  # modest, so that the tab does not scroll; grows with the layout

    def set_items(self, items: list[tuple[int, str]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for item_id, label in items:
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(ID_ROLE, item_id)
            item.setFlags((item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable) | self._tick_flag)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.set_selected(self._selected)
        self._apply_filter(self.search.text())

    def selected(self) -> list[int]:
        return list(self._selected)

    def lock_for_reading(self, reason: str) -> None:
        """A read-only window (views/widgets/read_only.py): the choice shows, is searched, is not changed."""
        self._tick_flag = Qt.ItemFlag.NoItemFlags
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self.list.setToolTip(reason)

    def set_selected(self, ids: list[int]) -> None:
        self._selected = list(ids)
        wanted = set(ids)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_summary()

    def set_checked(self, item_id: int, checked: bool) -> None:
        """As the user ticking an item."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == item_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def visible_labels(self) -> list[str]:
        return [self.list.item(r).text() for r in range(self.list.count()) if not self.list.item(r).isHidden()]

    def _on_item(self, item: QListWidgetItem) -> None:
        item_id = item.data(ID_ROLE)
        if item.checkState() == Qt.CheckState.Checked and item_id not in self._selected:
            self._selected.append(item_id)
        elif item.checkState() != Qt.CheckState.Checked and item_id in self._selected:
            self._selected.remove(item_id)
        else:
            return
        self._update_summary()
        self.changed.emit()

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            label = fold(item.text())
            item.setHidden(not all(w in label for w in words))

    def _update_summary(self) -> None:
        labels = {self.list.item(r).data(ID_ROLE): self.list.item(r).text() for r in range(self.list.count())}
        names = [labels[i] for i in self._selected if i in labels]
        if not names:
            self.summary.setText(self._none_chosen)
        else:
            self.summary.setText(f"{plural(len(names), self._noun)} : " + ", ".join(names))
        self.summary.setToolTip("\n".join(names))
