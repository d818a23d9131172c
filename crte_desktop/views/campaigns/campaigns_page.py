"""The revue de projets campaigns of a contract, in a tab: the campaigns (newest first), each owner's
workbook and tracking dates (envoyé, relancé, reçu, intégré), and the buttons of the workflow: create a
campaign and write its workbooks, mark owners sent or reminded, take a returned workbook back through the
re-import preview (the workbook must be this campaign's). Dating owners and creating a campaign are undo steps
built by CampaignService; in a window opened read-only the writing buttons are disabled and say why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from crte_desktop.domain.campaign import TRACKING, CampaignOwner
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.wording import plural
from crte_desktop.views.dashboard.dashboard_models import Column, Row, RowsModel, RowsProxy
from crte_desktop.views.shell.undoable import push_done, run_or_show
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.read_only import enable_writing, read_only_reason

_COLUMNS = [Column("Maître d'ouvrage"), Column("Actions", True), Column("Classeur"), Column("État"),
            *(Column(label) for label in TRACKING.values())]


class CampaignsPage(QWidget):
    imported = Signal(object)  # the ApplyResult of a workbook taken back

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.campaigns = ctx.workspace.campaigns
        self.owners: list[CampaignOwner] = []
        self.campaign_combo = QComboBox()
        self.campaign_combo.setMinimumContentsLength(30)
        self.campaign_combo.currentIndexChanged.connect(self.reload_owners)
        self.new_button = QPushButton("Nouvelle campagne…")
        self.new_button.clicked.connect(lambda: self.new_campaign())
        self.period = QLabel("")
        self.period.setStyleSheet("color: #546e7a;")
        top = QHBoxLayout()
        top.addWidget(QLabel("Campagne"))
        top.addWidget(self.campaign_combo, 1)
        top.addWidget(self.new_button)

        self.model = RowsModel(_COLUMNS, self)
        proxy = RowsProxy(self)
        proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.view.doubleClicked.connect(lambda *_a: self.take_back())

        self.sent_button = QPushButton("Marquer envoyé")
        self.reminded_button = QPushButton("Marquer relancé")
        self.received_button = QPushButton("Marquer reçu")
        self.take_back_button = QPushButton("Reprendre le classeur renvoyé…")
        for button, field in ((self.sent_button, "sent_on"), (self.reminded_button, "reminded_on"),
                              (self.received_button, "received_on")):
            button.clicked.connect(lambda _c=False, f=field: self.mark(f))
        self.take_back_button.clicked.connect(lambda: self.take_back())
        buttons = QHBoxLayout()
        for b in (self.sent_button, self.reminded_button, self.received_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.take_back_button)
        self.message = message_label(self)
        self.counts = QLabel("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.period)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        ctx.bus.changed.connect(self._store_changed)
        self.reload()

    # -- data -------------------------------------------------------------------------------------------
    @property
    def campaign_id(self) -> int | None:
        return self.campaign_combo.currentData()

    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.campaign_id
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for c in self.campaigns.for_contract(self.contract_id):
            self.campaign_combo.addItem(f"{c.name} ({format_date(c.start_date)} – {format_date(c.end_date)})", c.id)
        index = self.campaign_combo.findData(current) if current is not None else 0
        self.campaign_combo.setCurrentIndex(max(index, 0))
        self.campaign_combo.blockSignals(False)
        self.reload_owners()

    def reload_owners(self, *_args) -> None:
        campaign = self.campaigns.get(self.campaign_id) if self.campaign_id is not None else None
        self.owners = self.campaigns.owners(campaign.id) if campaign else []
        if campaign is None:
            self.period.setText("Aucune campagne pour ce contrat : « Nouvelle campagne… » écrit un classeur par "
                                "maître d'ouvrage.")
        else:
            self.period.setText(f"Du {format_date(campaign.start_date)} au {format_date(campaign.end_date)} — créée le "
                                f"{format_date(_day(campaign.created_at))}")
        rows = []
        for o in self.owners:
            dates = [getattr(o, f) for f in TRACKING]
            rows.append(Row([o.owner_name, str(o.actions), o.file_name, o.state, *(format_date(d) for d in dates)],
                            [o.owner_name, o.actions, o.file_name, o.state, *dates], payload=o.owner_id,
                            background="#e8f5e9" if o.integrated_on else None))
        self.model.set_rows(rows)
        self.view.setColumnWidth(0, 320)
        integrated = sum(1 for o in self.owners if o.integrated_on)
        received = sum(1 for o in self.owners if o.received_on)
        self.counts.setText(f"{plural(len(self.owners), 'maître', 'maîtres')} d'ouvrage — "
                            f"{plural(received, 'classeur reçu')}, {plural(integrated, 'intégré')}"
                            if self.owners else "")
        self._update_buttons()

    def _store_changed(self, changes) -> None:
        if getattr(changes, "everything", False) or self.campaigns.KIND in getattr(changes, "extra", set()) or changes.actions:
            self.reload()

    def selected_owner_ids(self) -> list[int]:
        proxy = self.view.model()
        return [proxy.index(i.row(), 0).data(Qt.ItemDataRole.UserRole + 2)
                for i in self.view.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        store = self.ctx.store
        selected = bool(self.selected_owner_ids())
        enable_writing(store, self.new_button, True, "Créer une campagne et écrire un classeur par maître d'ouvrage")
        for b, label in ((self.sent_button, "envoyé"), (self.reminded_button, "relancé"),
                         (self.received_button, "reçu")):
            enable_writing(store, b, selected, f"Noter aujourd'hui comme date « {label} » des maîtres d'ouvrage "
                                               "choisis (annulable avec Ctrl+Z)")
        enable_writing(store, self.take_back_button, self.campaign_id is not None,
                       "Aperçu de chaque changement, à accepter ou refuser, puis intégration")

    # -- workflow ---------------------------------------------------------------------------------------
    def mark(self, field: str, owner_ids: list[int] | None = None) -> None:
        """Date the selected owners' ``field`` (sent_on, reminded_on, received_on) today."""
        ids = owner_ids if owner_ids is not None else self.selected_owner_ids()
        if self.campaign_id is None or not ids or read_only_reason(self.ctx.store):
            return
        campaign_id, today = self.campaign_id, self.ctx.today
        if run_or_show(self.ctx.undo_stack, self.message,
                       lambda: self.campaigns.mark_step(campaign_id, ids, field, today)):
            show_message(self.message, f"{TRACKING[field]} {format_date(today)} : "
                                       f"{plural(len(ids), 'maître')} d'ouvrage.", level="warning")

    def new_campaign(self, folder: str | None = None, campaign=None):
        """Ask for the campaign (unless given), create it and write its workbooks off the GUI thread."""
        from crte_desktop.views.campaigns.campaign_dialog import NewCampaignDialog
        from crte_desktop.views.shell.tasks import WriteOp

        if read_only_reason(self.ctx.store):
            return None
        if campaign is None or folder is None:
            dialog = NewCampaignDialog(self.ctx.settings, self.contract_id, self.ctx.today, self)
            if dialog.exec() != NewCampaignDialog.DialogCode.Accepted:
                return None
            campaign, folder = dialog.campaign, dialog.folder.text().strip()

        def work(own, control):
            return own.campaigns.create(campaign, folder, control=control)

        def done(result) -> None:
            push_done(self.ctx.undo_stack, self.ctx.workspace.campaigns.creation_step(result.campaign.id))
            self.reload(select=result.campaign.id)
            show_message(self.message, f"{result.summary()} Dossier : {folder}", level="warning")

        def failed(exc: BaseException) -> None:
            show_message(self.message, str(exc))

        return WriteOp(self, self.ctx.workspace, work, done).failure(failed) \
            .with_progress("Écriture des classeurs…").run_in_background()

    def take_back(self, path: str | None = None):
        """Open a returned workbook in the re-import preview; it must belong to this campaign."""
        from crte_desktop.views.imports.excel_import_dialog import LAST_DIR_KEY, ImportPreviewDialog

        if self.campaign_id is None or read_only_reason(self.ctx.store):
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Reprendre un classeur de la campagne",
                                                  str(self.ctx.settings.value(LAST_DIR_KEY, "") or ""),
                                                  "Classeur Excel (*.xlsx);;Tous les fichiers (*)")
            if not path:
                return None
        dialog = ImportPreviewDialog(self.ctx, path, self, expected_campaign_id=self.campaign_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.imported)
        dialog.open()
        return dialog


def _day(iso: str):
    from crte_desktop.domain.dates import from_iso

    return from_iso(iso[:10])
