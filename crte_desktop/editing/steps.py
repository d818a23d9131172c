"""Undo without Qt: one user action as a ``Step`` — its label, what runs it again and what puts it back.

Each service builds the step of its own operations next to them (the inverse, or the snapshot it restores:
``ActionService.save_step``, ``meetings.restore.meeting_step``, ``excel.import_apply.import_step``…). The
operation itself runs first, through the same service: a refusal (DomainError) reaches the caller and no
step exists. The one Qt adapter (views/shell/undo.py) puts the step on the QUndoStack; ``redo`` and
``undo`` then call the same service methods as the first run. See docs/architecture.md, "Undo".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    label: str  # French, as the Edit menu shows it after « Annuler » / « Rétablir »
    redo: Callable[[], object]
    undo: Callable[[], object]

