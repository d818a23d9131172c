"""The registers across all the meetings of a contract: the decisions register and the follow-ups list,
filtered as you type; overdue follow-ups in red."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.meetings import DecisionOutcome
from crte_desktop.meetings.base import COMMITTEES, MEETINGS
from crte_desktop.meetings.document_data import follow_up_state
from crte_desktop.views.widgets.table_fit import read_only_table, fill_column
from crte_desktop.views.widgets import enum_combo

ID_ROLE = Qt.ItemDataRole.UserRole
LATE_BRUSH = QBrush(QColor("#b71c1c"))
DECISION_HEADERS = ["Séance", "N°", "Décision", "Résultat", "Effet", "Actions concernées", "Appliquée"]
FOLLOW_UP_HEADERS = ["Suite à donner", "Responsable", "Échéance", "État", "Séance", "Décision"]
FOLLOW_UP_STATES = [("Toutes", {}), ("À faire", {"done": False}), ("En retard", {"overdue_only": True}),
                    ("Faites", {"done": True})]


class RegistersPage(QWidget):
    meeting_requested = Signal(int)  # double click: show that meeting

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id

        self.committee_combo = QComboBox()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Rechercher dans le texte ou les actions…")
        self.search_edit.setClearButtonEnabled(True)
        self.outcome_combo = QComboBox()
        enum_combo.fill(self.outcome_combo, DecisionOutcome, "Tous les résultats")
        self.state_combo = QComboBox()
        for label, filters in FOLLOW_UP_STATES:
            self.state_combo.addItem(label, filters)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Comité"))
        filters.addWidget(self.committee_combo)
        filters.addWidget(self.search_edit, 1)

        self.decisions = read_only_table(DECISION_HEADERS)
        fill_column(self.decisions, 2, 240, {0: 150, 1: 36, 3: 80, 4: 110, 5: 220, 6: 90})
        self.decisions_count = QLabel()
        decisions_tab = QWidget()
        box = QVBoxLayout(decisions_tab)
        row = QHBoxLayout()
        row.addWidget(self.outcome_combo)
        row.addStretch(1)
        row.addWidget(self.decisions_count)
        box.addLayout(row)
        box.addWidget(self.decisions, 1)

        self.follow_ups = read_only_table(FOLLOW_UP_HEADERS)
        fill_column(self.follow_ups, 0, 240, {1: 150, 2: 90, 3: 130, 4: 150, 5: 80})
        self.follow_ups_count = QLabel()
        follow_tab = QWidget()
        box = QVBoxLayout(follow_tab)
        row = QHBoxLayout()
        row.addWidget(self.state_combo)
        row.addStretch(1)
        row.addWidget(self.follow_ups_count)
        box.addLayout(row)
        box.addWidget(self.follow_ups, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(decisions_tab, "Relevé de décisions")
        self.tabs.addTab(follow_tab, "Suites à donner")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.committee_combo, self.outcome_combo, self.state_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.decisions.itemDoubleClicked.connect(lambda item: self.meeting_requested.emit(item.data(ID_ROLE)))
        self.follow_ups.itemDoubleClicked.connect(lambda item: self.meeting_requested.emit(item.data(ID_ROLE)))
        ctx.bus.changed.connect(self._on_changes)
        self._fill_committees()
        self.refresh()

    def _fill_committees(self) -> None:
        current = self.committee_combo.currentData()
        self.committee_combo.blockSignals(True)
        self.committee_combo.clear()
        self.committee_combo.addItem("Tous les comités", None)
        for c in self.ctx.workspace.committees.committees(self.contract_id):
            self.committee_combo.addItem(c.short_label, c.id)
        self.committee_combo.setCurrentIndex(max(self.committee_combo.findData(current), 0))
        self.committee_combo.blockSignals(False)

    def _on_changes(self, changes) -> None:
        if changes.everything or COMMITTEES in changes.extra:
            self._fill_committees()
        if changes.everything or MEETINGS in changes.extra or changes.actions:
            self.refresh()

    def refresh(self) -> None:
        committee_id = self.committee_combo.currentData()
        search = self.search_edit.text()
        rows = self.ctx.workspace.registers.decisions(self.contract_id, committee_id=committee_id,
                                                      outcome=enum_combo.current(self.outcome_combo, DecisionOutcome), search=search)
        self.decisions.setRowCount(len(rows))
        for r, row in enumerate(rows):
            d = row.decision
            values = [f"{row.committee_label} du {format_date(row.meeting_date)}", str(d.number), d.text,
                      d.outcome.decision_label, d.effect.label if d.effect.changes_programme else "—",
                      "\n".join(a.label for a in row.actions), format_date(d.applied_on) if d.applied_on else ""]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, row.meeting_id)
                cell.setToolTip(value)
                self.decisions.setItem(r, col, cell)
        self.decisions.resizeRowsToContents()
        self.decisions_count.setText(f"{len(rows)} décision{'s' if len(rows) > 1 else ''}")

        filters = dict(self.state_combo.currentData() or {})
        items = self.ctx.workspace.registers.follow_ups(self.contract_id, committee_id=committee_id, search=search,
                                                       **filters)
        self.follow_ups.setRowCount(len(items))
        late = 0
        for r, row in enumerate(items):
            f = row.follow_up
            state = f"En retard ({(self.ctx.today - f.due_date).days} j)" if row.is_overdue else follow_up_state(f)
            values = [f.text, f.owner, format_date(f.due_date), state,
                      f"{row.committee_label} du {format_date(row.meeting_date)}",
                      f"n° {row.decision_number}" if row.decision_number else ""]
            late += row.is_overdue
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, f.meeting_id)
                cell.setToolTip(value)
                if row.is_overdue:
                    cell.setForeground(LATE_BRUSH)
                self.follow_ups.setItem(r, col, cell)
        self.follow_ups.resizeRowsToContents()
        text = f"{len(items)} suite{'s' if len(items) > 1 else ''} à donner"
        if late:
            text += f", dont {late} en retard"
        self.follow_ups_count.setText(text)

    def detach(self) -> None:
        self.ctx.bus.changed.disconnect(self._on_changes)
