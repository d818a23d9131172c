"""« Caducité »: the date a grant lapses if works have not started, and the alert before it falls.

The delay is per scheme, in the reference data (24 months for the State's investment grants: décret
n° 2018-514, art. 11), counted from the decision. A line stops being at risk once works have started
(a declared start date, or any payment made), or when it is refused, cancelled or settled.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from crte_desktop.domain.enums import FinancingStatus
from crte_desktop.domain.financing import FinancingLine

LAPSE_WARNING_DAYS = 90


def add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def lapse_date(line: FinancingLine, lapse_months: int | None) -> date | None:
    """When the grant lapses without a start of works; None when the scheme has no delay or no decision."""
    if not lapse_months or line.decision_date is None:
        return None
    return add_months(line.decision_date, lapse_months)


def at_risk(line: FinancingLine) -> bool:
    """Granted, not settled, and nothing shows that works have started."""
    if line.status in (FinancingStatus.REFUSE, FinancingStatus.ANNULE, FinancingStatus.SOLDE):
        return False
    if not line.granted:
        return False
    return line.works_start_date is None and not line.payments and not line.paid


@dataclass(frozen=True)
class LapseAlert:
    line_id: int | None
    due: date
    days_left: int  # negative once passed

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    def message(self, label: str) -> str:
        from crte_desktop.domain.dates import format_date

        if self.passed:
            return (f"{label} : subvention caduque depuis le {format_date(self.due)} faute de commencement "
                    "d'exécution (à constater ou à proroger).")
        days = "demain" if self.days_left == 1 else ("aujourd'hui" if self.days_left == 0 else f"dans {self.days_left} jours")
        return f"{label} : caducité le {format_date(self.due)} ({days}) si les travaux ne commencent pas."


def lapse_alert(line: FinancingLine, lapse_months: int | None, today: date,
                warning_days: int = LAPSE_WARNING_DAYS) -> LapseAlert | None:
    """An alert when the lapse date is less than ``warning_days`` away, or passed, for a line at risk."""
    due = lapse_date(line, lapse_months)
    if due is None or not at_risk(line):
        return None
    left = (due - today).days
    if left > warning_days:
        return None
    return LapseAlert(line.id, due, left)
