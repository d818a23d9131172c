"""Combos of the domain's labelled enums. Qt keeps a ``str`` enum member as a plain string, so the code is
stored and the member found again from it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def fill(combo: QComboBox, enum_cls, none_label: str | None = None) -> QComboBox:
    """The members' French labels (after ``none_label`` for "no value", when given)."""
    combo.clear()
    if none_label is not None:
        combo.addItem(none_label, None)
    for member in enum_cls:
        combo.addItem(member.label, member.value)
    return combo


def current(combo: QComboBox, enum_cls):
    code = combo.currentData()
    return enum_cls.from_code(code) if code is not None else None


def set_current(combo: QComboBox, member) -> None:
    index = combo.findData(member.value if member is not None else None)
    combo.setCurrentIndex(max(index, 0))
