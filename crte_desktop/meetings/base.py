"""What the meeting services share: the change notice and the refusal of broken rules."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.domain.errors import Problem, ValidationError

COMMITTEES = "committees"
MEETINGS = "meetings"


def meeting_changes(meeting_id: int, actions: set[int] | None = None) -> Changes:
    """Changes touching one meeting: views showing meetings refresh on "meetings" or "meeting:<id>"."""
    return Changes(actions=set(actions or ()), extra={MEETINGS, f"meeting:{meeting_id}"})


def committee_changes(committee_id: int) -> Changes:
    return Changes(extra={COMMITTEES, f"committee:{committee_id}", MEETINGS})


def refuse(problems: list[Problem]) -> None:
    """Raise a ValidationError carrying every error (warnings do not block)."""
    if any(p.is_error for p in problems):
        raise ValidationError(problems)
