"""Progress and cancellation of long work, without Qt: one protocol, one exception.

Long work (a workbook export or import, a meeting pack, a first import, the benchmark) takes a
``Progress`` and, between two steps, calls ``progress.report(done, total, text)`` to say how far it is
and ``progress.check()``, which raises ``Cancelled`` once the user asked to stop. Work that is cancelled
leaves the workspace and the target file as they were. The GUI passes a ``Control`` whose reports feed
its progress dialog (views/shell/tasks.py); callers that do not care pass nothing (``NO_PROGRESS``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Cancelled(Exception):
    """The user asked to stop; nothing was written."""


class Progress(Protocol):
    def check(self) -> None:
        """Raise ``Cancelled`` when the user asked to stop."""

    def report(self, done: int | None = None, total: int | None = None, text: str | None = None) -> None:
        """``done`` of ``total`` steps (either may be None), and what is being done."""


class Control:
    """A cancellation flag and a progress report, usable from any thread."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None):
        self._event = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def report(self, done: int | None = None, total: int | None = None, text: str | None = None) -> None:
        if self._report is not None:
            self._report(-1 if done is None else int(done), -1 if total is None else int(total), text or "")


class Share:
    """Part of a longer job: reports ``done``/``total`` as the range [start, end] of ``out_of`` on ``outer``
    (e.g. writing the pages is the last 60 % of building the pack)."""

    def __init__(self, outer: Progress, start: int, end: int, out_of: int = 100):
        self._outer, self._start, self._end, self._out_of = outer, start, end, out_of

    def check(self) -> None:
        self._outer.check()

    def report(self, done: int | None = None, total: int | None = None, text: str | None = None) -> None:
        if done is None or not total:
            self._outer.report(None, None, text)
            return
        self._outer.report(self._start + (self._end - self._start) * done // max(total, 1), self._out_of, text)


NO_PROGRESS: Progress = Control()  # never cancelled, reports to nobody
