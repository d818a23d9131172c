"""The band across the top of the window while the demonstration is open: it says this is an example file,
not the secretary's, and offers to create their own workspace."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar

DEMO_BANNER = ("Démonstration : un espace de travail d'exemple (CRTE du Valenciennois et du Douaisis), séparé du "
               "vôtre. Pour vos contrats, créez votre propre espace de travail.")


def show_demo_banner(window: QMainWindow, on_new) -> QToolBar:
    frame = QFrame()
    frame.setObjectName("demoBanner")
    frame.setStyleSheet("#demoBanner { background: #fff4ce; border: 1px solid #e3c56b; border-radius: 3px; }")
    label = QLabel(DEMO_BANNER)
    label.setToolTip(DEMO_BANNER)
    button = QPushButton("Nouvel espace de travail…")
    button.clicked.connect(on_new)
    row = QHBoxLayout(frame)
    row.setContentsMargins(8, 4, 8, 4)
    row.addWidget(label, 1)
    row.addWidget(button)
    bar = QToolBar("Démonstration")
    bar.setObjectName("demoBannerBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.addWidget(frame)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.demo_banner = bar
    window.setWindowTitle(window.windowTitle() + " (démonstration)")
    return bar
