"""Contracts, their amendments, signatories and section trees.

The repository contract (docs/architecture.md, « db/ »): rows read by column name (db/rows.py), a record's
own row written by the shared upsert (db/repos/upsert.py), every write inside the caller's transaction
(``writing``). Each write returns the Changes it made (empty: nothing changed). A contract's
``row_version`` moves with any change of the contract — its signatories and amendments included
(``bump_contract``, called by the service); a section's with any change of its own, a move included."""

from __future__ import annotations

import base64
import uuid

from crte_desktop.db.changes import Changes
from crte_desktop.db.convert import dumps, from_iso, loads, to_iso
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.repos.upsert import bump_version, upsert_with_history, writing
from crte_desktop.db.rows import named_row, named_rows
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Amendment, Contract, Section, Signatory, number_sections
from crte_desktop.domain.enums import ContractGeneration
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.history import diff

_CONTRACT_WRITTEN = ("name", "title", "territory", "signature_date", "start_year", "duration_years", "level_names",
                     "description", "id_crte", "generation")
_CONTRACT_COLS = ", ".join(("id", "uuid", *_CONTRACT_WRITTEN, "row_version"))
_AMENDMENT_WRITTEN = ("contract_id", "number", "date", "title", "description")
_SECTION_WRITTEN = ("contract_id", "parent_id", "position", "title", "description")
_SECTION_COLS = ", ".join(("id", *_SECTION_WRITTEN, "row_version"))


def _logo_key(contract_id: int) -> str:
    return f"contract_logo:{contract_id}"


def _contract(r) -> Contract:
    return Contract(id=r["id"], uuid=r["uuid"], name=r["name"], title=r["title"], territory=r["territory"],
                    signature_date=from_iso(r["signature_date"]), start_year=r["start_year"],
                    duration_years=r["duration_years"], level_names=loads(r["level_names"], []),
                    description=r["description"], id_crte=r["id_crte"],
                    generation=ContractGeneration.from_code(r["generation"]), row_version=r["row_version"])


def _amendment(r) -> Amendment:
    return Amendment(id=r["id"], contract_id=r["contract_id"], number=r["number"], date=from_iso(r["date"]),
                     title=r["title"], description=r["description"])


def _section(r) -> Section:
    return Section(id=r["id"], contract_id=r["contract_id"], parent_id=r["parent_id"], position=r["position"],
                   title=r["title"], description=r["description"], row_version=r["row_version"])


class ContractRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    # -- contracts -----------------------------------------------------------------------------
    def contracts(self) -> list[Contract]:
        return [_contract(r) for r in named_rows(self.store.conn, f"SELECT {_CONTRACT_COLS} FROM contract ORDER BY id")]

    def contract(self, contract_id: int) -> Contract | None:
        r = named_row(self.store.conn, f"SELECT {_CONTRACT_COLS} FROM contract WHERE id = ?", (contract_id,))
        return _contract(r) if r else None

    def version(self, contract_id: int) -> int | None:
        """The stored version of the contract (None when it does not exist)."""
        r = named_row(self.store.conn, "SELECT row_version FROM contract WHERE id = ?", (contract_id,))
        return r["row_version"] if r else None

    def bump_contract(self, contract_id: int) -> int:
        """A change of the contract outside its own row (signatories, amendments): a new version."""
        return bump_version(writing(self.store), "contract", contract_id)

    def save_contract(self, contract: Contract) -> Changes:
        """Insert or update (an id that does not exist yet is inserted with it, for undo)."""
        c = writing(self.store)
        contract.name, contract.id_crte = contract.name.strip(), contract.id_crte.strip()  # as stored
        old = self.contract(contract.id) if contract.id is not None else None
        contract.uuid = (old.uuid if old else None) or contract.uuid or str(uuid.uuid4())
        values = (contract.name, contract.title, contract.territory, to_iso(contract.signature_date),
                  contract.start_year, contract.duration_years, dumps(contract.level_names), contract.description,
                  contract.id_crte, contract.generation.value)
        written = upsert_with_history(
            c, "contract", _CONTRACT_WRITTEN, values, contract, old,
            changed=lambda: diff(old, contract, skip=("id", "uuid", "row_version")),
            record_history=lambda rows: self.history.record("contract", contract.id, rows), versioned=True,
            insert_extra={"uuid": contract.uuid, "row_version": contract.row_version})
        return Changes(contracts={contract.id}) if written else Changes()

    def crte_ids(self, except_id: int | None = None) -> set[str]:
        """National CRTE identifiers of the other contracts of the workspace."""
        return {r["id_crte"] for r in named_rows(
            self.store.conn, "SELECT id_crte FROM contract WHERE id_crte != '' AND id IS NOT ?", (except_id,))}

    def delete_contract(self, contract_id: int) -> Changes:
        c = writing(self.store)
        old = self.contract(contract_id)
        c.execute("DELETE FROM contract WHERE id = ?", (contract_id,))
        c.execute("DELETE FROM meta WHERE key = ?", (_logo_key(contract_id),))
        self.history.record_event("contract", contract_id, "suppression", old.name if old else None)
        return Changes(contracts={contract_id}, everything=True)

    # -- amendments ----------------------------------------------------------------------------
    def amendments(self, contract_id: int) -> list[Amendment]:
        rows = named_rows(self.store.conn, "SELECT id, contract_id, number, date, title, description FROM amendment"
                          " WHERE contract_id = ? ORDER BY number", (contract_id,))
        return [_amendment(r) for r in rows]

    def save_amendment(self, a: Amendment) -> Changes:
        c = writing(self.store)
        a.title = a.title.strip()  # as stored, so the diff sees no phantom change
        old = next((x for x in self.amendments(a.contract_id) if x.id == a.id), None) if a.id else None
        written = upsert_with_history(
            c, "amendment", _AMENDMENT_WRITTEN, (a.contract_id, a.number, to_iso(a.date), a.title, a.description),
            a, old, changed=lambda: diff(old, a), record_history=lambda rows: self.history.record("amendment", a.id, rows))
        return Changes(contracts={a.contract_id}) if written else Changes()

    def delete_amendment(self, amendment_id: int) -> Changes:
        c = writing(self.store)
        row = named_row(c, "SELECT contract_id, title FROM amendment WHERE id = ?", (amendment_id,))
        c.execute("DELETE FROM amendment WHERE id = ?", (amendment_id,))
        self.history.record_event("amendment", amendment_id, "suppression", row["title"] if row else None)
        return Changes(contracts={row["contract_id"]}) if row else Changes()

    # -- signatories ---------------------------------------------------------------------------
    def signatories(self, contract_id: int) -> list[Signatory]:
        rows = named_rows(self.store.conn, "SELECT id, contract_id, organisation_id, person_id, capacity, position"
                          " FROM signatory WHERE contract_id = ? ORDER BY position, id", (contract_id,))
        return [Signatory(id=r["id"], contract_id=r["contract_id"], organisation_id=r["organisation_id"],
                          person_id=r["person_id"], capacity=r["capacity"], position=r["position"]) for r in rows]

    def set_signatories(self, contract_id: int, signatories: list[Signatory]) -> Changes:
        c = writing(self.store)
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
        r = named_row(self.store.conn, "SELECT value FROM meta WHERE key = ?", (_logo_key(contract_id),))
        return base64.b64decode(r["value"]) if r else None

    def set_logo(self, contract_id: int, data: bytes | None) -> Changes:
        c = writing(self.store)
        had = named_row(c, "SELECT 1 AS one FROM meta WHERE key = ?", (_logo_key(contract_id),)) is not None
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
        rows = named_rows(self.store.conn, f"SELECT {_SECTION_COLS} FROM section WHERE contract_id = ?", (contract_id,))
        return number_sections([_section(r) for r in rows])

    def section(self, section_id: int) -> Section | None:
        r = named_row(self.store.conn, "SELECT contract_id FROM section WHERE id = ?", (section_id,))
        if not r:
            return None
        return next(s for s in self.sections(r["contract_id"]) if s.id == section_id)

    def section_version(self, section_id: int) -> int | None:
        """The stored version of the section (None when it does not exist)."""
        r = named_row(self.store.conn, "SELECT row_version FROM section WHERE id = ?", (section_id,))
        return r["row_version"] if r else None

    def save_section(self, s: Section) -> Changes:
        """Insert (at the end of its parent's children when its position is 0 and it has no id) or update."""
        c = writing(self.store)
        s.title = s.title.strip()  # as stored, so the diff sees no phantom change
        old = self.section(s.id) if s.id is not None else None
        if old is None and s.id is None and s.position == 0:
            s.position = named_row(
                c, "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM section WHERE contract_id = ? AND parent_id IS ?",
                (s.contract_id, s.parent_id))["next"]
        written = upsert_with_history(
            c, "section", _SECTION_WRITTEN, (s.contract_id, s.parent_id, s.position, s.title, s.description), s, old,
            changed=lambda: diff(old, s, skip=("id", "code", "depth", "row_version")),
            record_history=lambda rows: self.history.record("section", s.id, rows), versioned=True,
            insert_extra={"row_version": s.row_version})
        return Changes(sections={s.id}, contracts={s.contract_id}) if written else Changes()

    def move_section(self, section_id: int, parent_id: int | None, position: int) -> Changes:
        """Put a section under ``parent_id`` at ``position`` (0-based) and renumber its siblings. The moved
        section gets a new version; its siblings keep theirs (a section is edited field by field from its
        stored row: a renumbering elsewhere is never overwritten)."""
        c = writing(self.store)
        s = self.section(section_id)
        if s is None:
            return Changes()
        ancestor = parent_id
        while ancestor is not None:
            if ancestor == section_id:
                raise DomainError("Une section ne peut pas être déplacée sous elle-même.")
            ancestor = named_row(c, "SELECT parent_id FROM section WHERE id = ?", (ancestor,))["parent_id"]
        siblings = [r["id"] for r in named_rows(
            c, "SELECT id FROM section WHERE contract_id = ? AND parent_id IS ? AND id != ? ORDER BY position, id",
            (s.contract_id, parent_id, section_id))]
        position = max(0, min(position, len(siblings)))
        siblings.insert(position, section_id)
        c.executemany("UPDATE section SET position = ? WHERE id = ?", [(i, sid) for i, sid in enumerate(siblings)])
        c.execute("UPDATE section SET parent_id = ? WHERE id = ?", (parent_id, section_id))
        if (s.parent_id, s.position) != (parent_id, siblings.index(section_id)):
            bump_version(c, "section", section_id)
        new = self.section(section_id)
        self.history.record("section", section_id, [("code", s.code, new.code)] if s.code != new.code else [])
        return Changes(sections=set(siblings), contracts={s.contract_id})

    def section_usage(self, section_id: int) -> int:
        """Actions attached to this section or one below it."""
        return named_row(
            self.store.conn,
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
            " SELECT COUNT(*) AS n FROM action WHERE section_id IN (SELECT id FROM sub)", (section_id,))["n"]

    def delete_section(self, section_id: int) -> Changes:
        c = writing(self.store)
        s = self.section(section_id)
        if s is None:
            return Changes()
        c.execute("DELETE FROM section WHERE id = ?", (section_id,))
        self.history.record_event("section", section_id, "suppression", f"{s.code} {s.title}")
        return Changes(sections={section_id}, contracts={s.contract_id}, everything=True)
