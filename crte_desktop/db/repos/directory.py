"""Organisations, persons, funders and schemes.

The repository contract (docs/architecture.md, « db/ »): rows read by column name (db/rows.py), a record's
own row written by the shared upsert (db/repos/upsert.py), every write inside the caller's transaction
(``writing``). Each write returns the Changes it made (empty: nothing changed). Organisations, persons,
funders and schemes carry a ``row_version`` moved by every change (a person detached by the deletion of its
organisation too)."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.repos.upsert import upsert_with_history, writing
from crte_desktop.db.rows import named_row, named_rows
from crte_desktop.db.store import Store
from crte_desktop.domain.directory import Funder, Organisation, Person, Scheme
from crte_desktop.domain.enums import FinancingCategory, OrgKind
from crte_desktop.domain.financing import is_own_funds
from crte_desktop.domain.history import diff
from crte_desktop.domain.identifiers import normalise_insee, normalise_siret

_ORG_WRITTEN = ("name", "short_name", "kind", "epci_id", "address", "email", "phone", "siret", "insee_code")
_ORG_COLS = ", ".join(("id", *_ORG_WRITTEN, "row_version"))
_PERSON_WRITTEN = ("civility", "first_name", "last_name", "function", "organisation_id", "email", "phone")
_PERSON_COLS = ", ".join(("id", *_PERSON_WRITTEN, "row_version"))
_FUNDER_WRITTEN = ("name", "short_name", "is_public", "organisation_id")
_SCHEME_WRITTEN = ("funder_id", "name", "default_category", "lapse_months")
_FUNDER_COLS = ", ".join(("id", *_FUNDER_WRITTEN, "row_version"))
_SCHEME_COLS = ", ".join(("id", *_SCHEME_WRITTEN, "row_version"))


def _org(r) -> Organisation:
    return Organisation(id=r["id"], name=r["name"], short_name=r["short_name"], kind=OrgKind.from_code(r["kind"]),
                        epci_id=r["epci_id"], address=r["address"], email=r["email"], phone=r["phone"],
                        siret=r["siret"], insee_code=r["insee_code"], row_version=r["row_version"])


def _person(r) -> Person:
    return Person(id=r["id"], civility=r["civility"], first_name=r["first_name"], last_name=r["last_name"],
                  function=r["function"], organisation_id=r["organisation_id"], email=r["email"], phone=r["phone"],
                  row_version=r["row_version"])


def _funder(r) -> Funder:
    return Funder(id=r["id"], name=r["name"], short_name=r["short_name"], is_public=bool(r["is_public"]),
                  organisation_id=r["organisation_id"], row_version=r["row_version"])


def _scheme(r) -> Scheme:
    category = r["default_category"]
    return Scheme(id=r["id"], funder_id=r["funder_id"], name=r["name"],
                  default_category=FinancingCategory.from_code(category) if category else None,
                  lapse_months=r["lapse_months"], row_version=r["row_version"])


class DirectoryRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    def _upsert(self, table: str, columns: tuple[str, ...], values: tuple, record, old, *,
                versioned: bool = False) -> bool:
        """Write a directory record's own row and its history (one diff, one history entity per table)."""
        extra = {"row_version": record.row_version} if versioned else None
        return upsert_with_history(writing(self.store), table, columns, values, record, old,
                                   changed=lambda: diff(old, record),
                                   record_history=lambda rows: self.history.record(table, record.id, rows),
                                   versioned=versioned, insert_extra=extra)

    # -- organisations ------------------------------------------------------------------------
    def organisations(self, kind: OrgKind | None = None) -> list[Organisation]:
        if kind is None:
            rows = named_rows(self.store.conn, f"SELECT {_ORG_COLS} FROM organisation ORDER BY name COLLATE NOCASE")
        else:
            rows = named_rows(self.store.conn, f"SELECT {_ORG_COLS} FROM organisation WHERE kind = ?"
                              " ORDER BY name COLLATE NOCASE", (kind.value,))
        return [_org(r) for r in rows]

    def organisation(self, org_id: int) -> Organisation | None:
        r = named_row(self.store.conn, f"SELECT {_ORG_COLS} FROM organisation WHERE id = ?", (org_id,))
        return _org(r) if r else None

    def save_organisation(self, org: Organisation) -> Changes:
        """Insert or update (an id that does not exist yet is inserted with it, for undo)."""
        org.name, org.short_name = org.name.strip(), org.short_name.strip()  # as stored: no phantom change
        org.siret, org.insee_code = normalise_siret(org.siret), normalise_insee(org.insee_code)
        old = self.organisation(org.id) if org.id is not None else None
        values = (org.name, org.short_name, org.kind.value, org.epci_id, org.address, org.email, org.phone, org.siret,
                  org.insee_code)
        written = self._upsert("organisation", _ORG_WRITTEN, values, org, old, versioned=True)
        return Changes(organisations={org.id}) if written else Changes()

    def organisation_usage(self, org_id: int) -> int:
        """How many actions, financing funders and signatures use this organisation."""
        return sum(named_row(self.store.conn, sql, (org_id,))["n"] for sql in (
            "SELECT COUNT(*) AS n FROM action WHERE owner_id = ?",
            "SELECT COUNT(*) AS n FROM action_partner WHERE organisation_id = ?",
            "SELECT COUNT(*) AS n FROM action_commune WHERE organisation_id = ?",
            "SELECT COUNT(*) AS n FROM signatory WHERE organisation_id = ?",
        ))

    def delete_organisation(self, org_id: int) -> Changes:
        """Delete it; the persons and communes that pointed to it lose the link (a change of theirs: their
        version moves)."""
        c = writing(self.store)
        old = self.organisation(org_id)
        persons = {r["id"] for r in named_rows(c, "SELECT id FROM person WHERE organisation_id = ?", (org_id,))}
        communes = {r["id"] for r in named_rows(c, "SELECT id FROM organisation WHERE epci_id = ?", (org_id,))}
        c.execute("UPDATE person SET organisation_id = NULL, row_version = row_version + 1 WHERE organisation_id = ?",
                  (org_id,))
        c.execute("UPDATE organisation SET epci_id = NULL, row_version = row_version + 1 WHERE epci_id = ?", (org_id,))
        c.execute("DELETE FROM organisation WHERE id = ?", (org_id,))
        self.history.record_event("organisation", org_id, "suppression", old.name if old else None)
        return Changes(organisations={org_id} | communes, persons=persons)

    def epci_of(self) -> dict[int, int]:
        """Commune id → EPCI id."""
        return {r["id"]: r["epci_id"] for r in named_rows(
            self.store.conn, "SELECT id, epci_id FROM organisation WHERE epci_id IS NOT NULL")}

    # -- persons --------------------------------------------------------------------------------
    def persons(self, organisation_id: int | None = None) -> list[Person]:
        if organisation_id is None:
            rows = named_rows(self.store.conn,
                              f"SELECT {_PERSON_COLS} FROM person ORDER BY last_name COLLATE NOCASE, first_name")
        else:
            rows = named_rows(self.store.conn, f"SELECT {_PERSON_COLS} FROM person WHERE organisation_id = ?"
                              " ORDER BY last_name COLLATE NOCASE", (organisation_id,))
        return [_person(r) for r in rows]

    def person(self, person_id: int) -> Person | None:
        r = named_row(self.store.conn, f"SELECT {_PERSON_COLS} FROM person WHERE id = ?", (person_id,))
        return _person(r) if r else None

    def save_person(self, person: Person) -> Changes:
        """Insert or update (an id that does not exist yet is inserted with it, for undo)."""
        for name in ("first_name", "last_name", "email", "phone"):  # as stored: no phantom change
            setattr(person, name, getattr(person, name).strip())
        old = self.person(person.id) if person.id is not None else None
        values = (person.civility, person.first_name, person.last_name, person.function, person.organisation_id,
                  person.email, person.phone)
        written = self._upsert("person", _PERSON_WRITTEN, values, person, old, versioned=True)
        return Changes(persons={person.id}) if written else Changes()

    def delete_person(self, person_id: int) -> Changes:
        c = writing(self.store)
        old = self.person(person_id)
        c.execute("DELETE FROM person WHERE id = ?", (person_id,))
        self.history.record_event("person", person_id, "suppression", old.full_name if old else None)
        return Changes(persons={person_id})

    # -- funders and schemes ----------------------------------------------------------------
    def funders(self) -> list[Funder]:
        return [_funder(r) for r in named_rows(self.store.conn, f"SELECT {_FUNDER_COLS} FROM funder ORDER BY id")]

    def funder(self, funder_id: int) -> Funder | None:
        r = named_row(self.store.conn, f"SELECT {_FUNDER_COLS} FROM funder WHERE id = ?", (funder_id,))
        return _funder(r) if r else None

    def public_funder_ids(self) -> set[int]:
        """The public funders, less the owner's own funds (never public aid, whatever its flag says)."""
        public = {r["id"] for r in named_rows(self.store.conn, "SELECT id FROM funder WHERE is_public = 1")}
        return public - self.own_funds_funder_ids()

    def own_funds_funder_ids(self) -> set[int]:
        """The funders whose lines are the owner's self-financing (« Autofinancement »: ``is_own_funds``)."""
        return {r["id"] for r in named_rows(self.store.conn, "SELECT id, name, short_name FROM funder")
                if is_own_funds(r["name"], r["short_name"])}

    def save_funder(self, funder: Funder) -> Changes:
        funder.name, funder.short_name = funder.name.strip(), funder.short_name.strip()  # as stored
        old = self.funder(funder.id) if funder.id is not None else None
        values = (funder.name, funder.short_name, int(funder.is_public), funder.organisation_id)
        written = self._upsert("funder", _FUNDER_WRITTEN, values, funder, old, versioned=True)
        return Changes(reference=True) if written else Changes()

    def schemes(self, funder_id: int | None = None) -> list[Scheme]:
        sql = f"SELECT {_SCHEME_COLS} FROM scheme"
        params: tuple = ()
        if funder_id is not None:
            sql += " WHERE funder_id = ?"
            params = (funder_id,)
        return [_scheme(r) for r in named_rows(self.store.conn, sql + " ORDER BY funder_id, id", params)]

    def scheme(self, scheme_id: int) -> Scheme | None:
        r = named_row(self.store.conn, f"SELECT {_SCHEME_COLS} FROM scheme WHERE id = ?", (scheme_id,))
        return _scheme(r) if r else None

    def save_scheme(self, scheme: Scheme) -> Changes:
        scheme.name = scheme.name.strip()  # as stored, so the diff sees no phantom change
        old = self.scheme(scheme.id) if scheme.id is not None else None
        values = (scheme.funder_id, scheme.name,
                  scheme.default_category.value if scheme.default_category else None, scheme.lapse_months)
        written = self._upsert("scheme", _SCHEME_WRITTEN, values, scheme, old, versioned=True)
        return Changes(reference=True) if written else Changes()

    def funder_usage(self, funder_id: int) -> int:
        """Financing lines of this funder."""
        return named_row(self.store.conn, "SELECT COUNT(*) AS n FROM financing WHERE funder_id = ?", (funder_id,))["n"]

    def scheme_usage(self, scheme_id: int) -> int:
        """Financing lines of this scheme."""
        return named_row(self.store.conn, "SELECT COUNT(*) AS n FROM financing WHERE scheme_id = ?", (scheme_id,))["n"]

    def delete_funder(self, funder_id: int) -> Changes:
        """Delete an unused funder and its schemes (financing lines refuse it: ON DELETE RESTRICT)."""
        c = writing(self.store)
        old = self.funder(funder_id)
        c.execute("DELETE FROM scheme WHERE funder_id = ?", (funder_id,))
        c.execute("DELETE FROM funder WHERE id = ?", (funder_id,))
        self.history.record_event("funder", funder_id, "suppression", old.name if old else None)
        return Changes(reference=True)

    def delete_scheme(self, scheme_id: int) -> Changes:
        c = writing(self.store)
        old = self.scheme(scheme_id)
        c.execute("DELETE FROM scheme WHERE id = ?", (scheme_id,))
        self.history.record_event("scheme", scheme_id, "suppression", old.name if old else None)
        return Changes(reference=True)

    def status_colors(self) -> dict[str, tuple[str, str]]:
        """Action status code → (label, colour), as the user set them."""
        return {r["code"]: (r["label"], r["color"]) for r in named_rows(
            self.store.conn, "SELECT code, label, color FROM action_status ORDER BY position")}

    def save_status(self, code: str, label: str, color: str) -> Changes:
        c = writing(self.store)
        old = named_row(c, "SELECT label, color FROM action_status WHERE code = ?", (code,))
        c.execute("UPDATE action_status SET label = ?, color = ? WHERE code = ?", (label, color, code))
        if old:
            self.history.record("action_status", 0, [(f"{code}.label", old["label"], label),
                                                      (f"{code}.color", old["color"], color)])
        return Changes(reference=True)
