"""Contracts, their amendments, signatories and section trees."""

from __future__ import annotations

import base64
import uuid

from crte_desktop.db.changes import Changes
from crte_desktop.db.convert import dumps, from_iso, loads, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.contract import Amendment, Contract, Section, Signatory, number_sections
from crte_desktop.domain.enums import ContractGeneration

_CONTRACT_COLS = ("id, uuid, name, title, territory, signature_date, start_year, duration_years, level_names, description,"
                  " id_crte, generation")


def _logo_key(contract_id: int) -> str:
    return f"contract_logo:{contract_id}"


def _contract(r) -> Contract:
    return Contract(id=r[0], uuid=r[1], name=r[2], title=r[3], territory=r[4], signature_date=from_iso(r[5]),
                    start_year=r[6], duration_years=r[7], level_names=loads(r[8], []), description=r[9],
                    id_crte=r[10], generation=ContractGeneration.from_code(r[11]))


class ContractRepository:
    def __init__(self, store):
        self.store = store
        self.history = HistoryRepository(store)

    # -- contracts -----------------------------------------------------------------------------
    def contracts(self) -> list[Contract]:
        return [_contract(r) for r in self.store.conn.execute(f"SELECT {_CONTRACT_COLS} FROM contract ORDER BY id")]

    def contract(self, contract_id: int) -> Contract | None:
        r = self.store.conn.execute(f"SELECT {_CONTRACT_COLS} FROM contract WHERE id = ?", (contract_id,)).fetchone()
        return _contract(r) if r else None

    def save_contract(self, contract: Contract) -> Changes:
        with self.store.transaction() as c:
            contract.name = contract.name.strip()  # as stored, so the diff sees no phantom change
            contract.id_crte = contract.id_crte.strip()
            old = self.contract(contract.id) if contract.id is not None else None
            values = (contract.name.strip(), contract.title, contract.territory, to_iso(contract.signature_date),
                      contract.start_year, contract.duration_years, dumps(contract.level_names), contract.description,
                      contract.id_crte, contract.generation.value)
            if old is None:
                contract.uuid = contract.uuid or str(uuid.uuid4())
                contract.id = c.execute(
                    "INSERT INTO contract(name, title, territory, signature_date, start_year, duration_years,"
                    " level_names, description, id_crte, generation, uuid, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values + (contract.uuid, contract.id)).lastrowid
            else:
                c.execute("UPDATE contract SET name=?, title=?, territory=?, signature_date=?, start_year=?,"
                          " duration_years=?, level_names=?, description=?, id_crte=?, generation=? WHERE id=?",
                          values + (contract.id,))
            self.history.record_diff("contract", contract.id, old, contract, skip=("id", "uuid"))
        return Changes(contracts={contract.id})

    def crte_ids(self, except_id: int | None = None) -> set[str]:
        """National CRTE identifiers of the other contracts of the workspace."""
        return {r[0] for r in self.store.conn.execute(
            "SELECT id_crte FROM contract WHERE id_crte != '' AND id IS NOT ?", (except_id,))}

    def delete_contract(self, contract_id: int) -> Changes:
        with self.store.transaction() as c:
            old = self.contract(contract_id)
            c.execute("DELETE FROM contract WHERE id = ?", (contract_id,))
            c.execute("DELETE FROM meta WHERE key = ?", (_logo_key(contract_id),))
            self.history.record_event("contract", contract_id, "suppression", old.name if old else None)
        return Changes(contracts={contract_id}, everything=True)

    # -- amendments ----------------------------------------------------------------------------
    def amendments(self, contract_id: int) -> list[Amendment]:
        rows = self.store.conn.execute(
            "SELECT id, contract_id, number, date, title, description FROM amendment WHERE contract_id = ?"
            " ORDER BY number", (contract_id,))
        return [Amendment(id=r[0], contract_id=r[1], number=r[2], date=from_iso(r[3]), title=r[4], description=r[5])
                for r in rows]

    def save_amendment(self, a: Amendment) -> Changes:
        with self.store.transaction() as c:
            a.title = a.title.strip()  # as stored, so the diff sees no phantom change
            old = next((x for x in self.amendments(a.contract_id) if x.id == a.id), None) if a.id else None
            values = (a.contract_id, a.number, to_iso(a.date), a.title.strip(), a.description)
            if old is None:
                a.id = c.execute("INSERT INTO amendment(contract_id, number, date, title, description, id)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", values + (a.id,)).lastrowid
            else:
                c.execute("UPDATE amendment SET contract_id=?, number=?, date=?, title=?, description=? WHERE id=?",
                          values + (a.id,))
            self.history.record_diff("amendment", a.id, old, a)
        return Changes(contracts={a.contract_id})

    def delete_amendment(self, amendment_id: int) -> Changes:
        with self.store.transaction() as c:
            row = c.execute("SELECT contract_id, title FROM amendment WHERE id = ?", (amendment_id,)).fetchone()
            c.execute("DELETE FROM amendment WHERE id = ?", (amendment_id,))
            self.history.record_event("amendment", amendment_id, "suppression", row[1] if row else None)
        return Changes(contracts={row[0]} if row else set())

    # -- signatories ---------------------------------------------------------------------------
    def signatories(self, contract_id: int) -> list[Signatory]:
        rows = self.store.conn.execute(
            "SELECT id, contract_id, organisation_id, person_id, capacity, position FROM signatory"
            " WHERE contract_id = ? ORDER BY position, id", (contract_id,))
        return [Signatory(id=r[0], contract_id=r[1], organisation_id=r[2], person_id=r[3], capacity=r[4], position=r[5])
                for r in rows]

    def set_signatories(self, contract_id: int, signatories: list[Signatory]) -> Changes:
        with self.store.transaction() as c:
            old = self.signatories(contract_id)
            c.execute("DELETE FROM signatory WHERE contract_id = ?", (contract_id,))
            for i, s in enumerate(signatories):
                s.contract_id, s.position = contract_id, i
                s.id = c.execute(
                    "INSERT INTO signatory(contract_id, organisation_id, person_id, capacity, position)"
                    " VALUES (?, ?, ?, ?, ?)", (contract_id, s.organisation_id, s.person_id, s.capacity, i)).lastrowid
            before = "; ".join(s.capacity for s in old)
            after = "; ".join(s.capacity for s in signatories)
            if before != after:
                self.history.record("contract", contract_id, [("signataires", before, after)])
        return Changes(contracts={contract_id})

    # -- logo (cover of the meeting pack) ---------------------------------------------------------
    # Kept in the key/value ``meta`` table (base64): an optional picture needs no schema change.
    def logo(self, contract_id: int) -> bytes | None:
        r = self.store.conn.execute("SELECT value FROM meta WHERE key = ?", (_logo_key(contract_id),)).fetchone()
        return base64.b64decode(r[0]) if r else None

    def set_logo(self, contract_id: int, data: bytes | None) -> Changes:
        with self.store.transaction() as c:
            had = c.execute("SELECT 1 FROM meta WHERE key = ?", (_logo_key(contract_id),)).fetchone() is not None
            c.execute("DELETE FROM meta WHERE key = ?", (_logo_key(contract_id),))
            if data:
                c.execute("INSERT INTO meta(key, value) VALUES (?, ?)",
                          (_logo_key(contract_id), base64.b64encode(data).decode("ascii")))
            if had or data:
                self.history.record("contract", contract_id, [("logo", "oui" if had else "", "oui" if data else "")])
        return Changes(contracts={contract_id})

    # -- sections --------------------------------------------------------------------------------
    def sections(self, contract_id: int) -> list[Section]:
        """The contract's sections, numbered ("1", "1.2"…), in tree order."""
        rows = self.store.conn.execute(
            "SELECT id, contract_id, parent_id, position, title, description FROM section WHERE contract_id = ?",
            (contract_id,))
        return number_sections([Section(id=r[0], contract_id=r[1], parent_id=r[2], position=r[3], title=r[4],
                                        description=r[5]) for r in rows])

    def section(self, section_id: int) -> Section | None:
        r = self.store.conn.execute("SELECT contract_id FROM section WHERE id = ?", (section_id,)).fetchone()
        if not r:
            return None
        return next(s for s in self.sections(r[0]) if s.id == section_id)

    def save_section(self, s: Section) -> Changes:
        with self.store.transaction() as c:
            s.title = s.title.strip()  # as stored, so the diff sees no phantom change
            old = self.section(s.id) if s.id is not None else None
            if old is None and s.id is None and s.position == 0:
                s.position = c.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM section WHERE contract_id = ? AND parent_id IS ?",
                    (s.contract_id, s.parent_id)).fetchone()[0]
            values = (s.contract_id, s.parent_id, s.position, s.title.strip(), s.description)
            if old is None:
                s.id = c.execute("INSERT INTO section(contract_id, parent_id, position, title, description, id)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", values + (s.id,)).lastrowid
            else:
                c.execute("UPDATE section SET contract_id=?, parent_id=?, position=?, title=?, description=? WHERE id=?",
                          values + (s.id,))
            self.history.record_diff("section", s.id, old, s, skip=("id", "code", "depth"))
        return Changes(sections={s.id}, contracts={s.contract_id})

    def move_section(self, section_id: int, parent_id: int | None, position: int) -> Changes:
        """Put a section under ``parent_id`` at ``position`` (0-based) and renumber its siblings."""
        with self.store.transaction() as c:
            s = self.section(section_id)
            if s is None:
                return Changes()
            ancestor = parent_id
            while ancestor is not None:
                if ancestor == section_id:
                    from crte_desktop.domain.errors import DomainError

                    raise DomainError("Une section ne peut pas être déplacée sous elle-même.")
                ancestor = c.execute("SELECT parent_id FROM section WHERE id = ?", (ancestor,)).fetchone()[0]
            siblings = [r[0] for r in c.execute(
                "SELECT id FROM section WHERE contract_id = ? AND parent_id IS ? AND id != ? ORDER BY position, id",
                (s.contract_id, parent_id, section_id))]
            position = max(0, min(position, len(siblings)))
            siblings.insert(position, section_id)
            c.executemany("UPDATE section SET position = ? WHERE id = ?", [(i, sid) for i, sid in enumerate(siblings)])
            c.execute("UPDATE section SET parent_id = ? WHERE id = ?", (parent_id, section_id))
            new = self.section(section_id)
            self.history.record("section", section_id, [("code", s.code, new.code)] if s.code != new.code else [])
        return Changes(sections=set(siblings), contracts={s.contract_id})

    def section_usage(self, section_id: int) -> int:
        """Actions attached to this section or one below it."""
        return self.store.conn.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
            " SELECT COUNT(*) FROM action WHERE section_id IN (SELECT id FROM sub)", (section_id,)).fetchone()[0]

    def delete_section(self, section_id: int) -> Changes:
        with self.store.transaction() as c:
            s = self.section(section_id)
            if s is None:
                return Changes()
            c.execute("DELETE FROM section WHERE id = ?", (section_id,))
            self.history.record_event("section", section_id, "suppression", f"{s.code} {s.title}")
        return Changes(sections={section_id}, contracts={s.contract_id}, everything=True)
