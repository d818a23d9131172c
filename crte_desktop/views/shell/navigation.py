"""The navigation tree on the left: contracts → sections at any depth (codes "1", "1.2" and titles, with
action counts) → the actions of each section, loaded when the section is expanded.

Selecting a contract or a section tells the window which actions to list; double-clicking an
action opens it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from crte_desktop.db.queries import action_table as q
from crte_desktop.db.changes import Changes

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTRACT_ROLE = Qt.ItemDataRole.UserRole + 2
PENDING_ROLE = Qt.ItemDataRole.UserRole + 3  # a section whose actions are not loaded yet

ALL, CONTRACT, SECTION, NO_SECTION, ACTION, EMPTY = "all", "contract", "section", "nosection", "action", "empty"


@dataclass(frozen=True)
class Scope:
    """What the actions table lists: all, a contract, a section (and all below it) or the unsectioned."""

    contract_id: int | None
    section_id: int | None = None
    without_section: bool = False
    label: str = ""  # short: the section ("1.2  Mobilités") or the contract
    path: str = ""  # whole: "CRTE du Valenciennois › 1.2  Mobilités"


def _count_text(n: int) -> str:
    return f"{n}"


class NavigationTree(QTreeWidget):
    scope_selected = Signal(object)  # Scope
    action_clicked = Signal(int)
    action_activated = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setColumnCount(2)
        self.setHeaderLabels(["Contrats et sections", "Actions"])
        self.setHeaderHidden(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setExpandsOnDoubleClick(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setMinimumWidth(180)
        self.setIndentation(14)  # deep sections keep room for their titles
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._grey = QBrush(QColor("#6b6b6b"))
        self._scope: Scope | None = None
        self.itemExpanded.connect(self._load_actions)
        self.currentItemChanged.connect(self._current_changed)
        self.itemDoubleClicked.connect(self._double_clicked)
        ctx.bus.changed.connect(self._on_changes)
        self.rebuild()

    # -- what the window asks --------------------------------------------------------------------
    @property
    def scope(self) -> Scope | None:
        return self._scope

    def current_contract_id(self) -> int | None:
        item = self.currentItem()
        if item is not None and item.data(0, CONTRACT_ROLE) is not None:
            return item.data(0, CONTRACT_ROLE)
        first = self._first_contract_item()
        return first.data(0, ID_ROLE) if first else None

    def current_section_id(self) -> int | None:
        item = self.currentItem()
        while item is not None and item.data(0, KIND_ROLE) == ACTION:
            item = item.parent()
        if item is not None and item.data(0, KIND_ROLE) == SECTION:
            return item.data(0, ID_ROLE)
        return None

    def item_for(self, kind: str, item_id: int | None) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, KIND_ROLE) == kind and item.data(0, ID_ROLE) == item_id:
                return item
        return None

    def select(self, kind: str, item_id: int | None) -> bool:
        item = self.item_for(kind, item_id)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    # -- building -----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Rebuild from the workspace, keeping the expanded nodes and the current one."""
        expanded = {self._key(i) for i in self._all_items() if i.isExpanded()}
        current = self._key(self.currentItem()) if self.currentItem() is not None else None
        first_build = self.topLevelItemCount() == 0 and self._scope is None
        self.blockSignals(True)
        try:
            self.clear()
            self._build()
            for item in self._all_items():
                if self._key(item) in expanded:
                    item.setExpanded(True)
                    self._load_actions(item)
            target = self._find(current) if current else None
            if target is None:
                target = self._default_item(first_build)
            if target is not None:
                self.setCurrentItem(target)
        finally:
            self.blockSignals(False)
        self._emit_scope(self.currentItem(), force=first_build)

    def _build(self) -> None:
        repo = self.ctx.workspace.contracts
        contracts = repo.contracts()
        if not contracts:
            item = QTreeWidgetItem(["Aucun contrat"])
            item.setData(0, KIND_ROLE, EMPTY)
            item.setForeground(0, self._grey)
            item.setToolTip(0, "Créez un contrat avec Contrat ▸ Nouveau contrat…")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(item)
            return
        if len(contracts) > 1:
            total = self.ctx.workspace.tables.count()
            item = self._item(["Toutes les actions", _count_text(total)], ALL, None, None)
            item.setFont(0, self._bold)
            self.addTopLevelItem(item)
        for contract in contracts:
            counts = self.ctx.workspace.tables.section_counts(contract.id)
            sections = repo.sections(contract.id)
            subtree = {s.id: counts.get(s.id, 0) for s in sections}
            for s in reversed(sections):  # depth-first order: children come after their parent
                if s.parent_id in subtree:
                    subtree[s.parent_id] += subtree[s.id]
            citem = self._item([contract.name, _count_text(sum(counts.values()))], CONTRACT, contract.id, contract.id)
            citem.setFont(0, self._bold)
            citem.setToolTip(0, contract.title or contract.name)
            self.addTopLevelItem(citem)
            items = {}
            for s in sections:
                parent = items.get(s.parent_id, citem)
                item = self._item([f"{s.code}  {s.title}", _count_text(subtree[s.id])], SECTION, s.id, contract.id)
                item.setToolTip(0, f"{contract.level_name(s.depth)} {s.code} — {s.title}")
                if counts.get(s.id):
                    item.setData(0, PENDING_ROLE, True)
                    item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                parent.addChild(item)
                items[s.id] = item
            if counts.get(None):
                item = self._item(["Sans section", _count_text(counts[None])], NO_SECTION, contract.id, contract.id)
                item.setToolTip(0, "Actions rattachées à aucune section")
                item.setForeground(0, self._grey)
                item.setData(0, PENDING_ROLE, True)
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                citem.addChild(item)
            citem.setExpanded(True)

    def _item(self, texts: list[str], kind: str, item_id: int | None, contract_id: int | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, item_id)
        item.setData(0, CONTRACT_ROLE, contract_id)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, self._grey)
        return item

    def _load_actions(self, item: QTreeWidgetItem) -> None:
        if not item.data(0, PENDING_ROLE):
            return
        item.setData(0, PENDING_ROLE, False)
        contract_id = item.data(0, CONTRACT_ROLE)
        if item.data(0, KIND_ROLE) == NO_SECTION:
            f = q.ActionFilter(contract_id=contract_id, without_section=True)
        else:
            f = q.ActionFilter(contract_id=contract_id, section_ids=(item.data(0, ID_ROLE),))
        tables = self.ctx.workspace.tables
        ids = tables.ids(f)
        rows = tables.rows(ids)
        children = []
        for aid in ids:
            r = rows[aid]
            child = self._item([f"{r.reference}  {r.title}", ""], ACTION, aid, contract_id)
            child.setToolTip(0, f"{r.reference} — {r.title}")
            children.append(child)
        item.addChildren(children)

    # -- signals ------------------------------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        self._emit_scope(current)
        if current is not None and current.data(0, KIND_ROLE) == ACTION:
            self.action_clicked.emit(current.data(0, ID_ROLE))

    def _emit_scope(self, item: QTreeWidgetItem | None, force: bool = False) -> None:
        while item is not None and item.data(0, KIND_ROLE) == ACTION:
            item = item.parent()
        scope = self._scope_of(item)
        if scope is not None and (force or scope != self._scope):
            self._scope = scope
            self.scope_selected.emit(scope)

    def _scope_of(self, item: QTreeWidgetItem | None) -> Scope | None:
        if item is None:
            return None
        kind = item.data(0, KIND_ROLE)
        contract_id = item.data(0, CONTRACT_ROLE)
        title = item.text(0)
        if kind == ALL:
            return Scope(None, label="Toutes les actions")
        if kind == CONTRACT:
            return Scope(contract_id, label=title)
        if kind == SECTION:
            return Scope(contract_id, item.data(0, ID_ROLE), label=title, path=self._path(item))
        if kind == NO_SECTION:
            return Scope(contract_id, without_section=True, label=f"{self._contract_item(item).text(0)} — sans section",
                         path=self._path(item))
        return None

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) == ACTION:
            self.action_activated.emit(item.data(0, ID_ROLE))

    def _on_changes(self, changes: Changes) -> None:
        if not self.ctx.workspace.is_open:
            return
        if changes.everything or changes.contracts or changes.sections or changes.actions:
            self.rebuild()

    # -- helpers --------------------------------------------------------------------------------------
    def _all_items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    @staticmethod
    def _key(item: QTreeWidgetItem) -> tuple:
        return item.data(0, KIND_ROLE), item.data(0, ID_ROLE)

    def _find(self, key: tuple) -> QTreeWidgetItem | None:
        return next((i for i in self._all_items() if self._key(i) == key), None)

    def _first_contract_item(self) -> QTreeWidgetItem | None:
        return next((self.topLevelItem(i) for i in range(self.topLevelItemCount())
                     if self.topLevelItem(i).data(0, KIND_ROLE) == CONTRACT), None)

    def _path(self, item: QTreeWidgetItem) -> str:
        names = []
        while item is not None:
            names.insert(0, item.text(0))
            item = item.parent()
        return " › ".join(names)

    def _contract_item(self, item: QTreeWidgetItem) -> QTreeWidgetItem:
        while item.parent() is not None:
            item = item.parent()
        return item

    def _default_item(self, first_build: bool) -> QTreeWidgetItem | None:
        if self.topLevelItemCount() == 0:
            return None
        first = self.topLevelItem(0)
        return first if first.data(0, KIND_ROLE) != EMPTY else None
