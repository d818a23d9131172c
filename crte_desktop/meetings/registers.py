"""The decisions register and the follow-ups list across all the meetings of a contract (filterable)."""

from __future__ import annotations

from datetime import date

from crte_desktop.db.queries.meeting import DecisionRow, FollowUpRow, decisions_register, follow_up_rows

__all__ = ["DecisionRow", "FollowUpRow", "decisions_register", "follow_ups", "overdue_follow_ups"]


def follow_ups(conn_or_store, contract_id: int, *, today: date | None = None, **filters) -> list[FollowUpRow]:
    """Follow-ups of the contract's meetings; filters: committee_id, done, overdue_only, owner, search,
    due_before. Overdue ones (past due, not done) have ``is_overdue``."""
    return follow_up_rows(conn_or_store, contract_id, today=today or date.today(), **filters)


def overdue_follow_ups(conn_or_store, contract_id: int, today: date | None = None) -> list[FollowUpRow]:
    return follow_ups(conn_or_store, contract_id, today=today, overdue_only=True)
