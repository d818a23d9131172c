"""« Nouvelle campagne de revue de projets »: name, period and the folder where the workbooks go."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from crte_desktop.domain.campaign import Campaign, campaign_problems, default_campaign
from crte_desktop.domain.errors import Problem
from crte_desktop.views.widgets.form_feedback import message_label, show_message

LAST_DIR_KEY = "campaigns/last_dir"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class NewCampaignDialog(QDialog):
    def __init__(self, settings, contract_id: int, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nouvelle campagne de revue de projets")
        self.settings = settings
        proposal = default_campaign(contract_id, today)
        self.contract_id = contract_id
        self.name = QLineEdit(proposal.name)
        self.start = QDateEdit(_qdate(proposal.start_date))
        self.end = QDateEdit(_qdate(proposal.end_date))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        start_dir = Path(str(settings.value(LAST_DIR_KEY, "") or Path.home()))
        self.folder = QLineEdit(str(start_dir / proposal.name))
        browse = QPushButton("Choisir…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Nom de la campagne", self.name)
        form.addRow("Début", self.start)
        form.addRow("Retour attendu le", self.end)
        form.addRow("Dossier des classeurs", folder_row)
        self.message = message_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Créer et écrire les classeurs")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Dossier où écrire les classeurs", self.folder.text())
        if path:
            self.folder.setText(str(Path(path) / self.name.text().strip()))

    @property
    def campaign(self) -> Campaign:
        return Campaign(self.contract_id, self.name.text().strip(), self.start.date().toPython(),
                        self.end.date().toPython())

    def accept(self) -> None:
        problems = campaign_problems(self.campaign)
        if not self.folder.text().strip():
            problems.append(Problem("folder", "Dossier des classeurs : obligatoire."))
        if problems:
            show_message(self.message, "\n".join(dict.fromkeys(p.message for p in problems)))
            return
        self.settings.setValue(LAST_DIR_KEY, str(Path(self.folder.text()).parent))
        super().accept()
