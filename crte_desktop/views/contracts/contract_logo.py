"""The contract's logo, shown on the cover of its meeting packs: a preview, « Choisir… » and « Retirer »; each
change is saved at once and is one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crte_desktop.views.shell.undoable import run_or_show
from crte_desktop.views.widgets.export_files import documents_dir
from crte_desktop.views.widgets.form_feedback import message_label, show_message

PREVIEW = (180, 64)


class ContractLogo(QWidget):
    changed = Signal()

    def __init__(self, ctx, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = service
        self.contract_id: int | None = None
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #c4c8cd; background: white; color: #6e7781;")
        self.choose_button = QPushButton("Choisir…")
        self.choose_button.setToolTip("Une image PNG ou JPEG (2 Mo au plus), placée en haut de la couverture des "
                                      "dossiers de séance")
        self.remove_button = QPushButton("Retirer")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.remove_button.clicked.connect(lambda: self.set_logo(None))
        self.message = message_label()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.set_contract(None)

    def set_contract(self, contract_id: int | None) -> None:
        self.contract_id = contract_id
        self.refresh()

    def refresh(self) -> None:
        data = self.service.logo(self.contract_id) if self.contract_id is not None else None
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Pas de logo" if self.contract_id is not None else "Enregistrez d'abord le contrat")
        else:
            self.preview.setPixmap(QPixmap.fromImage(image).scaled(
                PREVIEW[0] - 4, PREVIEW[1] - 4, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.choose_button.setEnabled(self.contract_id is not None)
        self.remove_button.setEnabled(not image.isNull())

    def choose(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Choisir le logo du contrat", str(documents_dir()),
                                                  "Images (*.png *.jpg *.jpeg)")
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            show_message(self.message, f"Le fichier n'a pas pu être lu : {exc.strerror or exc}")
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes | None) -> bool:
        if self.contract_id is None:
            return False
        contract_id = self.contract_id
        ok = run_or_show(self.ctx.undo_stack, self.message, lambda: self.service.logo_step(contract_id, data))
        if ok:
            show_message(self.message, "")
        self.refresh()
        self.changed.emit()
        return bool(ok)
