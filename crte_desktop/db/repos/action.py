"""Actions (fiches actions) with their partners, communes and environmental assessment."""

from __future__ import annotations

import copy

from crte_desktop.db.convert import from_cents, from_iso, to_cents, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.ids import claim_id
from crte_desktop.db.store import Store
from crte_desktop.domain.action import Action, Assessment, full_assessment
from crte_desktop.domain.contract import Section, number_sections
from crte_desktop.domain.enums import ActionStatus, Phase, Priority, Rating, TaxonomyObjective

_COLS = ("id, contract_id, section_id, reference, title, description, objectives, owner_id, epci_id, start_date,"
         " end_date, total_cost_cents, status, progress, priority, inscription_year, notes, row_version,"
         " phase, adaptation, green_override, green_override_reason")


def _action(r) -> Action:
    return Action(id=r[0], contract_id=r[1], section_id=r[2], reference=r[3], title=r[4], description=r[5],
                  objectives=r[6], owner_id=r[7], epci_id=r[8], start_date=from_iso(r[9]), end_date=from_iso(r[10]),
                  total_cost=from_cents(r[11]), status=ActionStatus.from_code(r[12]), progress=r[13],
                  priority=Priority.from_code(r[14]), inscription_year=r[15], notes=r[16], row_version=r[17],
                  phase=Phase.from_code(r[18]) if r[18] else None, adaptation=bool(r[19]),
                  green_override=None if r[20] is None else bool(r[20]), green_override_reason=r[21])


class ActionRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    def get(self, action_id: int) -> Action | None:
        c = self.store.conn
        r = c.execute(f"SELECT {_COLS} FROM action WHERE id = ?", (action_id,)).fetchone()
        if not r:
            return None
        a = _action(r)
        a.partner_ids = [x[0] for x in c.execute(
            "SELECT organisation_id FROM action_partner WHERE action_id = ? ORDER BY rowid", (action_id,))]
        a.commune_ids = [x[0] for x in c.execute(
            "SELECT organisation_id FROM action_commune WHERE action_id = ? ORDER BY rowid", (action_id,))]
        a.lever_ids = self.lever_ids(action_id)
        return a

    def lever_ids(self, action_id: int) -> list[int]:
        """The action's SGPE levers, in the order of the reference list."""
        return [x[0] for x in self.store.conn.execute(
            "SELECT l.id FROM action_lever al JOIN sgpe_lever l ON l.id = al.lever_id WHERE al.action_id = ?"
            " ORDER BY l.position, l.id", (action_id,))]

    def for_contract(self, contract_id: int) -> list[Action]:
        rows = self.store.conn.execute(f"SELECT {_COLS} FROM action WHERE contract_id = ? ORDER BY reference",
                                       (contract_id,))
        return [_action(r) for r in rows]

    def all(self) -> list[Action]:
        return [_action(r) for r in self.store.conn.execute(f"SELECT {_COLS} FROM action ORDER BY contract_id, id")]

    def references(self, contract_id: int, except_id: int | None = None) -> set[str]:
        return {r[0] for r in self.store.conn.execute(
            "SELECT reference FROM action WHERE contract_id = ? AND id IS NOT ?", (contract_id, except_id))}

    def references_in_order(self, contract_id: int) -> list[str]:
        """The contract's references, oldest action first."""
        return [r[0] for r in self.store.conn.execute(
            "SELECT reference FROM action WHERE contract_id = ? ORDER BY id", (contract_id,))]

    def reference_ids(self, contract_id: int) -> dict[str, int]:
        """Reference → action id, for the contract's actions."""
        return dict(self.store.conn.execute("SELECT reference, id FROM action WHERE contract_id = ?", (contract_id,)))

    def find_by_reference(self, contract_id: int, reference: str) -> int | None:
        r = self.store.conn.execute("SELECT id FROM action WHERE contract_id = ? AND reference = ? COLLATE NOCASE",
                                    (contract_id, reference)).fetchone()
        return r[0] if r else None

    def save(self, a: Action) -> bool:
        """Insert or update (an id that does not exist yet is inserted with that id, for undo).

        Must run inside a transaction. Returns True when something changed."""
        c = self.store.conn
        a.reference, a.title = a.reference.strip(), a.title.strip()  # as stored, so the diff sees no phantom change
        old = self.get(a.id) if a.id is not None else None
        values = (a.contract_id, a.section_id, a.reference.strip(), a.title.strip(), a.description, a.objectives,
                  a.owner_id, a.epci_id, to_iso(a.start_date), to_iso(a.end_date), to_cents(a.total_cost),
                  a.status.value, a.progress, a.priority.value, a.inscription_year, a.notes,
                  a.phase.value if a.phase else None, int(a.adaptation),
                  None if a.green_override is None else int(a.green_override), a.green_override_reason)
        changes = self.history.record_diff("action", a.id, self.readable(old), self.readable(a),
                                           action_id=a.id) if old else 0
        if old is None:
            a.id = c.execute(
                "INSERT INTO action(contract_id, section_id, reference, title, description, objectives, owner_id,"
                " epci_id, start_date, end_date, total_cost_cents, status, progress, priority, inscription_year,"
                " notes, phase, adaptation, green_override, green_override_reason, id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values + (claim_id(c, "action", a.id),)).lastrowid
            self.history.record_event("action", a.id, "création", f"{a.reference} — {a.title}", action_id=a.id)
            changes = 1
        elif changes:
            c.execute(
                "UPDATE action SET contract_id=?, section_id=?, reference=?, title=?, description=?, objectives=?,"
                " owner_id=?, epci_id=?, start_date=?, end_date=?, total_cost_cents=?, status=?, progress=?,"
                " priority=?, inscription_year=?, notes=?, phase=?, adaptation=?, green_override=?,"
                " green_override_reason=?, row_version = row_version + 1 WHERE id=?",
                values + (a.id,))
            a.row_version = old.row_version + 1
        if old is None or set(old.partner_ids) != set(a.partner_ids):
            c.execute("DELETE FROM action_partner WHERE action_id = ?", (a.id,))
            c.executemany("INSERT OR IGNORE INTO action_partner(action_id, organisation_id) VALUES (?, ?)",
                          [(a.id, o) for o in a.partner_ids])
        if old is None or set(old.commune_ids) != set(a.commune_ids):
            c.execute("DELETE FROM action_commune WHERE action_id = ?", (a.id,))
            c.executemany("INSERT OR IGNORE INTO action_commune(action_id, organisation_id) VALUES (?, ?)",
                          [(a.id, o) for o in a.commune_ids])
        if old is None or set(old.lever_ids) != set(a.lever_ids):
            c.execute("DELETE FROM action_lever WHERE action_id = ?", (a.id,))
            c.executemany("INSERT OR IGNORE INTO action_lever(action_id, lever_id) VALUES (?, ?)",
                          [(a.id, lever) for lever in a.lever_ids])
        return bool(changes)

    def version(self, action_id: int) -> int | None:
        """The stored version of the action (None when it does not exist)."""
        r = self.store.conn.execute("SELECT row_version FROM action WHERE id = ?", (action_id,)).fetchone()
        return r[0] if r else None

    def bump_version(self, action_id: int) -> int:
        """A change to the fiche outside the action's own row (financing, indicators…): a new version."""
        c = self.store.conn
        c.execute("UPDATE action SET row_version = row_version + 1 WHERE id = ?", (action_id,))
        return self.version(action_id) or 0

    def readable(self, a: Action) -> Action:
        """A copy whose id fields hold what the user reads (names, section code), for the history."""
        r = copy.copy(a)
        org_ids = {a.owner_id, a.epci_id, *a.partner_ids, *a.commune_ids} - {None}
        names = {}
        if org_ids:
            marks = ",".join("?" * len(org_ids))
            names = dict(self.store.conn.execute(
                f"SELECT id, COALESCE(NULLIF(short_name, ''), name) FROM organisation WHERE id IN ({marks})",
                tuple(org_ids)))
        r.owner_id = names.get(a.owner_id, a.owner_id)
        r.epci_id = names.get(a.epci_id, a.epci_id)
        # sets of names, sorted: ticking the same organisations in another order is no change
        r.partner_ids = sorted(str(names.get(i, i)) for i in a.partner_ids)
        r.commune_ids = sorted(str(names.get(i, i)) for i in a.commune_ids)
        if a.lever_ids:
            marks = ",".join("?" * len(a.lever_ids))
            levers = dict(self.store.conn.execute(f"SELECT id, name FROM sgpe_lever WHERE id IN ({marks})",
                                                  tuple(a.lever_ids)))
            r.lever_ids = sorted(str(levers.get(i, i)) for i in a.lever_ids)
        else:
            r.lever_ids = []
        r.green_override = {None: "calculé", True: "favorable", False: "non favorable"}[a.green_override]
        if a.section_id is not None:
            section = next((s for s in number_sections(self._sections(a.contract_id)) if s.id == a.section_id), None)
            r.section_id = f"{section.code} {section.title}" if section else a.section_id
        return r

    def _sections(self, contract_id: int) -> list[Section]:
        return [Section(id=x[0], contract_id=contract_id, parent_id=x[1], position=x[2], title=x[3])
                for x in self.store.conn.execute(
                    "SELECT id, parent_id, position, title FROM section WHERE contract_id = ?", (contract_id,))]

    def delete(self, action_id: int) -> None:
        """Must run inside a transaction. Financing, indicators and assessment go with it."""
        a = self.get(action_id)
        self.store.conn.execute("DELETE FROM action WHERE id = ?", (action_id,))
        if a:
            self.history.record_event("action", action_id, "suppression", f"{a.reference} — {a.title}", action_id=action_id)

    # -- environmental assessment ---------------------------------------------------------------
    def assessment(self, action_id: int) -> list[Assessment]:
        rows = self.store.conn.execute("SELECT objective, rating, comment FROM assessment WHERE action_id = ?",
                                       (action_id,))
        return full_assessment([Assessment(TaxonomyObjective.from_code(r[0]), Rating.from_code(r[1]), r[2]) for r in rows])

    def save_assessment(self, action_id: int, items: list[Assessment]) -> bool:
        """Must run inside a transaction. Returns True when something changed."""
        old = {a.objective: a for a in self.assessment(action_id)}
        changes = []
        for item in full_assessment(items):
            before = old[item.objective]
            if (before.rating, before.comment) != (item.rating, item.comment):
                changes.append((f"évaluation : {item.objective.label}",
                                f"{before.rating.label} {before.comment}".strip(),
                                f"{item.rating.label} {item.comment}".strip()))
                self.store.conn.execute(
                    "INSERT INTO assessment(action_id, objective, rating, comment) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT(action_id, objective) DO UPDATE SET rating = excluded.rating, comment = excluded.comment",
                    (action_id, item.objective.value, item.rating.value, item.comment))
        self.history.record("assessment", action_id, changes, action_id=action_id)
        return bool(changes)
