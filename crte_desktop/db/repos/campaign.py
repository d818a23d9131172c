"""Revue de projets campaigns and their owners' tracking dates (schema 5 and later)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from crte_desktop.db.ids import next_id
from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.domain.campaign import TRACKING, Campaign, CampaignOwner
from crte_desktop.domain.dates import from_iso

CAMPAIGNS = "campaigns"  # Changes.extra kind


def _campaign(r) -> Campaign:
    return Campaign(r[1], r[2], from_iso(r[3]), from_iso(r[4]), uuid=r[5], created_at=r[6], id=r[0])


_COLUMNS = "id, contract_id, name, start_date, end_date, uuid, created_at"


class CampaignRepository:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    def for_contract(self, contract_id: int) -> list[Campaign]:
        return [_campaign(r) for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM campaign WHERE contract_id = ? ORDER BY start_date DESC, id DESC", (contract_id,))]

    def get(self, campaign_id: int) -> Campaign | None:
        r = self.conn.execute(f"SELECT {_COLUMNS} FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
        return _campaign(r) if r else None

    def by_uuid(self, campaign_uuid: str) -> Campaign | None:
        r = self.conn.execute(f"SELECT {_COLUMNS} FROM campaign WHERE uuid = ?", (campaign_uuid,)).fetchone()
        return _campaign(r) if r else None

    def owners(self, campaign_id: int) -> list[CampaignOwner]:
        rows = self.conn.execute(
            "SELECT co.campaign_id, co.owner_id, o.name, (SELECT COUNT(*) FROM action a WHERE a.owner_id = co.owner_id"
            " AND a.contract_id = c.contract_id), co.file_name, co.sent_on, co.reminded_on, co.received_on,"
            " co.integrated_on FROM campaign_owner co JOIN campaign c ON c.id = co.campaign_id"
            " JOIN organisation o ON o.id = co.owner_id WHERE co.campaign_id = ? ORDER BY o.name COLLATE NOCASE",
            (campaign_id,)).fetchall()
        return [CampaignOwner(r[0], r[1], r[2], r[3], r[4], *(from_iso(v) for v in r[5:9])) for r in rows]

    def owner_rows(self, campaign_id: int) -> list[tuple]:
        """The campaign's owners as stored: (owner id, file name, sent_on, reminded_on, received_on,
        integrated_on — ISO text or None), by owner id. What an undo compares and puts back."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT owner_id, file_name, sent_on, reminded_on, received_on, integrated_on FROM campaign_owner"
            " WHERE campaign_id = ? ORDER BY owner_id", (campaign_id,))]

    def owner(self, campaign_id: int, owner_id: int) -> CampaignOwner | None:
        return next((o for o in self.owners(campaign_id) if o.owner_id == owner_id), None)

    def contract_owners(self, contract_id: int) -> list[tuple[int, str, str]]:
        """(id, name, short name) of the owners of at least one action of the contract not abandoned."""
        return self.conn.execute(
            "SELECT DISTINCT o.id, o.name, o.short_name FROM action a JOIN organisation o ON o.id = a.owner_id"
            " WHERE a.contract_id = ? AND a.status != 'abandonnee' ORDER BY o.name COLLATE NOCASE",
            (contract_id,)).fetchall()

    def action_ids_by_owner(self, contract_id: int) -> dict[int, set[int]]:
        """Owner id → ids of the contract's actions it owns (every status: an owner's workbook lists them all)."""
        by_owner: dict[int, set[int]] = {}
        for action_id, owner_id in self.conn.execute(
                "SELECT id, owner_id FROM action WHERE contract_id = ? AND owner_id IS NOT NULL", (contract_id,)):
            by_owner.setdefault(owner_id, set()).add(action_id)
        return by_owner

    # -- writing (inside the caller's transaction) ---------------------------------------------------------
    def create(self, c: Campaign, owners: list[tuple[int, str]]) -> Changes:
        """Insert the campaign and its owners ((owner id, file name)); gives ``c`` its id, uuid and time."""
        c.uuid = c.uuid or str(uuid.uuid4())
        c.created_at = c.created_at or datetime.now().replace(microsecond=0).isoformat()
        with self.store.transaction() as conn:
            c.id = conn.execute(  # an undone campaign's id is never given to the next one (db/ids.py)
                "INSERT INTO campaign(id, contract_id, name, start_date, end_date, uuid, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (next_id(conn, "campaign"), c.contract_id, c.name.strip(),
                                                  c.start_date.isoformat(), c.end_date.isoformat(), c.uuid,
                                                  c.created_at)).lastrowid
            conn.executemany("INSERT INTO campaign_owner(campaign_id, owner_id, file_name) VALUES (?, ?, ?)",
                             [(c.id, owner_id, name) for owner_id, name in owners])
        return Changes(extra={CAMPAIGNS})

    def restore(self, c: Campaign, owner_rows: list[tuple]) -> Changes:
        """Put back a deleted campaign with its id, uuid and owners as ``owner_rows`` gave them (undo)."""
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO campaign(id, contract_id, name, start_date, end_date, uuid, created_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", (c.id, c.contract_id, c.name, c.start_date.isoformat(),
                                                           c.end_date.isoformat(), c.uuid, c.created_at))
            conn.executemany("INSERT INTO campaign_owner(campaign_id, owner_id, file_name, sent_on, reminded_on,"
                             " received_on, integrated_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(c.id, *row) for row in owner_rows])
        return Changes(extra={CAMPAIGNS})

    def set_date(self, campaign_id: int, owner_id: int, field: str, day: date | None) -> Changes:
        if field not in TRACKING:
            raise ValueError(field)
        with self.store.transaction() as conn:
            conn.execute(f"UPDATE campaign_owner SET {field} = ? WHERE campaign_id = ? AND owner_id = ?",
                         (day.isoformat() if day else None, campaign_id, owner_id))
        return Changes(extra={CAMPAIGNS})

    def set_file_name(self, campaign_id: int, owner_id: int, name: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE campaign_owner SET file_name = ? WHERE campaign_id = ? AND owner_id = ?",
                         (name, campaign_id, owner_id))

    def delete(self, campaign_id: int) -> Changes:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM campaign WHERE id = ?", (campaign_id,))
        return Changes(extra={CAMPAIGNS})
