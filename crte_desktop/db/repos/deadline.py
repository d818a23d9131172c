"""Deposit deadlines per scheme and department (reference data of the calendar of obligations)."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import Problem, ValidationError
from crte_desktop.domain.obligations import DepositDeadline, deadline_problems


_COLUMNS = "id, scheme_id, department, month, day, note"


def _deadline(r) -> DepositDeadline:
    return DepositDeadline(r[1], r[3], r[4], r[2], r[5], id=r[0])


class DeadlineRepository:
    def __init__(self, store: Store):
        self.store = store

    def all(self) -> list[DepositDeadline]:
        return [_deadline(r) for r in self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM deposit_deadline ORDER BY month, day, id")]

    def get(self, deadline_id: int | None) -> DepositDeadline | None:
        if deadline_id is None:
            return None
        r = self.store.conn.execute(f"SELECT {_COLUMNS} FROM deposit_deadline WHERE id = ?", (deadline_id,)).fetchone()
        return _deadline(r) if r else None

    def restore(self, d: DepositDeadline) -> Changes:
        """Put ``d`` back as it was read, with its id (undo of a change or of a deletion)."""
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO deposit_deadline(id, scheme_id, department, month, day, note) VALUES"
                         " (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET scheme_id = excluded.scheme_id,"
                         " department = excluded.department, month = excluded.month, day = excluded.day,"
                         " note = excluded.note", (d.id, d.scheme_id, d.department, d.month, d.day, d.note))
        return self.store.notify(Changes(reference=True))

    def save(self, d: DepositDeadline) -> Changes:
        """Validate and save; a second deadline for the same scheme and department is refused in French."""
        d.department = (d.department or "").strip().upper()
        d.note = (d.note or "").strip()
        problems = deadline_problems(d)
        if problems:
            raise ValidationError(problems)
        with self.store.transaction() as conn:
            taken = conn.execute("SELECT 1 FROM deposit_deadline WHERE scheme_id = ? AND department = ? AND id IS NOT ?",
                                 (d.scheme_id, d.department, d.id)).fetchone()
            if taken:
                where = f"le département {d.department}" if d.department else "tous les départements"
                raise ValidationError([Problem("department", f"Ce dispositif a déjà une date limite pour {where}.")])
            if d.id is None:
                d.id = conn.execute("INSERT INTO deposit_deadline(scheme_id, department, month, day, note)"
                                    " VALUES (?, ?, ?, ?, ?)", (d.scheme_id, d.department, d.month, d.day,
                                                                d.note)).lastrowid
            else:
                conn.execute("UPDATE deposit_deadline SET scheme_id = ?, department = ?, month = ?, day = ?,"
                             " note = ? WHERE id = ?", (d.scheme_id, d.department, d.month, d.day, d.note, d.id))
        return self.store.notify(Changes(reference=True))

    def delete(self, deadline_id: int) -> Changes:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM deposit_deadline WHERE id = ?", (deadline_id,))
        return self.store.notify(Changes(reference=True))
