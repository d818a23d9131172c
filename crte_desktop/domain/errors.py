"""Errors raised by the domain with a message meant for the user (in French)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it concerns, a French message, and its severity.

    ``level`` is "error" (the record cannot be saved) or "warning" (saved, but flagged).
    """

    field: str
    message: str
    level: str = "error"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


class DomainError(ValueError):
    """A user-facing refusal. ``str(err)`` is a complete French sentence."""


class ValidationError(DomainError):
    """Raised when a record breaks one or more rules; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.is_error]
        super().__init__("\n".join(p.message for p in self.problems) or "Données invalides.")
