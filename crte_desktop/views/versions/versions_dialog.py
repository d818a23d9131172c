"""Fichier → Versions antérieures… : the versions kept beside the workspace, with their figures; compare one
with today; restore it whole, or put back one action deleted since; or write it out as a new file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.db.versions import Snapshot
from crte_desktop.domain.errors import DomainError
from crte_desktop.versions.service import RETENTION
from crte_desktop.views.shell.file_actions import FILE_FILTER

COLUMNS = ("Version", "Date et heure", "Raison", "Taille", "Contenu")


class VersionsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.versions = ctx.workspace.versions
        self.path = ctx.workspace.path
        self.setWindowTitle(f"Versions antérieures de « {self.path.name} »")
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        folder = self.versions.folder
        intro = QLabel(f"Versions enregistrées automatiquement dans le dossier « {folder.name} », à côté du fichier "
                       f"(avant chaque import, mise à jour, restauration ou application de décisions, et avant la "
                       f"première modification de chaque jour). Sont gardées : {RETENTION}.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.compare_selected())
        layout.addWidget(self.table, 3)
        row = QHBoxLayout()
        self.compare_button = QPushButton("Comparer avec aujourd'hui")
        self.restore_button = QPushButton("Restaurer cette version…")
        self.restore_action_button = QPushButton("Restaurer une action supprimée…")
        self.export_button = QPushButton("Enregistrer sous…")
        for button, slot in ((self.compare_button, self.compare_selected), (self.restore_button, self.restore_selected),
                             (self.restore_action_button, self.restore_one_action),
                             (self.export_button, self.export_selected)):
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Choisissez une version puis « Comparer avec aujourd'hui ».")
        layout.addWidget(self.details, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.snapshots: list[Snapshot] = []
        self.refresh()

    # -- the list --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.snapshots = self.versions.snapshots()
        self.table.setRowCount(len(self.snapshots))
        for r, s in enumerate(self.snapshots):
            cells = (s.ident, f"{s.at:%d/%m/%Y %H:%M:%S}", s.reason_label, s.size_label, s.figures_line)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.snapshots:
            self.table.selectRow(0)
        else:
            self.details.setPlainText("Aucune version n'a encore été enregistrée pour cet espace de travail.")
        self._update_buttons()

    def selected(self) -> Snapshot | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.snapshots[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        writable = not self.ctx.workspace.store.read_only
        self.compare_button.setEnabled(has)
        self.export_button.setEnabled(has)
        self.restore_button.setEnabled(has and writable)
        self.restore_action_button.setEnabled(has and writable)

    # -- actions ------------------------------------------------------------------------------------------
    def compare_selected(self) -> None:
        snap = self.selected()
        if snap is None:
            return
        try:
            result = self.versions.compare_with_today(snap)
        except DomainError as exc:
            self.details.setPlainText(str(exc))
            return
        head = f"Version {snap.ident} du {snap.at:%d/%m/%Y à %H:%M} ({snap.reason_label}) comparée à aujourd'hui :"
        self.details.setPlainText("\n".join([head, ""] + result.lines()))

    def restore_selected(self, confirm: bool = True) -> bool:
        snap = self.selected()
        if snap is None:
            return False
        if confirm and not self._confirm(
                "Restaurer cette version ?",
                f"L'espace de travail reprendra le contenu de la version du {snap.at:%d/%m/%Y à %H:%M} "
                f"({snap.figures_line}). Son état actuel est d'abord enregistré comme version, pour pouvoir y "
                "revenir.", "Restaurer"):
            return False
        try:
            self.versions.restore_whole(snap)
        except DomainError as exc:
            QMessageBox.warning(self, "Restauration impossible", str(exc))
            return False
        self.ctx.undo_stack.clear()  # the steps recorded refer to a state that no longer exists
        self.refresh()
        self.details.setPlainText(f"Version du {snap.at:%d/%m/%Y à %H:%M} restaurée. L'état d'avant est la version "
                                  f"la plus récente de la liste.")
        return True

    def restore_one_action(self, action_id: int | None = None) -> bool:
        snap = self.selected()
        if snap is None:
            return False
        try:
            candidates = self.versions.deleted_actions(snap)
        except DomainError as exc:
            QMessageBox.warning(self, "Restauration impossible", str(exc))
            return False
        if not candidates:
            self.details.setPlainText("Aucune action de cette version n'a été supprimée depuis.")
            return False
        if action_id is None:
            labels = [label for _i, label in candidates]
            label, ok = QInputDialog.getItem(self, "Restaurer une action supprimée",
                                             "Action de cette version supprimée depuis :", labels, 0, False)
            if not ok:
                return False
            action_id = candidates[labels.index(label)][0]
        label = dict(candidates).get(action_id, str(action_id))
        try:
            self.versions.restore_action(snap, action_id)
        except DomainError as exc:
            QMessageBox.warning(self, "Restauration impossible", str(exc))
            return False
        self.refresh()
        self.details.setPlainText(f"Action « {label} » restaurée avec ses financements, indicateurs et évaluation.")
        return True

    def export_selected(self, path: str | None = None) -> bool:
        snap = self.selected()
        if snap is None:
            return False
        if path is None:
            suggested = self.path.with_name(f"{self.path.stem} (version du {snap.at:%d-%m-%Y %Hh%M}).crte")
            path, _ = QFileDialog.getSaveFileName(self, "Enregistrer la version sous", str(suggested), FILE_FILTER)
            if not path:
                return False
        try:
            self.versions.write_out(snap, path)
        except DomainError as exc:
            QMessageBox.warning(self, "Enregistrement impossible", str(exc))
            return False
        self.details.setPlainText(f"Version enregistrée dans « {path} ».")
        return True

    def _confirm(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is ok
