"""The decisions register and the follow-ups list across all the meetings of a contract (filterable).

``Workspace.registers`` (a ``Registers``) is how the window reads them; the functions are the same reading
for the modules of ``meetings/`` (the pack)."""

from __future__ import annotations

from datetime import date

from crte_desktop.db.store import Store
from crte_desktop.db.queries.meeting import DecisionRow, FollowUpRow, decisions_register, follow_up_rows

__all__ = ["DecisionRow", "FollowUpRow", "Registers", "decisions_register", "follow_ups", "overdue_follow_ups"]


def follow_ups(store: Store, contract_id: int, *, today: date | None = None, **filters) -> list[FollowUpRow]:
    """Follow-ups of the contract's meetings; filters: committee_id, done, overdue_only, owner, search,
    due_before. Overdue ones (past due, not done) have ``is_overdue``."""
    return follow_up_rows(store, contract_id, today=today or date.today(), **filters)


def overdue_follow_ups(store: Store, contract_id: int, today: date | None = None) -> list[FollowUpRow]:
    return follow_ups(store, contract_id, today=today, overdue_only=True)


class Registers:
    """The registers of the open workspace; ``today`` (None: the real date) tells which follow-ups are late."""

    def __init__(self, store: Store, today: date | None = None):
        self.store = store
        self.today = today

    def decisions(self, contract_id: int, **filters) -> list[DecisionRow]:
        """Decisions of the contract's meetings; filters as ``db.queries.meeting.decisions_register``."""
        return decisions_register(self.store, contract_id, **filters)

    def follow_ups(self, contract_id: int, **filters) -> list[FollowUpRow]:
        return follow_ups(self.store, contract_id, today=self.today, **filters)

    def overdue_follow_ups(self, contract_id: int) -> list[FollowUpRow]:
        return overdue_follow_ups(self.store, contract_id, self.today)
