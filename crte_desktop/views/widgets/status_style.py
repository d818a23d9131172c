"""How an action's status looks in tables: its label, "En retard" past the end date, and its colour
(the colours are reference data the user may change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QColor

from crte_desktop.domain.enums import LATE_LABEL, ActionStatus

LATE_COLOR = "#c62828"
_WHITE = QColor("#ffffff")


def is_late(status_code: str, end_date_iso: str | None, today: date) -> bool:
    """An open action whose end date has passed (the rule of ``Action.is_late``, on table rows)."""
    if not end_date_iso or end_date_iso >= today.isoformat():
        return False
    try:
        return not ActionStatus.from_code(status_code).is_closed
    except ValueError:  # a status unknown to this version: not flagged
        return False


def _mix(color: QColor, other: QColor, ratio: float) -> QColor:
    """``ratio`` of ``color`` and the rest of ``other``."""
    return QColor(round(color.red() * ratio + other.red() * (1 - ratio)),
                  round(color.green() * ratio + other.green() * (1 - ratio)),
                  round(color.blue() * ratio + other.blue() * (1 - ratio)))


def _readable(color: QColor) -> QColor:
    """The colour darkened until text in it reads well on a light background."""
    c = QColor(color)
    for _ in range(6):
        if 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF() < 0.45:
            break
        c = c.darker(125)
    return c


@dataclass(frozen=True)
class StatusLook:
    text: str
    swatch: QColor  # the status colour itself (small square before the text)
    background: QColor  # a light tint of it
    foreground: QColor  # readable text colour
    bold: bool = False


def status_look(code: str, statuses: dict[str, tuple[str, str]], late: bool) -> StatusLook:
    """``statuses``: code → (label, colour) from ``DirectoryRepository.status_colors()``."""
    if late:
        red = QColor(LATE_COLOR)
        return StatusLook(LATE_LABEL, red, _mix(red, _WHITE, 0.16), red, bold=True)
    label, color = statuses.get(code, (code, "#9e9e9e"))
    c = QColor(color) if QColor.isValidColorName(color) else QColor("#9e9e9e")
    return StatusLook(label, c, _mix(c, _WHITE, 0.16), _readable(c))
