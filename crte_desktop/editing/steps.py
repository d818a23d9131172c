"""Undo without Qt: one user action as a ``Step`` — its label, what runs it again and what puts it back.

Each service builds the step of its own operations next to them (the inverse, or the snapshot it restores:
``ActionService.save_step``, ``meetings.restore.meeting_step``, ``excel.import_apply.import_step``…). The
operation itself runs first, through the same service: a refusal (DomainError) reaches the caller and no
step exists. A replay refuses (ConcurrentChangeError, nothing written) to go over a change made elsewhere
since the step: each step records the version of the records it left and compares (``version_to_expect``).
The one Qt adapter (views/shell/undoable.py) puts the step on the QUndoStack; ``redo`` and ``undo`` then
call the same service methods as the first run. See docs/architecture.md, "Undo".
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from typing import Any

from crte_desktop.db.errors import ConcurrentChangeError


@dataclass(frozen=True)
class Step:
    label: str  # French, as the Edit menu shows it after « Annuler » / « Rétablir »
    redo: Callable[[], object]
    undo: Callable[[], object]


_UNREAD = object()


def state_step(label: str, read: Callable[[], Any], put_back: Callable[[Any], object],
               refusal: Callable[[Any, Any], str], within: Callable[[], AbstractContextManager],
               apply: Callable[[], object] | None = None, before: Any = _UNREAD) -> Step:
    """A step over records that carry no version (reference data, a campaign's tracking dates).

    ``read()`` gives their state (any value comparable with ==, None for none); ``put_back(state)`` writes a
    state read earlier — the inverse of every operation on them. The first ``redo`` runs ``apply()``; without
    ``apply`` the operation has already run and ``before`` is the state it started from. Every replay first
    checks, inside ``within()`` (the store's transaction), that the records hold what the step's last run left;
    otherwise ConcurrentChangeError with ``refusal(now, expected)`` (French), and nothing is written."""
    start = read() if before is _UNREAD else before
    left: list = [] if apply is not None else [read()]

    def check(expected) -> None:
        now = read()
        if now != expected:
            raise ConcurrentChangeError(refusal(now, expected))

    def redo() -> None:
        with within():
            if not left and apply is not None:
                apply()
            else:
                check(start)
                put_back(left[0])
            left[:] = [read()]

    def undo() -> None:
        with within():
            check(left[0])
            put_back(start)

    return Step(label, redo, undo)


def same_content(a, b) -> bool:
    """Whether two records (dataclasses, with their parts) hold the same values, row versions aside."""
    return _without_versions(asdict(a)) == _without_versions(asdict(b))


def _without_versions(value):
    if isinstance(value, dict):
        return {k: _without_versions(v) for k, v in value.items() if k != "row_version"}
    if isinstance(value, list | tuple):
        return [_without_versions(v) for v in value]
    return value


def version_to_expect(left: int | None, current: int | None, unchanged: Callable[[], bool]) -> int | None:
    """The version a replay (undo, redo) expects to find: the one the step left. When the record moved since,
    but holds exactly what the step left (a later step of the same stack changed it, then was undone), nothing
    newer would be erased: the current version is expected instead. ``unchanged()`` compares the contents."""
    if current is None or left is None or current == left:
        return left
    return current if unchanged() else left
