"""Financing lines of the actions."""

from __future__ import annotations

import copy

from crte_desktop.db.convert import from_cents, from_iso, to_cents, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.ids import claim_id
from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.history import diff

_COLS = ("id, action_id, funder_id, scheme_id, category, year, planned_cents, requested_cents, granted_cents,"
         " paid_cents, status, filing_date, decision_date, decision_ref, comment, row_version")


def _line(r) -> FinancingLine:
    return FinancingLine(id=r[0], action_id=r[1], funder_id=r[2], scheme_id=r[3],
                         category=FinancingCategory.from_code(r[4]), year=r[5], planned=from_cents(r[6]),
                         requested=from_cents(r[7]), granted=from_cents(r[8]), paid=from_cents(r[9]),
                         status=FinancingStatus.from_code(r[10]), filing_date=from_iso(r[11]),
                         decision_date=from_iso(r[12]), decision_ref=r[13], comment=r[14], row_version=r[15])


class FinancingRepository:
    def __init__(self, store):
        self.store = store
        self.history = HistoryRepository(store)

    def for_action(self, action_id: int) -> list[FinancingLine]:
        rows = self.store.conn.execute(f"SELECT {_COLS} FROM financing WHERE action_id = ? ORDER BY position, id",
                                       (action_id,))
        return [_line(r) for r in rows]

    def get(self, line_id: int) -> FinancingLine | None:
        r = self.store.conn.execute(f"SELECT {_COLS} FROM financing WHERE id = ?", (line_id,)).fetchone()
        return _line(r) if r else None

    def readable(self, line: FinancingLine) -> FinancingLine:
        """A copy whose funder and scheme hold their names, for the history."""
        r = copy.copy(line)
        row = self.store.conn.execute("SELECT COALESCE(NULLIF(short_name, ''), name) FROM funder WHERE id = ?",
                                      (line.funder_id,)).fetchone()
        r.funder_id = row[0] if row else line.funder_id
        if line.scheme_id is not None:
            row = self.store.conn.execute("SELECT name FROM scheme WHERE id = ?", (line.scheme_id,)).fetchone()
            r.scheme_id = row[0] if row else line.scheme_id
        return r

    def replace_for_action(self, action_id: int, lines: list[FinancingLine], labels) -> bool:
        """Make the action's lines exactly ``lines``: update those with a known id, insert the others
        (keeping a given id, for undo), delete the missing ones. Must run inside a transaction.

        ``labels(line)`` names a line in the history ("État / DSIL 2021")."""
        c = self.store.conn
        old = {l.id: l for l in self.for_action(action_id)}
        changed = False
        keep = set()
        for position, line in enumerate(lines):
            line.action_id = action_id
            before = old.get(line.id) if line.id is not None else None
            values = (action_id, line.funder_id, line.scheme_id, line.category.value, line.year, to_cents(line.planned),
                      to_cents(line.requested), to_cents(line.granted), to_cents(line.paid), line.status.value,
                      to_iso(line.filing_date), to_iso(line.decision_date), line.decision_ref, line.comment, position)
            if before is None:
                line.id = c.execute(
                    "INSERT INTO financing(action_id, funder_id, scheme_id, category, year, planned_cents,"
                    " requested_cents, granted_cents, paid_cents, status, filing_date, decision_date, decision_ref,"
                    " comment, position, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values + (claim_id(c, "financing", line.id),)).lastrowid
                self.history.record_event("financing", line.id, "ajout d'un financement", labels(line), action_id)
                changed = True
            else:
                changes = diff(self.readable(before), self.readable(line), skip=("id", "row_version", "action_id"))
                if changes:
                    c.execute(
                        "UPDATE financing SET action_id=?, funder_id=?, scheme_id=?, category=?, year=?, planned_cents=?,"
                        " requested_cents=?, granted_cents=?, paid_cents=?, status=?, filing_date=?, decision_date=?,"
                        " decision_ref=?, comment=?, position=?, row_version = row_version + 1 WHERE id=?",
                        values + (line.id,))
                    line.row_version = before.row_version + 1
                    self.history.record("financing", line.id,
                                        [(f"{labels(line)} : {f}", o, n) for f, o, n in changes], action_id)
                    changed = True
                else:
                    c.execute("UPDATE financing SET position = ? WHERE id = ?", (position, line.id))
            keep.add(line.id)
        for line_id, line in old.items():
            if line_id not in keep:
                c.execute("DELETE FROM financing WHERE id = ?", (line_id,))
                self.history.record_event("financing", line_id, "suppression d'un financement", labels(line), action_id)
                changed = True
        return changed
