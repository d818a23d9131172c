"""The dashboard (tableau de bord) of a contract, opened in a tab by the main window.

Filters (section, owner, funder, year, status, territory) → key figures, financing tables by stage, progress
per section, indicators, alerts, charts, a cross table, the green shares and the calendar of obligations.
Every figure double-clicks through to the actions behind it
(``open_actions``); the default handler lists them in a dialog whose double-click emits ``open_action``.
The figures are computed off the GUI thread (``ReadOp`` on a reader connection) and refresh on every change
notice of the store.
"""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QTreeView, QVBoxLayout,
                               QWidget)

from crte_desktop.dashboard import charts
from crte_desktop.dashboard.compute import FilterOptions
from crte_desktop.dashboard.formatting import format_count
from crte_desktop.dashboard.model import FINANCING_GROUPS, Dashboard, DashboardFilter, FigureKey, StageSums
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.money import format_amount, format_percent, from_cents
from crte_desktop.views.widgets.charts import ChartView
from crte_desktop.domain.obligations import ObligationState
from crte_desktop.views.dashboard.cross_tab import CrossTab
from crte_desktop.views.dashboard.green_tab import GreenTab
from crte_desktop.views.dashboard.obligations_tab import ObligationsTab
from crte_desktop.views.dashboard.dashboard_actions import ActionListDialog
from crte_desktop.views.dashboard.dashboard_models import PAYLOAD_ROLE, AlertsModel, Column, Row, RowsModel, RowsProxy
from crte_desktop.views.dashboard.dashboard_widgets import IndicatorsModel, KpiTile
from crte_desktop.views.shell.tasks import ReadOp

# filter key → (label, "all" text)
_FILTERS = {
    "section_id": ("Section", "Toutes"),
    "owner_id": ("Maître d'ouvrage", "Tous"),
    "funder_id": ("Financeur", "Tous"),
    "year": ("Année", "Toutes"),
    "status": ("Statut", "Tous"),
    "territory_id": ("Territoire", "Tous"),
}
_GROUP_NAMES = {"funder": "financeur", "scheme": "dispositif", "category": "catégorie", "year": "année",
                "territory": "territoire"}
_STAGE_COLUMNS = [Column(stage.label, True) for stage in Stage]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}\u00a0%"


def _table(model, stretch_first: bool = True) -> QTableView:
    proxy = RowsProxy(model)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(200)  # measure a screenful of rows, not thousands
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_first:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(90)
    view.setToolTip("Double-cliquez sur une ligne pour voir les actions concernées.")
    return view


