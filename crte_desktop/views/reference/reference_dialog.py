"""The editable reference data, in one dialog: the funders and their schemes (funders_tab.py), the labels
and colours of the action statuses (statuses_tab.py), the Fonds vert mesures and the SGPE levers
(national_tabs.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from crte_desktop.db.changes import Changes
from crte_desktop.views.reference.funders_tab import FundersTab
from crte_desktop.views.reference.national_tabs import LeversTab, MesuresTab
from crte_desktop.views.reference.statuses_tab import StatusesTab
from crte_desktop.views.widgets.dialog_frame import TabbedDialog
from crte_desktop.views.widgets.read_only import lock_writing


class ReferenceDialog(TabbedDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "Données de référence", parent)
        self.funders = FundersTab(ctx)
        self.statuses = StatusesTab(ctx)
        self.mesures = MesuresTab(ctx)
        self.levers = LeversTab(ctx)
        self.tabs.addTab(self.funders, "Financeurs et dispositifs")
        self.tabs.addTab(self.statuses, "Statuts des actions")
        self.tabs.addTab(self.mesures, "Mesures du Fonds vert")
        self.tabs.addTab(self.levers, "Leviers SGPE")
        ctx.bus.changed.connect(self._on_changes)
        self.funders.reload()
        if self.funders.funders.rowCount():
            self.funders.funders.setCurrentCell(0, 0)
        self.statuses.reload()
        self.mesures.reload()
        self.levers.reload()
        # a read-only window: the funders, schemes, statuses and mesures only show (the SGPE levers only do anyway)
        lock_writing(ctx.store, [self.funders, self.statuses, self.mesures])

    def sizeHint(self) -> QSize:
        return QSize(1000, 640)

    def _on_changes(self, changes: Changes) -> None:
        if changes.reference or changes.everything:
            self.funders.reload()
            self.statuses.reload()
            self.mesures.reload()

