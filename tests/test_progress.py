"""The one progress/cancel protocol (crte_desktop/progress.py), and a Progress for tests that stops after
a number of checks."""

from __future__ import annotations

import pytest

from crte_desktop.progress import NO_PROGRESS, Cancelled, Control, Share


class StopAfter(Control):
    """Records the reports; ``check`` raises Cancelled from its ``n``-th call on (never when ``n`` is None)."""

    def __init__(self, n: int | None = None):
        self.seen: list[tuple[int, int, str]] = []
        super().__init__(lambda done, total, text: self.seen.append((done, total, text)))
        self.n, self.checks = n, 0

    def check(self) -> None:
        self.checks += 1
        if self.n is not None and self.checks >= self.n:
            self.cancel()
        super().check()


def test_a_control_raises_once_cancelled_and_reports():
    seen = []
    control = Control(lambda d, t, s: seen.append((d, t, s)))
    control.check()
    control.report(3, 10, "Fiche 3")
    control.report(text="Écriture")
    control.cancel()
    with pytest.raises(Cancelled):
        control.check()
    assert seen == [(3, 10, "Fiche 3"), (-1, -1, "Écriture")]


def test_a_share_maps_its_steps_into_the_outer_range():
    outer = StopAfter()
    part = Share(outer, 40, 100)
    part.report(0, 10, "a")
    part.report(5, 10, "b")
    part.report(10, 10, "c")
    assert [d for d, _t, _s in outer.seen] == [40, 70, 100]


def test_nobody_cancels_the_default():
    NO_PROGRESS.check()
    NO_PROGRESS.report(1, 2, "x")
