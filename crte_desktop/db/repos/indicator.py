"""Indicators and their dated measurements."""

from __future__ import annotations

from crte_desktop.db.convert import from_iso, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.ids import claim_id
from crte_desktop.domain.history import diff, display_value
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.db.store import Store

_COLS = "id, contract_id, action_id, section_id, name, unit, baseline, target, due_date, row_version"


class IndicatorRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    def _load(self, rows) -> list[Indicator]:
        items = [Indicator(id=r[0], contract_id=r[1], action_id=r[2], section_id=r[3], name=r[4], unit=r[5],
                           baseline=r[6], target=r[7], due_date=from_iso(r[8]), row_version=r[9]) for r in rows]
        by_id = {i.id: i for i in items}
        if by_id:
            marks = ",".join("?" * len(by_id))
            for r in self.store.conn.execute(
                    f"SELECT id, indicator_id, date, value, comment FROM measurement WHERE indicator_id IN ({marks})"
                    " ORDER BY date", tuple(by_id)):
                by_id[r[1]].measurements.append(Measurement(id=r[0], date=from_iso(r[2]), value=r[3], comment=r[4]))
        return items

    def for_action(self, action_id: int) -> list[Indicator]:
        return self._load(self.store.conn.execute(
            f"SELECT {_COLS} FROM indicator WHERE action_id = ? ORDER BY position, id", (action_id,)).fetchall())

    def for_contract(self, contract_id: int) -> list[Indicator]:
        return self._load(self.store.conn.execute(
            f"SELECT {_COLS} FROM indicator WHERE contract_id = ? ORDER BY action_id, position, id",
            (contract_id,)).fetchall())

    def replace_for_action(self, contract_id: int, action_id: int, indicators: list[Indicator]) -> bool:
        """Make the action's indicators (and their measurements) exactly ``indicators``.
        Must run inside a transaction."""
        c = self.store.conn
        old = {i.id: i for i in self.for_action(action_id)}
        changed = False
        keep = set()
        for position, ind in enumerate(indicators):
            ind.action_id, ind.contract_id = action_id, contract_id
            before = old.get(ind.id) if ind.id is not None else None
            values = (contract_id, action_id, ind.section_id, ind.name.strip(), ind.unit, ind.baseline, ind.target,
                      to_iso(ind.due_date), position)
            if before is None:
                ind.id = c.execute(
                    "INSERT INTO indicator(contract_id, action_id, section_id, name, unit, baseline, target, due_date,"
                    " position, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values + (claim_id(c, "indicator", ind.id),)).lastrowid
                self.history.record_event("indicator", ind.id, "ajout d'un indicateur", ind.name, action_id)
                changed = True
            else:
                changes = diff(before, ind, skip=("id", "row_version", "action_id", "contract_id", "measurements"))
                if changes or before.measurements != ind.measurements:
                    c.execute("UPDATE indicator SET contract_id=?, action_id=?, section_id=?, name=?, unit=?, baseline=?,"
                              " target=?, due_date=?, position=?, row_version = row_version + 1 WHERE id=?",
                              values + (ind.id,))
                    ind.row_version = before.row_version + 1
                    changed = True
                else:
                    c.execute("UPDATE indicator SET position = ? WHERE id = ?", (position, ind.id))
                self.history.record("indicator", ind.id, [(f"{ind.name} : {f}", o, n) for f, o, n in changes], action_id)
            self._replace_measurements(ind, before, action_id)
            keep.add(ind.id)
        for ind_id, ind in old.items():
            if ind_id not in keep:
                c.execute("DELETE FROM indicator WHERE id = ?", (ind_id,))
                self.history.record_event("indicator", ind_id, "suppression d'un indicateur", ind.name, action_id)
                changed = True
        return changed

    def _replace_measurements(self, ind: Indicator, before: Indicator | None, action_id: int) -> None:
        old = {(m.date, m.value, m.comment) for m in (before.measurements if before else [])}
        new = {(m.date, m.value, m.comment) for m in ind.measurements}
        if old == new:
            return
        c = self.store.conn
        c.execute("DELETE FROM measurement WHERE indicator_id = ?", (ind.id,))
        for m in sorted(ind.measurements, key=lambda m: m.date):
            m.id = c.execute("INSERT INTO measurement(indicator_id, date, value, comment) VALUES (?, ?, ?, ?)",
                             (ind.id, to_iso(m.date), m.value, m.comment)).lastrowid
        def fmt(items):
            return "; ".join(f"{d.strftime('%d/%m/%Y')} = {display_value(v)}" for d, v, _ in sorted(items))
        self.history.record("indicator", ind.id, [(f"{ind.name} : mesures", fmt(old) or None, fmt(new) or None)], action_id)
