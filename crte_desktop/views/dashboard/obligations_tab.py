"""The dashboard's « Échéances » tab: the calendar of obligations of the contract (COPIL before July, revue
de projets, deposit deadlines, lapse dates, committees' cadence, coming meetings), late first, exported as
.ics; the deposit deadlines are edited from here (reference data)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.obligations import Calendar, Obligation, ObligationState
from crte_desktop.views.dashboard.dashboard_models import PAYLOAD_ROLE, Column, Row, RowsModel
from crte_desktop.views.meetings.meeting_files import ask_save_path, safe_name

_COLUMNS = [Column("Échéance"), Column("Obligation"), Column("Nature"), Column("Situation"), Column("Détail")]
STATE_COLORS = {ObligationState.LATE: "#ffebee", ObligationState.DUE: "#fff8e1", ObligationState.DONE: "#e8f5e9"}


class ObligationsTab(QWidget):
    def __init__(self, page, make_table, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.calendar: Calendar | None = None
        self.model = RowsModel(_COLUMNS, self)
        self.view = make_table(self.model)
        self.view.setToolTip("Double-cliquez sur une caducité pour voir l'action concernée.")
        self.view.doubleClicked.connect(self._activated)
        self.summary = QLabel("")
        self.export_button = QPushButton("Exporter vers un agenda (.ics)…")
        self.export_button.clicked.connect(lambda: self.export())
        self.deadlines_button = QPushButton("Dates limites de dépôt…")
        self.deadlines_button.setToolTip("Dates limites de dépôt des dossiers par dispositif et département")
        self.deadlines_button.clicked.connect(self.edit_deadlines)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.deadlines_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

    def show_calendar(self, calendar: Calendar) -> None:
        self.calendar = calendar
        today = calendar.today
        rows = []
        for o in calendar.sorted():
            when = format_date(o.due) if o.start is None else f"{format_date(o.start)} – {format_date(o.due)}"
            state = o.state(today)
            rows.append(Row([when, o.title, o.kind.label, o.state_label(today), o.detail],
                            [o.due, o.title, o.kind.label, state.code, o.detail], payload=o,
                            background=STATE_COLORS.get(state) if o.done or state is not ObligationState.DONE else None))
        self.model.set_rows(rows)
        late, due = calendar.count(ObligationState.LATE), calendar.count(ObligationState.DUE)
        self.summary.setText(f"{late} en retard, {due} à faire dans les 30 jours" if late or due
                             else "Rien en retard ni d'urgent.")
        self.export_button.setEnabled(bool(calendar.obligations))

    def _activated(self, index: QModelIndex) -> None:
        o = index.data(PAYLOAD_ROLE)
        if isinstance(o, Obligation) and o.action_ids:
            self.page.open_actions.emit(list(o.action_ids), o.title)

    def export(self, path: str | None = None) -> str | None:
        if self.calendar is None:
            return None
        name = self.page.dashboard.contract_name if self.page.dashboard else ""
        path = path or ask_save_path(self, self.page.ctx.settings, "Exporter les échéances",
                                     safe_name(f"Échéances {name}.ics".replace("  ", " ")))
        if not path:
            return None
        try:
            self.page.ctx.workspace.dashboard.write_obligations_ics(self.calendar, self.page.contract_id, path)
        except (DomainError, OSError) as err:
            self._say(str(err), "#b71c1c")
            return None
        self._say(f"{len(self.calendar.obligations)} échéances écrites dans « {path} ».", "#1b5e20")
        return path

    def _say(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
        self.message.show()

    def edit_deadlines(self):
        from crte_desktop.views.dashboard.deadlines_dialog import DeadlinesDialog

        dialog = DeadlinesDialog(self.page.ctx, self)
        dialog.open()
        return dialog
