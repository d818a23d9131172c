"""Editing the green thresholds (reference data by year): per dotation, the minimum share of granted amounts
going to projects favourable to the environment, from a first year on. Each save is one undo step
(DashboardService.save_threshold_step); read-only, the dialog only shows them."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QListWidget, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.read_only import enable_writing


class ThresholdsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Seuils des parts vertes")
        self.ctx = ctx
        self.dashboard = ctx.workspace.dashboard
        self.scheme = QComboBox()
        for scheme_id, name in self.dashboard.green_dotations():
            self.scheme.addItem(name, scheme_id)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today.year)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.list = QListWidget()
        form = QFormLayout()
        form.addRow("Dotation", self.scheme)
        form.addRow("À partir de l'année", self.year)
        form.addRow("Part minimale favorable", self.percent)
        self.message = message_label(self)
        self.save_button = save = QPushButton("Enregistrer")
        save.clicked.connect(self.save)
        enable_writing(ctx.store, save, True, "Enregistrer le seuil (annulable avec Ctrl+Z)")
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(460, 400)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for _id, _sid, name, year, percent in self.dashboard.green_thresholds():
            self.list.addItem(f"{name} : {percent} % à partir de {year}")

    def save(self) -> bool:
        scheme_id, year, percent = self.scheme.currentData(), self.year.value(), self.percent.value()
        if not run_or_show(self.ctx.undo_stack, self.message,
                           lambda: self.dashboard.save_threshold_step(scheme_id, year, percent)):
            return False
        show_message(self.message, "")
        self.reload()
        return True
