"""Committees of a contract and their members."""

from __future__ import annotations

from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.db.repos.upsert import upsert_with_history
from crte_desktop.domain.meetings import Committee, CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.db.store import Store

_COLS = "id, contract_id, kind, name, min_per_year, description, row_version"
_MEMBER_COLS = "id, organisation_id, person_id, role, substitute_id, notes"


def _committee(r) -> Committee:
    return Committee(id=r[0], contract_id=r[1], kind=CommitteeKind.from_code(r[2]), name=r[3], min_per_year=r[4],
                     description=r[5], row_version=r[6])


def _member(r) -> CommitteeMember:
    return CommitteeMember(id=r[0], organisation_id=r[1], person_id=r[2], role=MemberRole.from_code(r[3]),
                           substitute_id=r[4], notes=r[5])


class CommitteeRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = MeetingHistory(store)

    # -- reading ------------------------------------------------------------------------------------
    def committees(self, contract_id: int) -> list[Committee]:
        rows = self.store.conn.execute(f"SELECT {_COLS} FROM committee WHERE contract_id = ? ORDER BY position, id",
                                       (contract_id,)).fetchall()
        result = [_committee(r) for r in rows]
        for c in result:
            c.members = self.members(c.id)
        return result

    def committee(self, committee_id: int) -> Committee | None:
        r = self.store.conn.execute(f"SELECT {_COLS} FROM committee WHERE id = ?", (committee_id,)).fetchone()
        if not r:
            return None
        c = _committee(r)
        c.members = self.members(committee_id)
        return c

    def version(self, committee_id: int) -> int | None:
        """The committee's row version (None: no such committee); its composition counts as part of it."""
        r = self.store.conn.execute("SELECT row_version FROM committee WHERE id = ?", (committee_id,)).fetchone()
        return r[0] if r else None

    def members(self, committee_id: int) -> list[CommitteeMember]:
        rows = self.store.conn.execute(
            f"SELECT {_MEMBER_COLS} FROM committee_member WHERE committee_id = ? ORDER BY position, id", (committee_id,))
        return [_member(r) for r in rows]

    def meeting_count(self, committee_id: int) -> int:
        return self.store.conn.execute("SELECT COUNT(*) FROM meeting WHERE committee_id = ?",
                                       (committee_id,)).fetchone()[0]

    def person_names(self, ids) -> dict[int, str]:
        ids = [i for i in set(ids) if i is not None]
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.store.conn.execute(
            f"SELECT id, trim(civility || ' ' || first_name || ' ' || last_name) FROM person WHERE id IN ({marks})", ids)
        return {r[0]: " ".join(r[1].split()) for r in rows}

    def organisation_names(self, ids) -> dict[int, str]:
        ids = [i for i in set(ids) if i is not None]
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.store.conn.execute(
            f"SELECT id, CASE WHEN short_name <> '' THEN short_name ELSE name END FROM organisation WHERE id IN ({marks})",
            ids)
        return dict(rows.fetchall())

    def existing_person_ids(self, ids) -> set[int]:
        ids = [i for i in set(ids) if i is not None]
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))
        return {r[0] for r in self.store.conn.execute(f"SELECT id FROM person WHERE id IN ({marks})", ids)}

    def existing_organisation_ids(self, ids) -> set[int]:
        ids = [i for i in set(ids) if i is not None]
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))
        return {r[0] for r in self.store.conn.execute(f"SELECT id FROM organisation WHERE id IN ({marks})", ids)}

    def seats_of_person(self, person_id: int) -> int:
        """How many committee seats (as member or substitute) a person holds."""
        return self.store.conn.execute(
            "SELECT COUNT(*) FROM committee_member WHERE person_id = ? OR substitute_id = ?",
            (person_id, person_id)).fetchone()[0]

    def seats_of_organisation(self, organisation_id: int) -> int:
        return self.store.conn.execute("SELECT COUNT(*) FROM committee_member WHERE organisation_id = ?",
                                       (organisation_id,)).fetchone()[0]

    def member_text(self, m: CommitteeMember) -> str:
        """"M. Laurent DEGALLAIX (CAVM) — Co-président ; suppléant : …" for the history."""
        persons = self.person_names([m.person_id, m.substitute_id])
        orgs = self.organisation_names([m.organisation_id])
        who = persons.get(m.person_id, "")
        org = orgs.get(m.organisation_id, "")
        text = f"{who} ({org})" if who and org else who or org
        text += f" — {m.role.label}"
        if m.substitute_id:
            text += f" ; suppléant : {persons.get(m.substitute_id, '?')}"
        return text

    # -- writing (inside a transaction) -------------------------------------------------------------
    def save(self, committee: Committee) -> bool:
        """Insert or update the committee and its members. Returns True when something changed."""
        c = self.store.conn
        old = self.committee(committee.id) if committee.id is not None else None
        values = (committee.contract_id, committee.kind.value, committee.name.strip(), committee.min_per_year,
                  committee.description)
        extra = None
        if old is None:
            extra = {"position": c.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM committee WHERE contract_id = ?",
                                           (committee.contract_id,)).fetchone()[0]}
        changed = upsert_with_history(
            c, "committee", ("contract_id", "kind", "name", "min_per_year", "description"), values, committee, old,
            changed=lambda: ([("création", None, committee.name.strip())] if old is None
                             else field_diff(old, committee, skip=("members", "contract_id"))),
            record_history=lambda rows: self.history.committee(committee.id, rows), versioned=True,
            insert_extra=extra)
        members_changed = self._save_members(committee, old.members if old else [])
        if old is not None and members_changed and not changed:  # the composition is part of the committee
            c.execute("UPDATE committee SET row_version = row_version + 1 WHERE id = ?", (committee.id,))
            committee.row_version = old.row_version + 1
        return members_changed or changed

    def _save_members(self, committee: Committee, old_members: list[CommitteeMember]) -> bool:
        c = self.store.conn
        old_by_id = {m.id: m for m in old_members}
        keep = {m.id for m in committee.members if m.id is not None}
        changed = False
        for m in old_members:
            if m.id not in keep:
                self.history.committee(committee.id, [("membre retiré", self.member_text(m), None)])
                c.execute("DELETE FROM committee_member WHERE id = ?", (m.id,))
                changed = True
        for position, m in enumerate(committee.members):
            values = (committee.id, m.organisation_id, m.person_id, m.role.value, m.substitute_id, m.notes, position)
            before = old_by_id.get(m.id)
            if before is None:
                m.id = c.execute(
                    "INSERT INTO committee_member(committee_id, organisation_id, person_id, role, substitute_id, notes,"
                    " position, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values + (m.id,)).lastrowid
                self.history.committee(committee.id, [("membre ajouté", None, self.member_text(m))])
                changed = True
                continue
            old_pos = old_members.index(before)
            if field_diff(before, m) or old_pos != position:
                c.execute("UPDATE committee_member SET committee_id=?, organisation_id=?, person_id=?, role=?,"
                          " substitute_id=?, notes=?, position=? WHERE id=?", values + (m.id,))
                if field_diff(before, m):
                    self.history.committee(committee.id, [("membre modifié", self.member_text(before),
                                                           self.member_text(m))])
                changed = True
        return changed

    def delete(self, committee_id: int) -> None:
        old = self.committee(committee_id)
        self.store.conn.execute("DELETE FROM committee WHERE id = ?", (committee_id,))
        if old:
            self.history.committee(committee_id, [("suppression", old.name, None)])
