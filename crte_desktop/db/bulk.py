"""Fast inserts of many new records at once, with ``executemany`` (benchmark workspaces, large imports).

Each function takes new domain objects (``id`` None), gives them their ids and inserts them with their
dependent rows. The caller holds the transaction (``with store.transaction():``). Unlike the repositories
these functions write no history and check no rule: validate before calling them.
"""

from __future__ import annotations

import sqlite3

from crte_desktop.db.convert import to_cents, to_iso
from crte_desktop.db.ids import reserve_ids
from crte_desktop.db.store import Store
from crte_desktop.domain.action import Action
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator


def _assign_ids(conn: sqlite3.Connection, table: str, records: list) -> None:
    """Give the records new ids from the id sequence: an id once given (then deleted) is never given again."""
    for new_id, record in zip(reserve_ids(conn, table, len(records)), records, strict=True):
        record.id = new_id


def insert_organisations(store: Store, organisations: list[Organisation]) -> None:
    """Insert organisations in list order: an EPCI must come before the communes that point to it."""
    conn = store.conn
    _assign_ids(conn, "organisation", organisations)
    conn.executemany(
        "INSERT INTO organisation(id, name, short_name, kind, epci_id, address, email, phone, siret, insee_code)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(o.id, o.name, o.short_name, o.kind.value, o.epci_id, o.address, o.email, o.phone, o.siret, o.insee_code)
         for o in organisations])


def insert_actions(store: Store, actions: list[Action]) -> None:
    """Insert actions with their partners and communes."""
    conn = store.conn
    _assign_ids(conn, "action", actions)
    conn.executemany(
        "INSERT INTO action(id, contract_id, section_id, reference, title, description, objectives, owner_id,"
        " epci_id, start_date, end_date, total_cost_cents, status, progress, priority, inscription_year, notes,"
        " phase, adaptation, green_override, green_override_reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a.id, a.contract_id, a.section_id, a.reference, a.title, a.description, a.objectives, a.owner_id,
          a.epci_id, to_iso(a.start_date), to_iso(a.end_date), to_cents(a.total_cost), a.status.value, a.progress,
          a.priority.value, a.inscription_year, a.notes, a.phase.value if a.phase else None, int(a.adaptation),
          None if a.green_override is None else int(a.green_override), a.green_override_reason) for a in actions])
    conn.executemany("INSERT INTO action_lever(action_id, lever_id) VALUES (?, ?)",
                     [(a.id, lever) for a in actions for lever in a.lever_ids])
    conn.executemany("INSERT INTO action_partner(action_id, organisation_id) VALUES (?, ?)",
                     [(a.id, o) for a in actions for o in a.partner_ids])
    conn.executemany("INSERT INTO action_commune(action_id, organisation_id) VALUES (?, ?)",
                     [(a.id, o) for a in actions for o in a.commune_ids])


def insert_financing(store: Store, lines: list[FinancingLine]) -> None:
    """Insert financing lines; each line's ``action_id`` must be set. Positions follow list order per action."""
    conn = store.conn
    _assign_ids(conn, "financing", lines)
    positions: dict[int, int] = {}
    rows = []
    for line in lines:
        position = positions.get(line.action_id, 0)
        positions[line.action_id] = position + 1
        rows.append((line.id, line.action_id, line.funder_id, line.scheme_id, line.category.value, line.year,
                     to_cents(line.planned), to_cents(line.requested), to_cents(line.granted), to_cents(line.paid),
                     line.status.value, to_iso(line.filing_date), to_iso(line.decision_date), line.decision_ref,
                     line.comment, position, line.mesure_id, line.ds_number, line.decision_kind.value,
                     to_iso(line.works_start_date)))
    conn.executemany(
        "INSERT INTO financing(id, action_id, funder_id, scheme_id, category, year, planned_cents, requested_cents,"
        " granted_cents, paid_cents, status, filing_date, decision_date, decision_ref, comment, position,"
        " mesure_id, ds_number, decision_kind, works_start_date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    payments = [p for line in lines for p in line.payments]
    _assign_ids(conn, "payment", payments)
    conn.executemany(
        "INSERT INTO payment(id, financing_id, kind, date, amount_cents, reference, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(p.id, line.id, p.kind.value, to_iso(p.date), to_cents(p.amount), p.reference, i)
         for line in lines for i, p in enumerate(line.payments)])


def insert_indicators(store: Store, indicators: list[Indicator]) -> None:
    """Insert indicators with their measurements."""
    conn = store.conn
    _assign_ids(conn, "indicator", indicators)
    positions: dict[int | None, int] = {}
    rows = []
    for ind in indicators:
        position = positions.get(ind.action_id, 0)
        positions[ind.action_id] = position + 1
        rows.append((ind.id, ind.contract_id, ind.action_id, ind.section_id, ind.name, ind.unit, ind.baseline,
                     ind.target, to_iso(ind.due_date), position))
    conn.executemany(
        "INSERT INTO indicator(id, contract_id, action_id, section_id, name, unit, baseline, target, due_date,"
        " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    measurements = [m for ind in indicators for m in ind.measurements]
    _assign_ids(conn, "measurement", measurements)
    conn.executemany(
        "INSERT INTO measurement(id, indicator_id, date, value, comment) VALUES (?, ?, ?, ?, ?)",
        [(m.id, ind.id, to_iso(m.date), m.value, m.comment) for ind in indicators for m in ind.measurements])


def spread_owners(store: Store, contract_id: int, owner_ids: list[int]) -> None:
    """Give the contract's actions to ``owner_ids`` in turn (benchmark: a campaign with that many owners)."""
    conn = store.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM action WHERE contract_id = ? ORDER BY id", (contract_id,))]
    conn.executemany("UPDATE action SET owner_id = ? WHERE id = ?",
                     [(owner_ids[i % len(owner_ids)], action_id) for i, action_id in enumerate(ids)])