class DashboardPage(QWidget):
    open_actions = Signal(list, str)  # (action ids, title): the actions behind a figure
    open_action = Signal(int)  # one action to open (from the list dialog)
    refreshed = Signal()  # the page shows new figures

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.filter = DashboardFilter(contract_id)
        self.dashboard: Dashboard | None = None
        self.actions_dialog: ActionListDialog | None = None
        self.error: str | None = None
        self._generation = 0  # of the latest computation asked for
        self._shown = 0  # of the one on screen
        self._dirty = False
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self._build_filters())
        layout.addLayout(self._build_tiles())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_overview(), "Synthèse")
        self.tabs.addTab(self._build_financing(), "Financements")
        self.tabs.addTab(self._build_progress(), "Avancement")
        self.tabs.addTab(self._build_indicators(), "Indicateurs")
        self.tabs.addTab(self._build_alerts(), "Alertes")
        self.cross_tab = CrossTab(ctx, lambda model: _table(model, stretch_first=False), self)
        self.tabs.addTab(self.cross_tab, "Tableau croisé")
        self.green_tab = GreenTab(self, lambda model: _table(model, stretch_first=False), self)
        self.tabs.addTab(self.green_tab, "Parts vertes")
        self.obligations_tab = ObligationsTab(self, lambda model: _table(model, stretch_first=False), self)
        self.tabs.addTab(self.obligations_tab, "Échéances")
        layout.addWidget(self.tabs, 1)
        self.status_label = QLabel("Calcul en cours…")
        self.status_label.setStyleSheet("color: #607d8b;")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        self.open_actions.connect(self.show_actions)
        ctx.bus.changed.connect(self._store_changed)
        self._apply_options(ctx.workspace.dashboard.filter_options(contract_id))
        self.refresh()

    # -- building ---------------------------------------------------------------------------------------
    def _build_filters(self) -> QWidget:
        frame = QFrame()
        row = QHBoxLayout(frame)
        row.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for key, (label, everything) in _FILTERS.items():
            combo = QComboBox()
            combo.addItem(everything, None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)  # the window must fit 1280 px with the tree beside it
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
            combo.currentIndexChanged.connect(self._filter_changed)
            caption = QLabel(label)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo, {"section_id": 3, "owner_id": 3, "territory_id": 2}.get(key, 1))
            self.combos[key] = combo
        self.reset_button = QPushButton("Réinitialiser")
        self.reset_button.setToolTip("Revenir à tout le contrat")
        self.reset_button.clicked.connect(self.reset_filters)
        row.addWidget(self.reset_button)
        return frame

    def _build_tiles(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.tiles = {
            "actions": KpiTile("Actions", FigureKey("actions"), "Actions retenues par les filtres"),
            "cost": KpiTile("Coût total", FigureKey("cost"), "Actions dont le coût est connu"),
            "granted": KpiTile("Financements accordés", FigureKey("stage", "granted"),
                               "Actions ayant des financements accordés"),
            "paid": KpiTile("Versés", FigureKey("stage", "paid"), "Actions ayant des financements versés"),
            "coverage": KpiTile("Taux de couverture", FigureKey("cost"), "Actions dont le coût est connu"),
            "progress": KpiTile("Avancement pondéré", FigureKey("progress"),
                                "Actions comptées dans l'avancement (hors abandonnées)"),
        }
        for tile in self.tiles.values():
            tile.activated.connect(self.open_figure)
            row.addWidget(tile, 1)
        return row

    def _build_overview(self) -> QWidget:
        settings = self.ctx.settings
        self.funding_group = QComboBox()
        for group, title in FINANCING_GROUPS.items():
            self.funding_group.addItem(title.replace("Par ", "par "), group)
        self.funding_group.currentIndexChanged.connect(self._draw_funding)
        self.funding_chart = ChartView("financements", settings)
        self.status_chart = ChartView("statuts", settings)
        self.progress_chart = ChartView("avancement", settings)
        left = QVBoxLayout()
        picker = QHBoxLayout()
        picker.addWidget(QLabel("Financements"))
        picker.addWidget(self.funding_group)
        picker.addStretch(1)
        left.addLayout(picker)
        left.addWidget(self.funding_chart, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.status_chart, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.progress_chart, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _build_financing(self) -> QWidget:
        self.financing_models: dict[str, RowsModel] = {}
        self.financing_views: dict[str, QTableView] = {}
        tabs = QTabWidget()
        for group, title in FINANCING_GROUPS.items():
            model = RowsModel([Column(_GROUP_NAMES[group].capitalize()), *_STAGE_COLUMNS], self)
            view = _table(model)
            view.doubleClicked.connect(self._row_activated)
            self.financing_models[group] = model
            self.financing_views[group] = view
            tabs.addTab(view, title)
        self.financing_tabs = tabs
        return tabs

    def _build_progress(self) -> QWidget:
        self.sections_model = RowsModel([
            Column("Section"), Column("Actions", True, "Actions comptées (hors abandonnées)"),
            Column("Dont chiffrées", True, "Actions dont le coût est connu"), Column("Coût", True),
            Column("Avancement pondéré", True, "Somme (avancement × coût) / somme des coûts"),
            Column("Moyenne simple", True, "Moyenne des taux de réalisation, sans pondération")], self)
        self.sections_view = _table(self.sections_model)
        self.sections_view.doubleClicked.connect(self._row_activated)
        self.status_model = RowsModel([Column("Statut"), Column("Actions", True)], self)
        self.status_view = _table(self.status_model)
        self.status_view.doubleClicked.connect(self._row_activated)
        splitter = QSplitter()
        splitter.addWidget(self.sections_view)
        splitter.addWidget(self.status_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _build_indicators(self) -> QWidget:
        self.indicators_model = IndicatorsModel(self)
        self.indicators_view = _table(self.indicators_model, stretch_first=False)
        self.indicators_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.indicators_view.doubleClicked.connect(self._row_activated)
        return self.indicators_view

    def _build_alerts(self) -> QWidget:
        self.alerts_model = AlertsModel(self)
        view = QTreeView()
        view.setModel(self.alerts_model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setExpandsOnDoubleClick(False)
        view.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        view.setToolTip("Double-cliquez sur une alerte (ou un groupe) pour voir les actions concernées.")
        view.doubleClicked.connect(self._alert_activated)
        self.alerts_view = view
        return view

    # -- filters --------------------------------------------------------------------------------------
    def _apply_options(self, options: FilterOptions) -> None:
        """Refill the filters (keeping the choice when it still exists)."""
        lists = {"section_id": options.sections, "owner_id": options.owners, "funder_id": options.funders,
                 "year": options.years, "status": options.statuses, "territory_id": options.territories}
        for key, items in lists.items():
            combo = self.combos[key]
            current = combo.currentData()
            existing = [(combo.itemData(i), combo.itemText(i)) for i in range(1, combo.count())]
            if existing == [(v, t) for v, t in items]:
                continue
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            combo.view().setMinimumWidth(min(combo.view().sizeHintForColumn(0) + 28, 720))  # long titles in full
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.setToolTip(combo.currentText().strip())
            combo.blockSignals(False)
            if current is not None and index < 0:  # the chosen value is gone: the figures must follow
                self._filter_changed()

    def _filter_changed(self, *_args) -> None:
        for combo in self.combos.values():
            combo.setToolTip(combo.currentText().strip())
        values = {key: combo.currentData() for key, combo in self.combos.items()}
        self.filter = DashboardFilter(self.contract_id, **values)
        self.reset_button.setEnabled(self.filter.is_narrowed)
        self.refresh()

    def set_filter(self, **values) -> None:
        """Choose filter values (None = all), as if picked in the lists; unknown values are ignored."""
        for key, value in values.items():
            combo = self.combos[key]
            index = combo.findData(value) if value is not None else 0
            if index >= 0:
                combo.setCurrentIndex(index)

    def reset_filters(self) -> None:
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._filter_changed()

    # -- computing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the figures again, off the GUI thread; the newest request wins."""
        self._dirty = False
        self._generation += 1
        generation, f, today, workspace = self._generation, self.filter, self.ctx.today, self.ctx.workspace

        def work(_control):
            with workspace.reader() as reader:  # the worker's own connection
                return (generation, reader.dashboard.filter_options(f.contract_id), reader.dashboard.compute(f, today),
                        reader.dashboard.obligations(f.contract_id, today))

        self.status_label.setText("Calcul en cours…")
        ReadOp(self, work, self._computed).failure(lambda exc: self._failed(generation, exc)).run_in_background()

    def _computed(self, result) -> None:
        generation, options, dashboard, calendar = result
        if generation != self._generation:
            return  # a newer computation is on its way
        self.error = None
        self._apply_options(options)
        if generation != self._generation:  # a filter value vanished and started a new computation
            return
        self._shown = generation
        self.obligations_tab.show_calendar(calendar)
        late = calendar.count(ObligationState.LATE)
        self.tabs.setTabText(self.tabs.indexOf(self.obligations_tab),
                             f"Échéances ({late} en retard)" if late else "Échéances")
        self.show_dashboard(dashboard)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or not shiboken6.isValid(self):  # stale, or the tab was closed meanwhile
            return
        self._shown = generation
        self.error = f"Le tableau de bord n'a pas pu être calculé : {exc}"
        self.status_label.setText(self.error)

    @property
    def busy(self) -> bool:
        """True while the figures on screen are not those of the latest request."""
        return self._shown != self._generation or self._pending.isActive()

    def _store_changed(self, _changes) -> None:
        if self.isVisible():
            self._pending.start()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._pending.start()

    # -- showing ----------------------------------------------------------------------------------------
    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        self._fill_tiles(d)
        self._fill_financing(d)
        self._fill_progress(d)
        self.indicators_model.set_items(d.indicators)
        behind = len(d.behind_indicators)
        self.tabs.setTabText(3, f"Indicateurs ({format_count(behind)} en retard)" if behind else "Indicateurs")
        self.alerts_model.set_alerts(d.alerts)
        if len(d.alerts) <= 60:  # a short list is read at once; a long one by group
            self.alerts_view.expandAll()
        self.tabs.setTabText(4, f"Alertes ({format_count(len(d.alerts))})")
        caption = f"{d.contract_name} — situation au {format_date(d.today)}"
        if any(v is not None for k, v in vars(d.filter).items() if k != "contract_id"):
            caption += " (filtres appliqués)"
        for chart in (self.funding_chart, self.status_chart, self.progress_chart):
            chart.caption = caption
        self._draw_funding()
        self.cross_tab.contract_name = d.contract_name
        self.cross_tab.show_filter(d.filter)
        self.green_tab.show_shares(d.green)
        below = sum(1 for s in d.green if s.below)
        self.tabs.setTabText(self.tabs.indexOf(self.green_tab),
                             f"Parts vertes ({below} sous le seuil)" if below else "Parts vertes")
        self.status_chart.set_factory(lambda: charts.status_figure(d.statuses))
        self.progress_chart.set_factory(lambda: charts.progress_figure(d.sections))
        self.status_label.setText(f"Situation au {format_date(d.today)} — calculée à "
                                  f"{datetime.now().strftime('%H:%M:%S')}. Double-cliquez sur un chiffre pour voir "
                                  "les actions concernées.")
        self.refreshed.emit()

    def _fill_tiles(self, d: Dashboard) -> None:
        k = d.kpis
        t = self.tiles
        t["actions"].set_value(format_count(k.action_count),
                               f"{format_count(sum(s.count for s in d.statuses if s.code == 'late'))} en retard")
        t["cost"].set_value(format_amount(k.total_cost, decimals=False),
                            f"{format_count(k.uncosted_count)} action{'s' if k.uncosted_count > 1 else ''} sans coût connu"
                            if k.uncosted_count else "toutes les actions sont chiffrées")
        granted, requested, paid = k.stage(Stage.GRANTED), k.stage(Stage.REQUESTED), k.stage(Stage.PAID)
        t["granted"].set_value(format_amount(granted, decimals=False),
                               f"sur {format_amount(requested, decimals=False)} sollicités",
                               format_amount(granted))
        t["paid"].set_value(format_amount(paid, decimals=False),
                            f"{format_percent(paid / granted, 0)} de l'accordé" if granted else "rien d'accordé",
                            format_amount(paid))
        t["coverage"].set_value(format_percent(k.coverage) if k.coverage is not None else "—",
                                "financements retenus / coût des actions chiffrées",
                                f"{format_amount(k.retained_on_costed)} sur {format_amount(k.total_cost)}")
        t["progress"].set_value(_percent(k.progress), "pondéré par le coût, hors actions abandonnées")

    def _fill_financing(self, d: Dashboard) -> None:
        for group, model in self.financing_models.items():
            rows = [Row([r.label, *(format_amount(from_cents(c)) for c in r.cents)], [r.label, *r.cents],
                        payload=FigureKey(group, r.key)) for r in d.financing[group]]
            if rows:
                total = d.kpis.financing
                rows.append(Row(["Total", *(format_amount(from_cents(c)) for c in total.cents)],
                                [None, *total.cents], payload=FigureKey("actions"), bold=True, is_total=True))
            model.set_rows(rows)

    def _fill_progress(self, d: Dashboard) -> None:
        rows = []
        for s in d.sections:
            indent = "\u2003" * s.depth
            cost = format_amount(s.cost, decimals=False) if s.costed_count else "—"
            rows.append(Row([indent + s.label, format_count(s.count), format_count(s.costed_count), cost,
                             _percent(s.weighted), _percent(s.average)],
                            [None, s.count, s.costed_count, s.cost, s.weighted, s.average],
                            payload=s.key, bold=s.depth == 0))
        self.sections_model.set_rows(rows)
        total = sum(s.count for s in d.statuses)
        self.status_model.set_rows(
            [Row([s.label, format_count(s.count)], [s.label, s.count], payload=s.key, color=s.color)
             for s in d.statuses]
            + [Row(["Total", format_count(total)], [None, total], payload=FigureKey("actions"), bold=True, is_total=True)])

    def _draw_funding(self, *_args) -> None:
        if self.dashboard is None:
            return
        group = self.funding_group.currentData()
        rows: list[StageSums] = self.dashboard.financing[group]
        title = f"Financements {FINANCING_GROUPS[group].lower()} et par étape"
        self.funding_chart.file_name = f"financements-{_GROUP_NAMES[group]}"
        self.funding_chart.set_factory(lambda: charts.funding_figure(rows, title=title))

    # -- click-through ----------------------------------------------------------------------------------
    def _row_activated(self, index: QModelIndex) -> None:
        key = index.data(PAYLOAD_ROLE)
        if isinstance(key, FigureKey):
            label = index.sibling(index.row(), 1 if key.kind == "indicator" else 0).data().strip()
            self.open_figure(key, self._title(key, label))

    def _alert_activated(self, index: QModelIndex) -> None:
        ids, title = self.alerts_model.action_ids_at(index)
        if ids:
            self.open_actions.emit(ids, title)

    def open_figure(self, key: FigureKey, title: str) -> None:
        """Emit ``open_actions`` with the actions behind the figure ``key`` (under the current filters)."""
        ids = self.ctx.workspace.dashboard.action_ids_for(self.filter, key, self.ctx.today)
        self.open_actions.emit(ids, title)

    @staticmethod
    def _title(key: FigureKey, label: str) -> str:
        return {
            "status": f"Actions au statut « {label} »",
            "funder": f"Actions financées par {label}",
            "scheme": f"Actions financées par {label}",
            "category": f"Actions financées en {label}",
            "year": f"Actions ayant un financement en {label}",
            "territory": f"Actions du territoire « {label} »",
            "section": f"Actions de la section « {label} » (hors abandonnées)",
            "indicator": f"Action mesurée par l'indicateur « {label} »",
            "actions": "Actions retenues par les filtres",
        }.get(key.kind, label)

    def show_actions(self, ids: list[int], title: str) -> ActionListDialog:
        """The default handler of ``open_actions``: a dialog listing them; double-click opens one."""
        if self.actions_dialog is not None:
            self.actions_dialog.close()
        dialog = ActionListDialog(title, self.ctx.workspace.dashboard.action_list(ids, self.ctx.today), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.action_activated.connect(self.open_action)
        dialog.destroyed.connect(lambda *_a: setattr(self, "actions_dialog", None)
                                 if self.actions_dialog is dialog else None)
        self.actions_dialog = dialog
        dialog.show()
        return dialog
