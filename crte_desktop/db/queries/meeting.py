"""Read-only queries across meetings: the list of meetings, the decisions register, the follow-ups list and
the counts behind the cadence rule. Each takes a connection (the store's, or a reader in a worker thread)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from crte_desktop.db.convert import from_iso, to_iso
from crte_desktop.db.repos.meeting_minutes import decision_from_row, follow_up_from_row
from crte_desktop.db.repos.meeting import time_from_text
from crte_desktop.domain.meetings import (
    CommitteeKind, Decision, DecisionEffect, DecisionOutcome, FollowUp, LinkedAction, MeetingStatus, MinutesStatus,
)
from crte_desktop.domain.text import fold


@dataclass
class MeetingRow:
    id: int
    contract_id: int
    contract_name: str
    committee_id: int
    committee_name: str
    committee_kind: CommitteeKind
    date: date
    start_time: object
    place: str
    status: MeetingStatus
    minutes_status: MinutesStatus

    @property
    def committee_label(self) -> str:
        return self.committee_kind.label if self.committee_kind is not CommitteeKind.OTHER else self.committee_name


@dataclass
class DecisionRow:
    """A decision with the meeting and committee it belongs to."""

    decision: Decision
    meeting_id: int
    meeting_date: date
    committee_id: int
    committee_label: str
    actions: list[LinkedAction] = field(default_factory=list)


@dataclass
class FollowUpRow:
    follow_up: FollowUp
    meeting_date: date
    committee_id: int
    committee_label: str
    decision_number: int | None
    is_overdue: bool = False


def _conn(conn_or_store) -> sqlite3.Connection:
    return getattr(conn_or_store, "conn", conn_or_store)


_COMMITTEE_LABEL = "CASE WHEN c.kind = 'autre' THEN c.name WHEN c.kind = 'copil' THEN 'COPIL' ELSE 'COTECH' END"


def meeting_rows(conn_or_store, contract_id: int | None = None, committee_id: int | None = None) -> list[MeetingRow]:
    """Every meeting (of a contract, of a committee), by date."""
    where, params = [], []
    if contract_id is not None:
        where.append("c.contract_id = ?")
        params.append(contract_id)
    if committee_id is not None:
        where.append("c.id = ?")
        params.append(committee_id)
    sql = ("SELECT m.id, c.contract_id, k.name, c.id, c.name, c.kind, m.date, m.start_time, m.place, m.status,"
           " m.minutes_status FROM meeting m JOIN committee c ON c.id = m.committee_id"
           " JOIN contract k ON k.id = c.contract_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY m.date, m.start_time, m.id"
    return [MeetingRow(r[0], r[1], r[2], r[3], r[4], CommitteeKind.from_code(r[5]), from_iso(r[6]),
                       time_from_text(r[7]), r[8], MeetingStatus.from_code(r[9]), MinutesStatus.from_code(r[10]))
            for r in _conn(conn_or_store).execute(sql, params)]


def decisions_register(conn_or_store, contract_id: int, *, committee_id: int | None = None,
                       outcome: DecisionOutcome | None = None, effect: DecisionEffect | None = None,
                       year: int | None = None, action_id: int | None = None, search: str = "",
                       applied: bool | None = None) -> list[DecisionRow]:
    """The decisions of all the contract's meetings, newest meeting first, filtered."""
    conn = _conn(conn_or_store)
    where, params = ["c.contract_id = ?"], [contract_id]
    if committee_id is not None:
        where.append("c.id = ?")
        params.append(committee_id)
    if outcome is not None:
        where.append("d.outcome = ?")
        params.append(outcome.value)
    if effect is not None:
        where.append("d.effect = ?")
        params.append(effect.value)
    if year is not None:
        where.append("substr(m.date, 1, 4) = ?")
        params.append(f"{year:04d}")
    if action_id is not None:
        where.append("d.id IN (SELECT decision_id FROM decision_action WHERE action_id = ?)")
        params.append(action_id)
    if search.strip():
        where.append("(fold(d.text) LIKE ? OR d.id IN (SELECT decision_id FROM decision_action"
                     " WHERE fold(action_label) LIKE ?))")
        params += [f"%{fold(search.strip())}%"] * 2
    if applied is not None:
        where.append("d.applied_on IS NOT NULL" if applied else "d.applied_on IS NULL")
    rows = conn.execute(
        "SELECT d.id, d.meeting_id, d.agenda_item_id, d.number, d.text, d.outcome, d.effect, d.applied_on,"
        f" m.date, c.id, {_COMMITTEE_LABEL} FROM decision d JOIN meeting m ON m.id = d.meeting_id"
        f" JOIN committee c ON c.id = m.committee_id WHERE {' AND '.join(where)}"
        " ORDER BY m.date DESC, m.id DESC, d.number", params).fetchall()
    result = [DecisionRow(decision_from_row(r[:8]), r[1], from_iso(r[8]), r[9], r[10]) for r in rows]
    links: dict[int, list[LinkedAction]] = {}
    ids = [row.decision.id for row in result]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for did, aid, label in conn.execute(
                f"SELECT decision_id, action_id, action_label FROM decision_action WHERE decision_id IN ({marks})"
                " ORDER BY position, id", chunk):
            links.setdefault(did, []).append(LinkedAction(aid, label))
    for row in result:
        row.decision.actions = row.actions = links.get(row.decision.id, [])
    return result


def follow_up_rows(conn_or_store, contract_id: int, *, today: date, committee_id: int | None = None,
                   done: bool | None = None, overdue_only: bool = False, owner: str = "", search: str = "",
                   due_before: date | None = None) -> list[FollowUpRow]:
    """The follow-ups of all the contract's meetings, by due date (undated last), overdue ones flagged."""
    where, params = ["c.contract_id = ?"], [contract_id]
    if committee_id is not None:
        where.append("c.id = ?")
        params.append(committee_id)
    if done is not None:
        where.append("f.done = ?")
        params.append(int(done))
    if overdue_only:
        where.append("f.done = 0 AND f.due_date IS NOT NULL AND f.due_date < ?")
        params.append(to_iso(today))
    if owner.strip():
        where.append("fold(f.owner) LIKE ?")
        params.append(f"%{fold(owner.strip())}%")
    if search.strip():
        where.append("fold(f.text) LIKE ?")
        params.append(f"%{fold(search.strip())}%")
    if due_before is not None:
        where.append("f.due_date IS NOT NULL AND f.due_date <= ?")
        params.append(to_iso(due_before))
    rows = _conn(conn_or_store).execute(
        "SELECT f.id, f.meeting_id, f.decision_id, f.agenda_item_id, f.text, f.owner, f.due_date, f.done, f.done_on,"
        f" f.position, m.date, c.id, {_COMMITTEE_LABEL}, d.number FROM follow_up f"
        " JOIN meeting m ON m.id = f.meeting_id JOIN committee c ON c.id = m.committee_id"
        f" LEFT JOIN decision d ON d.id = f.decision_id WHERE {' AND '.join(where)}"
        " ORDER BY f.done, f.due_date IS NULL, f.due_date, m.date, f.position, f.id", params)
    result = []
    for r in rows:
        fu = follow_up_from_row(r[:10])
        result.append(FollowUpRow(fu, from_iso(r[10]), r[11], r[12], r[13], fu.is_overdue(today)))
    return result

