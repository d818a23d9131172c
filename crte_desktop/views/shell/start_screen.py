"""The start screen, shown when no workspace is open: the demonstration, a new workspace, open a file,
or one of the recent files."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from crte_desktop import __version__
from crte_desktop.views.shell.file_actions import recent_files, recent_label


LEFT_WIDTH = 390
DEMO_TEXT = ("La démonstration est un espace de travail d'exemple, séparé du vôtre : les CRTE du Valenciennois "
             "et du Douaisis avec leurs projets, financements et comités réels. Vous pouvez tout y essayer ; "
             "pour vos propres contrats, créez un nouvel espace de travail.")


class StartScreen(QWidget):
    demo_requested = Signal()
    new_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("CRTE Desktop")
        self.setObjectName("startScreen")

        title = QLabel("CRTE Desktop")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("Suivi des contrats pour la réussite de la transition écologique :\n"
                          "programme d'actions, financements, comités et tableaux de bord.")
        subtitle.setWordWrap(True)

        self.demo_button = self._button("Ouvrir la démonstration",
                                        "Un espace de travail d'exemple pour découvrir l'application")
        self.demo_label = QLabel(DEMO_TEXT)
        self.demo_label.setWordWrap(True)
        self.demo_label.setStyleSheet("color: #4a5159;")
        self.new_button = self._button("Nouvel espace de travail…",
                                       "Créer le fichier .crte de vos contrats (proposé dans Documents)")
        self.open_button = self._button("Ouvrir…", "Ouvrir un fichier .crte existant (Ctrl+O)")
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)

        left_box = QWidget()
        left_box.setFixedWidth(LEFT_WIDTH)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(title)
        left.addWidget(subtitle)
        left.addSpacing(14)
        left.addWidget(self._heading("Vos contrats"))
        left.addWidget(self.new_button)
        left.addWidget(self.open_button)
        left.addSpacing(14)
        left.addWidget(self._heading("Découvrir"))
        left.addWidget(self.demo_button)
        left.addWidget(self.demo_label)
        left.addStretch(1)
        version = QLabel(f"Version {__version__} — Aide : F1 dans la fenêtre principale")
        version.setStyleSheet("color: #6b6b6b;")
        left.addWidget(version)

        recent_title = QLabel("Fichiers récents")
        bold = recent_title.font()
        bold.setBold(True)
        recent_title.setFont(bold)
        self.recent_list = QListWidget()
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setStyleSheet("QListWidget::item { padding: 5px 4px; }")  # rows easy to click
        self.recent_list.itemActivated.connect(self._activated)
        self.empty_label = QLabel("Aucun fichier ouvert récemment.")
        self.empty_label.setStyleSheet("color: #6b6b6b;")
        right = QVBoxLayout()
        right.addWidget(recent_title)
        right.addWidget(self.recent_list, 10)
        right.addWidget(self.empty_label)
        right.addStretch(1)  # with no recent file, the title and its note stay at the top

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(24)
        for label in (subtitle, self.demo_label):  # wrapped labels keep their full height in the fixed column
            label.setMinimumHeight(label.heightForWidth(LEFT_WIDTH))
        layout.addWidget(left_box)
        layout.addWidget(line)
        layout.addLayout(right, 3)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.open_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self, self.close)
        self.resize(QSize(900, 560))
        self.refresh()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _button(self, text: str, tooltip: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tooltip)
        b.setMinimumHeight(38)
        b.setCursor(Qt.CursorShape.PointingHandCursor)
        return b

    def refresh(self) -> None:
        self.recent_list.clear()
        for path in recent_files(self._settings):
            exists = os.path.exists(path)
            item = QListWidgetItem(recent_label(path) + ("" if exists else "  (introuvable)"))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            if not exists:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent_list.addItem(item)
        empty = self.recent_list.count() == 0
        self.recent_list.setVisible(not empty)
        self.empty_label.setVisible(empty)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_path_requested.emit(item.data(Qt.ItemDataRole.UserRole))
