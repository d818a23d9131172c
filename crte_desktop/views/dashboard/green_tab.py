"""The dashboard's « Parts vertes » tab: per year and dotation, the share of granted amounts going to projects
favourable to the environment against the threshold in force; a share below it is shown in red. Double-click
a row: the actions with an amount granted on it (favourable or not)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crte_desktop.dashboard.green import GREEN_RULE_SHORT, GreenShare
from crte_desktop.domain.money import format_amount, format_percent
from crte_desktop.views.dashboard.dashboard_models import PAYLOAD_ROLE, Column, Row, RowsModel

_COLUMNS = [Column("Année"), Column("Dotation"), Column("Accordé", True),
            Column("Dont projets favorables", True), Column("Part verte", True), Column("Seuil", True),
            Column("Manque pour le seuil", True), Column("Situation")]
BELOW_COLOR = "#ffebee"


class GreenTab(QWidget):
    def __init__(self, page, make_table, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page
        self.shares: list[GreenShare] = []
        self.model = RowsModel(_COLUMNS, self)
        self.view = make_table(self.model)
        self.view.setToolTip("Double-cliquez sur une ligne pour voir les actions ayant un montant accordé sur cette "
                             "dotation cette année-là.")
        self.view.doubleClicked.connect(self._activated)
        self.rule = QLabel(GREEN_RULE_SHORT + " Seuils : données de référence, par année.")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #546e7a;")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.not_green_button = QPushButton("Actions non favorables de la ligne…")
        self.not_green_button.clicked.connect(lambda: self.open_selected(False))
        self.thresholds_button = QPushButton("Seuils…")
        self.thresholds_button.setToolTip("Seuils des parts vertes par dotation et par année (données de référence)")
        self.thresholds_button.clicked.connect(self.edit_thresholds)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.thresholds_button)
        bar.addWidget(self.not_green_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.rule)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def show_shares(self, shares: list[GreenShare]) -> None:
        self.shares = shares
        rows = []
        for s in shares:
            threshold = f"{s.threshold}\u00a0%" if s.threshold is not None else "—"
            rows.append(Row([str(s.year), s.scheme, format_amount(s.granted), format_amount(s.favourable),
                             format_percent(s.share), threshold,
                             format_amount(s.gap) if s.below else "—", s.verdict],
                            [s.year, s.scheme, s.granted, s.favourable, s.share, s.threshold, s.gap, s.verdict],
                            payload=s, background=BELOW_COLOR if s.below else None))
        self.model.set_rows(rows)
        below = [s for s in shares if s.below]
        if not shares:
            self.summary.setText("Aucun montant accordé en DSIL, DSID, DETR ou FNADT.")
        elif all(s.threshold is None for s in shares):
            self.summary.setText("Aucun seuil ne s'applique à ces années (les seuils valent depuis 2024).")
        elif below:
            self.summary.setText(f"{len(below)} part{'s' if len(below) > 1 else ''} sous le seuil : "
                                 + ", ".join(f"{s.scheme} {s.year}" for s in below) + ".")
        else:
            self.summary.setText("Toutes les parts vertes soumises à un seuil l'atteignent.")

    def edit_thresholds(self):
        from crte_desktop.views.dashboard.thresholds_dialog import ThresholdsDialog

        dialog = ThresholdsDialog(self.page.ctx, self)
        dialog.finished.connect(lambda *_a: self.page.refresh())
        dialog.open()
        return dialog

    def _activated(self, index: QModelIndex) -> None:
        share = index.data(PAYLOAD_ROLE)
        if isinstance(share, GreenShare):
            self.open_share(share, None)

    def open_selected(self, favourable: bool | None) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            share = rows[0].data(PAYLOAD_ROLE)
            if isinstance(share, GreenShare):
                self.open_share(share, favourable)

    def open_share(self, share: GreenShare, favourable: bool | None) -> list[int]:
        page = self.page
        ids = page.ctx.workspace.dashboard.green_action_ids(page.filter, share, favourable, page.ctx.today)
        which = {None: "", True: " favorables", False: " non favorables"}[favourable]
        page.open_actions.emit(ids, f"Actions{which} ayant un montant accordé en {share.scheme} {share.year}")
        return ids
