"""The actions an agenda item or a decision refers to: a list, and a searchable choice among the contract's
actions ("2021-1 — Requalification…", typed by any part, accents ignored)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from crte_desktop.db.queries.action_table import ActionFilter
from crte_desktop.workspace import Workspace
from crte_desktop.domain.meetings import LinkedAction
from crte_desktop.views.widgets.choosers import SearchableCombo

LINK_ROLE = Qt.ItemDataRole.UserRole


def contract_actions(workspace: Workspace, contract_id: int) -> list[tuple[int, str]]:
    """(id, "reference — title") of the contract's actions, by reference."""
    ids = workspace.tables.ids(ActionFilter(contract_id=contract_id))
    labels = workspace.tables.labels(ids)
    return [(i, labels[i]) for i in ids if i in labels]


class LinkedActionsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.chooser = SearchableCombo("(choisir une action)")
        self.chooser.setSizeAdjustPolicy(SearchableCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.add_button = QPushButton("Lier")
        self.remove_button = QPushButton("Retirer")
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chooser, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        self.chooser.set_items(choices)

    def set_links(self, links: list[LinkedAction]) -> None:
        self.list.clear()
        for link in links:
            self._append(link)

    def links(self) -> list[LinkedAction]:
        return [self.list.item(r).data(LINK_ROLE) for r in range(self.list.count())]

    def _append(self, link: LinkedAction) -> None:
        text = link.label + (" (action supprimée depuis)" if link.deleted else "")
        item = QListWidgetItem(text)
        item.setToolTip(text)
        item.setData(LINK_ROLE, link)
        self.list.addItem(item)

    def add(self, action_id: int) -> None:
        label = next((text for i, text in self._choices() if i == action_id), str(action_id))
        self._append(LinkedAction(action_id, label))
        self.changed.emit()

    def _choices(self) -> list[tuple[int, str]]:
        return [(self.chooser.itemData(r, LINK_ROLE), self.chooser.itemText(r)) for r in range(1, self.chooser.count())]

    def add_chosen(self) -> None:
        action_id = self.chooser.current_id()
        if action_id is not None:
            self.add(action_id)
            self.chooser.set_current_id(None)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
