"""A banner across the top of the main window: why the workspace is read-only, that it was updated or
put back in its last saved state, that it is damaged… with its buttons (« Ouvrir une copie »,
« Récupérer… ») and, when it may go, a close button. It stays until dismissed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_STYLES = {
    "info": "background: #e8f1fb; border: 1px solid #9dbfe6; color: #12325a;",
    "warning": "background: #fff4d6; border: 1px solid #e0b84c; color: #4a3700;",
    "error": "background: #fde7e7; border: 1px solid #e09090; color: #5a1212;",
}


class Banner(QFrame):
    dismissed = Signal()

    def __init__(self, text: str, level: str = "info", buttons: list[tuple[str, Callable[[], None]]] = (),
                 closable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(f"QFrame#banner {{ {_STYLES.get(level, _STYLES['info'])} border-radius: 3px; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for caption, slot in buttons:
            button = QPushButton(caption)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            layout.addWidget(button)
            self.buttons[caption] = button
        self.close_button = None
        if closable:
            self.close_button = QToolButton()
            self.close_button.setText("✕")
            self.close_button.setToolTip("Masquer ce message")
            self.close_button.setAutoRaise(True)
            self.close_button.clicked.connect(self.dismiss)
            layout.addWidget(self.close_button)

    @property
    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
        self.deleteLater()
