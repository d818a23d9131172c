"""Indicators and their dated measurements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Measurement:
    date: date
    value: float
    comment: str = ""
    id: int | None = None


@dataclass
class Indicator:
    contract_id: int
    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    due_date: date | None = None
    action_id: int | None = None
    section_id: int | None = None
    measurements: list[Measurement] = field(default_factory=list)
    id: int | None = None
    row_version: int = 1

    @property
    def latest(self) -> Measurement | None:
        if not self.measurements:
            return None
        return max(self.measurements, key=lambda m: m.date)

    @property
    def achievement(self) -> float | None:
        """Share of the way from baseline to target reached by the latest measurement (0–1+)."""
        last = self.latest
        if last is None or self.target is None:
            return None
        base = self.baseline or 0.0
        if self.target == base:
            return 1.0 if last.value == self.target else 0.0
        return (last.value - base) / (self.target - base)

    def expected_achievement(self, today: date, start: date | None) -> float | None:
        """Linear share expected by ``today`` between ``start`` and the due date."""
        if self.due_date is None or start is None or self.due_date <= start:
            return None
        span = (self.due_date - start).days
        return min(max((today - start).days / span, 0.0), 1.0)

    def is_behind(self, today: date, start: date | None) -> bool:
        """Behind target: past the due date and not reached, or well below the linear path."""
        got = self.achievement
        if got is None:
            return False
        if self.due_date and today > self.due_date:
            return got < 1.0
        expected = self.expected_achievement(today, start)
        return expected is not None and got + 0.2 < expected
