"""The one date field of the application: the date is typed as the secretary types it — « 12/03/2024 »,
« 12/3/24 », « 120324 », « 12032024 » (two-digit years are 20aa) — or picked in a calendar; it may stay empty.

It is a QLineEdit (``text()``/``setText()`` work as for any field), with ``value()`` the date read (None when
empty or unreadable), ``error()`` the French reason while the text cannot be read, ``set_value()``, and
``edited`` emitted on every change made by the user. On leaving the field a readable date is rewritten
jj/mm/aaaa."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from crte_desktop.domain.dates import DateError, format_date, parse_date


class DateEdit(QLineEdit):
    edited = Signal()

    def __init__(self, value: date | None = None, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self._today = today
        self._value: date | None = None
        self._error = ""
        self.setPlaceholderText("jj/mm/aaaa")
        self.setMaxLength(24)
        self.setMinimumWidth(110)
        self.setToolTip("Tapez la date (12/03/2024, 12/3/24 ou 120324) ou choisissez-la dans le calendrier")
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Choisir dans le calendrier")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.textChanged.connect(self._read)
        self.textEdited.connect(self._on_edited)
        self.editingFinished.connect(self._tidy)
        self.set_value(value)

    # -- value ----------------------------------------------------------------------------------------
    def value(self) -> date | None:
        return self._value

    def error(self) -> str:
        return self._error

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def _read(self, text: str) -> None:
        try:
            self._value = parse_date(text)
            self._error = ""
        except DateError as exc:
            self._value = None
            self._error = str(exc)

    def _on_edited(self, text: str) -> None:
        self._read(text)  # textEdited may come before textChanged: the value is read first
        self.edited.emit()

    def _tidy(self) -> None:
        if not self._error and self._value is not None and self.text() != format_date(self._value):
            self.setText(format_date(self._value))

    # -- calendar -------------------------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        """A calendar under the field; the day clicked becomes the value. Returns the calendar (for tests)."""
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        start = self._value or self._today or date.today()
        calendar.setSelectedDate(QDate(start))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(qdate: QDate) -> None:
            self.setText(format_date(qdate.toPython()))
            self.edited.emit()
            menu.close()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        self._calendar_menu = menu
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        return calendar
