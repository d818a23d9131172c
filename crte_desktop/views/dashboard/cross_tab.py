"""The dashboard's « Tableau croisé » tab: two dimensions and a stage chosen in lists, the table with its
totals (under the page's filters), exported to a workbook with one button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crte_desktop.dashboard.cross import DIMENSIONS, CrossTable
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.money import format_amount, from_cents
from crte_desktop.views.dashboard.dashboard_models import Column, Row, RowsModel
from crte_desktop.views.meetings.meeting_files import ask_save_path, safe_name
from crte_desktop.views.shell.tasks import ReadOp

SETTINGS_KEY = "dashboard/cross"


class CrossTab(QWidget):
    """Rows × columns at one stage; the page hands it its filter (``show_filter``)."""

    def __init__(self, ctx, make_table, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter: DashboardFilter | None = None
        self.table: CrossTable | None = None
        self.contract_name = ""
        self._generation = 0
        self._shown = 0
        phase = ctx.workspace.dashboard.has_phase()
        dims = [(d, name) for d, name in DIMENSIONS.items() if d != "phase" or phase]
        saved = str(ctx.settings.value(SETTINGS_KEY, "") or "year,territory,granted").split(",")
        self.rows_combo = self._combo(dims, saved[0] if saved else "year")
        self.columns_combo = self._combo(dims, saved[1] if len(saved) > 1 else "territory")
        self.stage_combo = self._combo([(s.value, s.label) for s in Stage], saved[2] if len(saved) > 2 else "granted")
        self.export_button = QPushButton("Exporter vers un classeur…")
        self.export_button.setToolTip("Écrire ce tableau croisé dans un classeur .xlsx")
        self.export_button.clicked.connect(lambda: self.export())
        bar = QHBoxLayout()
        for caption, combo in (("Lignes", self.rows_combo), ("Colonnes", self.columns_combo),
                               ("Montants", self.stage_combo)):
            label = QLabel(caption)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.title = QLabel("")
        self.title.setStyleSheet("font-weight: bold; color: #1b3a57;")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.hide()
        self.model = RowsModel([], self)
        self.view = make_table(self.model)
        self.view.setToolTip("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        for combo in (self.rows_combo, self.columns_combo, self.stage_combo):
            combo.currentIndexChanged.connect(self._choice_changed)

    @staticmethod
    def _combo(items, current) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    @property
    def choice(self) -> tuple[str, str, Stage]:
        return (self.rows_combo.currentData(), self.columns_combo.currentData(),
                Stage.from_code(self.stage_combo.currentData()))

    def _choice_changed(self, *_args) -> None:
        rows, columns, stage = self.choice
        self.ctx.settings.setValue(SETTINGS_KEY, f"{rows},{columns},{stage.value}")
        if self.filter is not None:
            self.show_filter(self.filter)

    def show_filter(self, f: DashboardFilter) -> None:
        """Compute the table under the page's filter, off the GUI thread."""
        self.filter = f
        self._generation += 1
        generation, (rows, columns, stage), today = self._generation, self.choice, self.ctx.today
        workspace = self.ctx.workspace
        if rows == columns:
            self._show_error("Choisissez deux dimensions différentes pour les lignes et les colonnes.")
            return

        def work(_control):
            with workspace.reader() as reader:  # the worker's own connection
                return generation, reader.dashboard.cross_table(f, rows, columns, stage, today)

        ReadOp(self, work, self._computed).failure(lambda exc: self._show_error(str(exc))).run_in_background()

    def _show_error(self, text: str) -> None:
        self.table = None
        self._shown = self._generation
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setText(text)
        self.message.show()
        self.export_button.setEnabled(False)
        self.model.set_rows([], [])

    def _computed(self, result) -> None:
        generation, table = result
        if generation != self._generation:
            return
        self._shown = generation
        self.show_table(table)

    @property
    def busy(self) -> bool:
        return self._shown != self._generation

    def show_table(self, t: CrossTable) -> None:
        self.table = t
        self.message.hide()
        self.export_button.setEnabled(not t.is_empty)
        self.title.setText(t.title + (" — aucun financement" if t.is_empty else ""))
        columns = [Column(DIMENSIONS[t.rows_dim]), *(Column(label, True) for _, label in t.columns),
                   Column("Total", True)]

        def money(cents: int) -> str:
            return format_amount(from_cents(cents)) if cents else "—"

        rows = []
        for key, label in t.rows:
            values = [t.value(key, c) for c, _ in t.columns] + [t.row_total(key)]
            rows.append(Row([label, *(money(v) for v in values)], [label, *values], payload=key))
        if rows:
            totals = [t.column_total(c) for c, _ in t.columns] + [t.total]
            rows.append(Row(["TOTAL", *(money(v) for v in totals)], [None, *totals], bold=True, is_total=True))
        self.model.set_rows(rows, columns)

    def export(self, path: str | None = None) -> str | None:
        """Write the table shown to a workbook (asking where without ``path``); returns the path written."""
        from crte_desktop.excel.cross_sheet import export_cross_table

        if self.table is None or self.table.is_empty:
            return None
        name = self.ctx.workspace.path.stem
        path = path or ask_save_path(self, self.ctx.settings, "Exporter le tableau croisé",
                                     safe_name(f"Tableau croisé {name}.xlsx"))
        if not path:
            return None
        try:
            export_cross_table(self.table, path, self.contract_name or name)
        except DomainError as err:
            self.message.setStyleSheet("color: #b71c1c;")
            self.message.setText(str(err))
            self.message.show()
            return None
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(f"Tableau croisé écrit dans « {Path(path).name} ».")
        self.message.show()
        return path
