"""The "Actions" page: a filter bar (search as you type, status, maître d'ouvrage) over the actions table.

The table's columns can be hidden from the header's context menu; widths, order and hidden
columns are remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QSizePolicy, QTableView, QVBoxLayout, QWidget)

from crte_desktop.db.queries import action_table as q
from crte_desktop.db.changes import Changes
from crte_desktop.domain.enums import LATE_LABEL
from crte_desktop.domain.money import format_amount, from_cents
from crte_desktop.views.actions.actions_print import actions_html, preview_and_print
from crte_desktop.views.actions.actions_model import COLUMN_KEYS, COLUMNS, ActionsTableModel

FILTER_DELAY_MS = 150
HEADER_KEY = "actions_table/header"
ALWAYS_SHOWN = ("reference",)


def totals_text(t: q.ActionTotals) -> str:
    """"12 actions · Coût total : 1 234 000,00 € · Financements retenus : 456 000,00 €"."""
    count = "Aucune action" if t.count == 0 else f"{t.count} action" + ("s" if t.count > 1 else "")
    return (f"{count}  ·  Coût total : {format_amount(from_cents(t.total_cost_cents))}"
            f"  ·  Financements retenus : {format_amount(from_cents(t.retained_cents))}")


class ActionsTableView(QTableView):
    """The table itself: whole rows selected, compact rows, header menu to choose the columns."""

    def __init__(self, model: ActionsTableModel, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = self.verticalHeader()
        vheader.setVisible(False)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.restore_columns()
        header.sortIndicatorChanged.connect(lambda *_: self.save_columns())
        header.sectionResized.connect(lambda *_: self._save_soon())
        header.sectionMoved.connect(lambda *_: self.save_columns())
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_columns)

    # -- columns ----------------------------------------------------------------------------------
    def default_columns(self) -> None:
        header = self.horizontalHeader()
        for i, column in enumerate(COLUMNS):
            logical_at = header.logicalIndex(i)
            if logical_at != i:
                header.moveSection(header.visualIndex(i), i)
            header.setSectionHidden(i, column.hidden)
            header.resizeSection(i, column.width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_KEYS.index("title"), QHeaderView.ResizeMode.Stretch)  # takes what is left
        header.setSortIndicator(COLUMN_KEYS.index("reference"), Qt.SortOrder.AscendingOrder)

    def restore_columns(self) -> bool:
        state = self._settings.value(HEADER_KEY)
        header = self.horizontalHeader()
        if isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state) \
                and header.count() == len(COLUMNS):
            for key in ALWAYS_SHOWN:
                header.setSectionHidden(COLUMN_KEYS.index(key), False)
            return True
        self.default_columns()
        return False

    def save_columns(self) -> None:
        self._settings.setValue(HEADER_KEY, self.horizontalHeader().saveState())

    def _save_soon(self) -> None:
        self._save_timer.start()

    def set_column_visible(self, key: str, visible: bool) -> None:
        if key in ALWAYS_SHOWN:
            return
        self.horizontalHeader().setSectionHidden(COLUMN_KEYS.index(key), not visible)
        self.save_columns()

    def visible_keys(self) -> list[str]:
        """The shown columns, in the order on screen."""
        header = self.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [COLUMN_KEYS[i] for i in logical if not header.isSectionHidden(i)]

    def is_column_visible(self, key: str) -> bool:
        return not self.horizontalHeader().isSectionHidden(COLUMN_KEYS.index(key))

    def column_menu(self) -> QMenu:
        menu = QMenu("Colonnes", self)
        self.fill_column_menu(menu)
        return menu

    def fill_column_menu(self, menu: QMenu) -> None:
        """One checkable entry per column, then "Colonnes par défaut"."""
        menu.clear()
        for column in COLUMNS:
            action = menu.addAction(column.label)
            action.setCheckable(True)
            action.setChecked(self.is_column_visible(column.key))
            action.setEnabled(column.key not in ALWAYS_SHOWN)
            action.setData(column.key)
            action.toggled.connect(lambda on, k=column.key: self.set_column_visible(k, on))
        menu.addSeparator()
        reset = menu.addAction("Colonnes par défaut")
        reset.triggered.connect(self._reset_columns)

    def _reset_columns(self) -> None:
        self.default_columns()
        self.save_columns()

    def _header_menu(self, pos) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.horizontalHeader().mapToGlobal(pos))


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


class ActionsPage(QWidget):
    """Filter bar + table. The window sets the scope (contract or section) from the navigation tree."""

    action_activated = Signal(int)  # double-click or Enter on a row
    selection_changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ActionsTableModel(ctx, self)
        self.table = ActionsTableView(self.model, ctx.settings, self)
        self.scope_label = ElidedLabel()
        self.scope_label.setObjectName("scopeLabel")
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.scope_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.scope_label.setFont(font)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Rechercher (Ctrl+F)")
        self.filter_edit.setToolTip("Référence, intitulé ou maître d'ouvrage ; accents et majuscules indifférents")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(160)
        self.status_combo = QComboBox()
        self.status_combo.setToolTip("Filtrer par statut")
        self.status_combo.setMinimumContentsLength(11)
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner_combo = QComboBox()
        self.owner_combo.setToolTip("Filtrer par maître d'ouvrage")
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_combo.setMaximumWidth(240)  # a long name is shortened here, whole in the list
        self._fill_statuses()
        self._fill_owners()

        bar = QHBoxLayout()
        bar.addWidget(self.scope_label, 1)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.owner_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(lambda: self.apply_filter_now(self.filter_edit.text()))
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(lambda: self.apply_filter_now(self.filter_edit.text()))
        self.status_combo.currentIndexChanged.connect(
            lambda: self.model.set_filter(status=self.status_combo.currentData()))
        self.owner_combo.currentIndexChanged.connect(
            lambda: self.model.set_filter(owner_id=self.owner_combo.currentData()))
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._kept: tuple[list[int], int | None] = ([], None)
        ctx.bus.changed.connect(self._on_changes)

    # -- filtering -----------------------------------------------------------------------------
    def apply_filter_now(self, text: str) -> None:
        """Filter at once (the line edit waits 150 ms after the last key)."""
        self._timer.stop()
        if self.filter_edit.text() != text:
            self.filter_edit.blockSignals(True)
            self.filter_edit.setText(text)
            self.filter_edit.blockSignals(False)
        self.model.set_filter(text=text)

    def set_scope(self, contract_id: int | None, section_ids: tuple[int, ...] | None = None,
                  without_section: bool = False, label: str = "", tooltip: str = "") -> None:
        self.scope_label.setText(label or "Toutes les actions")
        self.scope_label.setToolTip(tooltip or label)
        self.model.set_filter(contract_id=contract_id, section_ids=section_ids, without_section=without_section)
        self._fill_owners()

    def printable_html(self) -> str:
        return actions_html(self.scope_label.text(), self.table.visible_keys(), self.model.all_texts(),
                            totals_text(self.model.totals), self.ctx.today)

    def print_(self) -> None:
        """Ctrl+P: the list as shown, with a preview."""
        preview_and_print(self, self.printable_html(), "Liste des actions")

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _fill_statuses(self) -> None:
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem("Tous les statuts", None)
        for code, (label, _color) in self.model.statuses.items():
            self.status_combo.addItem(label, code)
        self.status_combo.addItem(LATE_LABEL, "late")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current)))
        self.status_combo.blockSignals(False)

    def _fill_owners(self) -> None:
        current = self.owner_combo.currentData()
        owners = self.ctx.workspace.tables.owners(self.model.filter.contract_id)
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Tous les maîtres d'ouvrage", None)
        for oid, label in owners:
            self.owner_combo.addItem(label, oid)
        index = self.owner_combo.findData(current)
        self.owner_combo.setCurrentIndex(max(0, index))
        self.owner_combo.blockSignals(False)
        if current is not None and index < 0:  # that owner has no action left here
            self.model.set_filter(owner_id=None)

    def _on_changes(self, changes: Changes) -> None:
        if not self.ctx.workspace.is_open:
            return
        if changes.everything or changes.reference:
            self._fill_statuses()
        if changes.everything or changes.organisations or changes.actions:
            self._fill_owners()

    # -- selection -------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [aid for r in rows if (aid := self.model.action_id(r)) is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return self.model.action_id(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_action(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _remember_selection(self) -> None:
        current = self.table.currentIndex()
        self._kept = (self.selected_ids(), self.model.action_id(current.row()) if current.isValid() else None)

    def _restore_selection(self) -> None:
        ids, current = self._kept
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for aid in ids:
            row = self.model.row_of(aid)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
        if current is not None and (row := self.model.row_of(current)) is not None:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.selection_changed.emit()

    def _activated(self, index: QModelIndex) -> None:
        aid = self.model.action_id(index.row())
        if aid is not None:
            self.action_activated.emit(aid)
