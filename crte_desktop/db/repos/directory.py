"""Organisations, persons, funders and schemes."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.directory import Funder, Organisation, Person, Scheme
from crte_desktop.domain.enums import FinancingCategory, OrgKind
from crte_desktop.domain.identifiers import normalise_insee, normalise_siret

_ORG_COLS = "id, name, short_name, kind, epci_id, address, email, phone, siret, insee_code"
_PERSON_COLS = "id, civility, first_name, last_name, function, organisation_id, email, phone"


def _org(r) -> Organisation:
    return Organisation(id=r[0], name=r[1], short_name=r[2], kind=OrgKind.from_code(r[3]), epci_id=r[4],
                        address=r[5], email=r[6], phone=r[7], siret=r[8], insee_code=r[9])


def _person(r) -> Person:
    return Person(id=r[0], civility=r[1], first_name=r[2], last_name=r[3], function=r[4],
                  organisation_id=r[5], email=r[6], phone=r[7])


class DirectoryRepository:
    def __init__(self, store):
        self.store = store
        self.history = HistoryRepository(store)

    # -- organisations ------------------------------------------------------------------------
    def organisations(self, kind: OrgKind | None = None) -> list[Organisation]:
        if kind is None:
            rows = self.store.conn.execute(f"SELECT {_ORG_COLS} FROM organisation ORDER BY name COLLATE NOCASE")
        else:
            rows = self.store.conn.execute(
                f"SELECT {_ORG_COLS} FROM organisation WHERE kind = ? ORDER BY name COLLATE NOCASE", (kind.value,))
        return [_org(r) for r in rows]

    def organisation(self, org_id: int) -> Organisation | None:
        r = self.store.conn.execute(f"SELECT {_ORG_COLS} FROM organisation WHERE id = ?", (org_id,)).fetchone()
        return _org(r) if r else None

    def save_organisation(self, org: Organisation) -> Changes:
        with self.store.transaction() as c:
            org.name, org.short_name = org.name.strip(), org.short_name.strip()  # as stored: no phantom change
            org.siret, org.insee_code = normalise_siret(org.siret), normalise_insee(org.insee_code)
            old = self.organisation(org.id) if org.id is not None else None
            values = (org.name.strip(), org.short_name.strip(), org.kind.value, org.epci_id, org.address,
                      org.email, org.phone, org.siret, org.insee_code)
            if old is None:
                cur = c.execute(
                    "INSERT INTO organisation(name, short_name, kind, epci_id, address, email, phone, siret,"
                    " insee_code, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values + (org.id,))
                org.id = cur.lastrowid
            else:
                c.execute("UPDATE organisation SET name=?, short_name=?, kind=?, epci_id=?, address=?, email=?,"
                          " phone=?, siret=?, insee_code=? WHERE id=?", values + (org.id,))
            self.history.record_diff("organisation", org.id, old, org)
        return Changes(organisations={org.id})

    def organisation_usage(self, org_id: int) -> int:
        """How many actions, financing funders and signatures use this organisation."""
        c = self.store.conn
        return sum(c.execute(sql, (org_id,)).fetchone()[0] for sql in (
            "SELECT COUNT(*) FROM action WHERE owner_id = ?",
            "SELECT COUNT(*) FROM action_partner WHERE organisation_id = ?",
            "SELECT COUNT(*) FROM action_commune WHERE organisation_id = ?",
            "SELECT COUNT(*) FROM signatory WHERE organisation_id = ?",
        ))

    def delete_organisation(self, org_id: int) -> Changes:
        with self.store.transaction() as c:
            old = self.organisation(org_id)
            c.execute("DELETE FROM organisation WHERE id = ?", (org_id,))
            self.history.record_event("organisation", org_id, "suppression", old.name if old else None)
        return Changes(organisations={org_id})

    def epci_of(self) -> dict[int, int]:
        """Commune id → EPCI id."""
        return dict(self.store.conn.execute("SELECT id, epci_id FROM organisation WHERE epci_id IS NOT NULL"))

    # -- persons --------------------------------------------------------------------------------
    def persons(self, organisation_id: int | None = None) -> list[Person]:
        if organisation_id is None:
            rows = self.store.conn.execute(f"SELECT {_PERSON_COLS} FROM person ORDER BY last_name COLLATE NOCASE, first_name")
        else:
            rows = self.store.conn.execute(
                f"SELECT {_PERSON_COLS} FROM person WHERE organisation_id = ? ORDER BY last_name COLLATE NOCASE",
                (organisation_id,))
        return [_person(r) for r in rows]

    def person(self, person_id: int) -> Person | None:
        r = self.store.conn.execute(f"SELECT {_PERSON_COLS} FROM person WHERE id = ?", (person_id,)).fetchone()
        return _person(r) if r else None

    def save_person(self, person: Person) -> Changes:
        with self.store.transaction() as c:
            for name in ("first_name", "last_name", "email", "phone"):  # as stored: no phantom change
                setattr(person, name, getattr(person, name).strip())
            old = self.person(person.id) if person.id is not None else None
            values = (person.civility, person.first_name.strip(), person.last_name.strip(), person.function,
                      person.organisation_id, person.email.strip(), person.phone.strip())
            if old is None:
                cur = c.execute(
                    "INSERT INTO person(civility, first_name, last_name, function, organisation_id, email, phone, id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values + (person.id,))
                person.id = cur.lastrowid
            else:
                c.execute("UPDATE person SET civility=?, first_name=?, last_name=?, function=?, organisation_id=?,"
                          " email=?, phone=? WHERE id=?", values + (person.id,))
            self.history.record_diff("person", person.id, old, person)
        return Changes(persons={person.id})

    def delete_person(self, person_id: int) -> Changes:
        with self.store.transaction() as c:
            old = self.person(person_id)
            c.execute("DELETE FROM person WHERE id = ?", (person_id,))
            self.history.record_event("person", person_id, "suppression", old.full_name if old else None)
        return Changes(persons={person_id})

    # -- funders and schemes ----------------------------------------------------------------
    def funders(self) -> list[Funder]:
        rows = self.store.conn.execute(
            "SELECT id, name, short_name, is_public, organisation_id FROM funder ORDER BY id")
        return [Funder(id=r[0], name=r[1], short_name=r[2], is_public=bool(r[3]), organisation_id=r[4]) for r in rows]

    def public_funder_ids(self) -> set[int]:
        return {r[0] for r in self.store.conn.execute("SELECT id FROM funder WHERE is_public = 1")}

    def save_funder(self, funder: Funder) -> Changes:
        with self.store.transaction() as c:
            funder.name, funder.short_name = funder.name.strip(), funder.short_name.strip()  # as stored
            old = next((f for f in self.funders() if f.id == funder.id), None) if funder.id else None
            values = (funder.name.strip(), funder.short_name.strip(), int(funder.is_public), funder.organisation_id)
            if old is None:
                funder.id = c.execute("INSERT INTO funder(name, short_name, is_public, organisation_id, id)"
                                      " VALUES (?, ?, ?, ?, ?)", values + (funder.id,)).lastrowid
            else:
                c.execute("UPDATE funder SET name=?, short_name=?, is_public=?, organisation_id=? WHERE id=?",
                          values + (funder.id,))
            self.history.record_diff("funder", funder.id, old, funder)
        return Changes(reference=True)

    def schemes(self, funder_id: int | None = None) -> list[Scheme]:
        sql = "SELECT id, funder_id, name, default_category, lapse_months FROM scheme"
        params: tuple = ()
        if funder_id is not None:
            sql += " WHERE funder_id = ?"
            params = (funder_id,)
        rows = self.store.conn.execute(sql + " ORDER BY funder_id, id", params)
        return [Scheme(id=r[0], funder_id=r[1], name=r[2],
                       default_category=FinancingCategory.from_code(r[3]) if r[3] else None, lapse_months=r[4])
                for r in rows]

    def save_scheme(self, scheme: Scheme) -> Changes:
        with self.store.transaction() as c:
            scheme.name = scheme.name.strip()  # as stored, so the diff sees no phantom change
            old = next((s for s in self.schemes() if s.id == scheme.id), None) if scheme.id else None
            values = (scheme.funder_id, scheme.name.strip(),
                      scheme.default_category.value if scheme.default_category else None, scheme.lapse_months)
            if old is None:
                scheme.id = c.execute("INSERT INTO scheme(funder_id, name, default_category, lapse_months, id)"
                                      " VALUES (?, ?, ?, ?, ?)", values + (scheme.id,)).lastrowid
            else:
                c.execute("UPDATE scheme SET funder_id=?, name=?, default_category=?, lapse_months=? WHERE id=?",
                          values + (scheme.id,))
            self.history.record_diff("scheme", scheme.id, old, scheme)
        return Changes(reference=True)

    def funder_usage(self, funder_id: int) -> int:
        """Financing lines of this funder."""
        return self.store.conn.execute("SELECT COUNT(*) FROM financing WHERE funder_id = ?", (funder_id,)).fetchone()[0]

    def scheme_usage(self, scheme_id: int) -> int:
        """Financing lines of this scheme."""
        return self.store.conn.execute("SELECT COUNT(*) FROM financing WHERE scheme_id = ?", (scheme_id,)).fetchone()[0]

    def delete_funder(self, funder_id: int) -> Changes:
        """Delete an unused funder and its schemes (financing lines refuse it: ON DELETE RESTRICT)."""
        with self.store.transaction() as c:
            old = next((f for f in self.funders() if f.id == funder_id), None)
            c.execute("DELETE FROM scheme WHERE funder_id = ?", (funder_id,))
            c.execute("DELETE FROM funder WHERE id = ?", (funder_id,))
            self.history.record_event("funder", funder_id, "suppression", old.name if old else None)
        return Changes(reference=True)

    def delete_scheme(self, scheme_id: int) -> Changes:
        with self.store.transaction() as c:
            old = next((s for s in self.schemes() if s.id == scheme_id), None)
            c.execute("DELETE FROM scheme WHERE id = ?", (scheme_id,))
            self.history.record_event("scheme", scheme_id, "suppression", old.name if old else None)
        return Changes(reference=True)

    def status_colors(self) -> dict[str, tuple[str, str]]:
        """Action status code → (label, colour), as the user set them."""
        return {r[0]: (r[1], r[2]) for r in self.store.conn.execute(
            "SELECT code, label, color FROM action_status ORDER BY position")}

    def save_status(self, code: str, label: str, color: str) -> Changes:
        with self.store.transaction() as c:
            old = c.execute("SELECT label, color FROM action_status WHERE code = ?", (code,)).fetchone()
            c.execute("UPDATE action_status SET label = ?, color = ? WHERE code = ?", (label, color, code))
            if old:
                self.history.record("action_status", 0, [(f"{code}.label", old[0], label), (f"{code}.color", old[1], color)])
        return Changes(reference=True)
