"""Financing lines of the actions."""

from __future__ import annotations

import copy

from crte_desktop.db.convert import from_cents, from_iso, to_cents, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.ids import claim_id
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import DecisionKind, FinancingCategory, FinancingStatus, PaymentKind
from crte_desktop.domain.financing import FinancingLine, Payment
from crte_desktop.domain.history import diff

_COLS = ("id, action_id, funder_id, scheme_id, category, year, planned_cents, requested_cents, granted_cents,"
         " paid_cents, status, filing_date, decision_date, decision_ref, comment, row_version,"
         " mesure_id, ds_number, decision_kind, works_start_date")


def _line(r) -> FinancingLine:
    return FinancingLine(id=r[0], action_id=r[1], funder_id=r[2], scheme_id=r[3],
                         category=FinancingCategory.from_code(r[4]), year=r[5], planned=from_cents(r[6]),
                         requested=from_cents(r[7]), granted=from_cents(r[8]), paid=from_cents(r[9]),
                         status=FinancingStatus.from_code(r[10]), filing_date=from_iso(r[11]),
                         decision_date=from_iso(r[12]), decision_ref=r[13], comment=r[14], row_version=r[15],
                         mesure_id=r[16], ds_number=r[17], decision_kind=DecisionKind.from_code(r[18]),
                         works_start_date=from_iso(r[19]))


def _payment(r) -> Payment:
    return Payment(id=r[0], kind=PaymentKind.from_code(r[1]), date=from_iso(r[2]), amount=from_cents(r[3]),
                   reference=r[4])


class FinancingRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    def for_action(self, action_id: int) -> list[FinancingLine]:
        rows = self.store.conn.execute(f"SELECT {_COLS} FROM financing WHERE action_id = ? ORDER BY position, id",
                                       (action_id,))
        lines = [_line(r) for r in rows]
        if lines:
            by_id = {line.id: line for line in lines}
            for r in self.store.conn.execute(
                    "SELECT p.id, p.kind, p.date, p.amount_cents, p.reference, p.financing_id FROM payment p"
                    " JOIN financing f ON f.id = p.financing_id WHERE f.action_id = ? ORDER BY p.position, p.id",
                    (action_id,)):
                by_id[r[5]].payments.append(_payment(r))
        return lines

    def for_contract(self, contract_id: int) -> dict[int, list[FinancingLine]]:
        """Every financing line of a contract's actions, by action (two queries, not two per action)."""
        by_action: dict[int, list[FinancingLine]] = {}
        by_id: dict[int, FinancingLine] = {}
        for r in self.store.conn.execute(
                f"SELECT {_COLS} FROM financing WHERE action_id IN"
                " (SELECT id FROM action WHERE contract_id = ?) ORDER BY action_id, position, id", (contract_id,)):
            line = by_id[r[0]] = _line(r)
            by_action.setdefault(line.action_id, []).append(line)
        for r in self.store.conn.execute(
                "SELECT p.id, p.kind, p.date, p.amount_cents, p.reference, p.financing_id FROM payment p"
                " JOIN financing f ON f.id = p.financing_id JOIN action a ON a.id = f.action_id"
                " WHERE a.contract_id = ? ORDER BY p.position, p.id", (contract_id,)):
            by_id[r[5]].payments.append(_payment(r))
        return by_action

    def get(self, line_id: int) -> FinancingLine | None:
        r = self.store.conn.execute(f"SELECT {_COLS} FROM financing WHERE id = ?", (line_id,)).fetchone()
        if not r:
            return None
        line = _line(r)
        line.payments = self.payments(line_id)
        return line

    def payments(self, line_id: int) -> list[Payment]:
        return [_payment(r) for r in self.store.conn.execute(
            "SELECT id, kind, date, amount_cents, reference FROM payment WHERE financing_id = ? ORDER BY position, id",
            (line_id,))]

    def _write_payments(self, line: FinancingLine) -> None:
        c = self.store.conn
        c.execute("DELETE FROM payment WHERE financing_id = ?", (line.id,))
        for i, p in enumerate(line.payments):
            p.id = c.execute(
                "INSERT INTO payment(financing_id, kind, date, amount_cents, reference, position, id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (line.id, p.kind.value, to_iso(p.date), to_cents(p.amount), p.reference, i, p.id)).lastrowid

    def readable(self, line: FinancingLine) -> FinancingLine:
        """A copy whose funder and scheme hold their names, for the history."""
        r = copy.copy(line)
        row = self.store.conn.execute("SELECT COALESCE(NULLIF(short_name, ''), name) FROM funder WHERE id = ?",
                                      (line.funder_id,)).fetchone()
        r.funder_id = row[0] if row else line.funder_id
        if line.scheme_id is not None:
            row = self.store.conn.execute("SELECT name FROM scheme WHERE id = ?", (line.scheme_id,)).fetchone()
            r.scheme_id = row[0] if row else line.scheme_id
        if line.mesure_id is not None:
            row = self.store.conn.execute("SELECT name FROM fonds_vert_mesure WHERE id = ?", (line.mesure_id,)).fetchone()
            r.mesure_id = row[0] if row else line.mesure_id
        r.payments = [str(p) for p in line.payments]
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
            line.ds_number = line.ds_number.strip()
            values = (action_id, line.funder_id, line.scheme_id, line.category.value, line.year, to_cents(line.planned),
                      to_cents(line.requested), to_cents(line.granted), to_cents(line.paid), line.status.value,
                      to_iso(line.filing_date), to_iso(line.decision_date), line.decision_ref, line.comment, position,
                      line.mesure_id, line.ds_number, line.decision_kind.value, to_iso(line.works_start_date))
            if before is None:
                line.id = c.execute(
                    "INSERT INTO financing(action_id, funder_id, scheme_id, category, year, planned_cents,"
                    " requested_cents, granted_cents, paid_cents, status, filing_date, decision_date, decision_ref,"
                    " comment, position, mesure_id, ds_number, decision_kind, works_start_date, id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values + (claim_id(c, "financing", line.id),)).lastrowid
                self._write_payments(line)
                self.history.record_event("financing", line.id, "ajout d'un financement", labels(line), action_id)
                changed = True
            else:
                changes = diff(self.readable(before), self.readable(line), skip=("id", "row_version", "action_id"))
                if changes:
                    c.execute(
                        "UPDATE financing SET action_id=?, funder_id=?, scheme_id=?, category=?, year=?, planned_cents=?,"
                        " requested_cents=?, granted_cents=?, paid_cents=?, status=?, filing_date=?, decision_date=?,"
                        " decision_ref=?, comment=?, position=?, mesure_id=?, ds_number=?, decision_kind=?,"
                        " works_start_date=?, row_version = row_version + 1 WHERE id=?",
                        values + (line.id,))
                    if before.payments != line.payments:
                        self._write_payments(line)
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
