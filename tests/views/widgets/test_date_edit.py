"""The one date field: digits typed as a secretary types them, a calendar, an empty date, a French refusal."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from crte_desktop.views.widgets.date_edit import DateEdit
from tests.views.gui import type_text


def test_digits_typed_become_a_date(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    edited = []
    edit.edited.connect(lambda: edited.append(True))
    type_text(edit, "120324")
    assert edit.value() == date(2024, 3, 12) and edit.error() == ""
    assert edited
    edit.editingFinished.emit()
    assert edit.text() == "12/03/2024"


def test_short_forms_and_two_digit_years(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    for typed, expected in (("1/3/24", date(2024, 3, 1)), ("01032024", date(2024, 3, 1)),
                            ("31.12.25", date(2025, 12, 31))):
        edit.clear()
        type_text(edit, typed)
        assert edit.value() == expected, typed


def test_unreadable_and_impossible_dates_are_explained_in_french(qtbot):
    edit = DateEdit(date(2024, 6, 20))
    qtbot.addWidget(edit)
    edit.clear()
    type_text(edit, "31/02/2024")
    assert edit.value() is None
    assert edit.error() == "« 31/02/2024 » n'est pas une date qui existe."
    edit.editingFinished.emit()
    assert edit.text() == "31/02/2024"  # the text is left for the secretary to correct
    edit.clear()
    assert edit.value() is None and edit.error() == ""


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # popups, offscreen
def test_the_calendar_sets_the_date(qtbot):
    edit = DateEdit(today=date(2024, 6, 15))
    qtbot.addWidget(edit)
    calendar = edit.open_calendar()
    assert calendar.selectedDate() == QDate(2024, 6, 15)
    calendar.clicked.emit(QDate(2024, 7, 4))
    assert edit.text() == "04/07/2024" and edit.value() == date(2024, 7, 4)
