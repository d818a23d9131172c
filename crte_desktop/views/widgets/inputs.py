"""Small input widgets of the action form: amounts typed the French way and a
field box that shows the reason of a refusal under its field."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from crte_desktop.domain.money import AmountError, format_amount, parse_amount

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#e65100"


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Red border on ``widget`` (and only on it, not on its children) while ``invalid``."""
    qt_class = next(c.__name__ for c in type(widget).__mro__ if c.__module__.startswith("PySide6"))
    widget.setStyleSheet(f"{qt_class} {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; }}" if invalid else "")


class AmountEdit(QLineEdit):
    """A euro amount: accepts "1 234 567,89", "1234567.89", "1 234 €"; shows it formatted on focus out.

    ``value()`` is the last amount that could be read; ``error()`` the French reason while the
    text cannot be read. ``edited`` is emitted on every keystroke."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: Decimal | None = None
        self._error = ""
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0,00")
        self.textEdited.connect(self._on_text)

    def value(self) -> Decimal | None:
        return self._value

    def error(self) -> str:
        return self._error

    def set_value(self, value: Decimal | None) -> None:
        self._value = value
        self._error = ""
        self.setText(format_amount(value, currency=False))

    def _on_text(self, text: str) -> None:
        try:
            self._value = parse_amount(text)
            self._error = ""
        except AmountError as exc:
            self._error = str(exc)
        self.edited.emit()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if not self._error:
            self.setText(format_amount(self._value, currency=False))


class FieldBox(QWidget):
    """A field with, under it, the French reason why its value is refused (hidden when valid)."""

    def __init__(self, field: QWidget, border_target: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._target = border_target or field
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOR}; font-size: 9pt;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        if field.maximumWidth() < 16777215:  # a narrow field: the message may use the whole width
            layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            layout.addWidget(field)
        layout.addWidget(self.message)

    def set_error(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setToolTip(message or "")
        self.message.setVisible(bool(message))
        set_invalid(self._target, bool(message))

    def error(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""


class TextArea(QPlainTextEdit):
    """A multi-line text field that asks for little room and takes what the layout gives it.

    (QPlainTextEdit's own size hint is tall: in a scroll area it would push the tab into scrolling.)"""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(60)

    def sizeHint(self) -> QSize:
        return QSize(300, 80)
