"""Agenda items of a meeting, their links to actions, and the documents attached (BLOBs in the workspace)."""

from __future__ import annotations

from datetime import datetime

from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.db.ids import claim_id
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, Attachment, ChangeKind, LinkedAction
from crte_desktop.db.store import Store

_ITEM_COLS = ("id, meeting_id, position, title, kind, change_kind, presenter, duration_minutes, description, notes,"
              " row_version")
_ATT_COLS = "id, meeting_id, agenda_item_id, file_name, mime_type, size, description, added_at"


def _item(r) -> AgendaItem:
    return AgendaItem(id=r[0], meeting_id=r[1], position=r[2], title=r[3], kind=AgendaItemKind.from_code(r[4]),
                      change_kind=ChangeKind.from_code(r[5]) if r[5] else None, presenter=r[6],
                      duration_minutes=r[7], description=r[8], notes=r[9], row_version=r[10])


def _attachment(r) -> Attachment:
    return Attachment(id=r[0], meeting_id=r[1], agenda_item_id=r[2], file_name=r[3], mime_type=r[4], size=r[5],
                      description=r[6], added_at=datetime.fromisoformat(r[7]))


def action_labels(store: Store, action_ids) -> dict[int, str]:
    """Action id → "2021-1 — Title" for the ids that exist."""
    ids = [i for i in set(action_ids) if i is not None]
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(f"SELECT id, reference || ' — ' || title FROM action WHERE id IN ({marks})", ids)
    return dict(rows.fetchall())


def actions_of_contract(store: Store, action_ids, contract_id: int) -> set[int]:
    ids = [i for i in set(action_ids) if i is not None]
    if not ids:
        return set()
    marks = ", ".join("?" * len(ids))
    return {r[0] for r in store.conn.execute(f"SELECT id FROM action WHERE contract_id = ? AND id IN ({marks})",
                                             [contract_id, *ids])}


def item_prefix(item: AgendaItem) -> str:
    return f"Point « {item.title.strip()} » : "


class AgendaRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = MeetingHistory(store)

    # -- items --------------------------------------------------------------------------------------
    def items(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.store.conn.execute(
            f"SELECT {_ITEM_COLS} FROM agenda_item WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)).fetchall()
        items = [_item(r) for r in rows]
        links = self._links([i.id for i in items])
        for i in items:
            i.actions = links.get(i.id, [])
        return items

    def item(self, item_id: int) -> AgendaItem | None:
        r = self.store.conn.execute(f"SELECT {_ITEM_COLS} FROM agenda_item WHERE id = ?", (item_id,)).fetchone()
        if not r:
            return None
        item = _item(r)
        item.actions = self._links([item_id]).get(item_id, [])
        return item

    def _links(self, item_ids: list[int]) -> dict[int, list[LinkedAction]]:
        if not item_ids:
            return {}
        marks = ", ".join("?" * len(item_ids))
        result: dict[int, list[LinkedAction]] = {}
        for item_id, action_id, label in self.store.conn.execute(
                f"SELECT agenda_item_id, action_id, action_label FROM agenda_item_action"
                f" WHERE agenda_item_id IN ({marks}) ORDER BY position, id", item_ids):
            result.setdefault(item_id, []).append(LinkedAction(action_id, label))
        return result

    def next_position(self, meeting_id: int) -> int:
        return self.store.conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?",
                                       (meeting_id,)).fetchone()[0]

    def save_item(self, item: AgendaItem, meeting_label: str) -> bool:
        """Insert or update an item and its links to actions (inside a transaction)."""
        c = self.store.conn
        old = self.item(item.id) if item.id is not None else None
        if old is None and not item.position:
            item.position = self.next_position(item.meeting_id)
        values = (item.meeting_id, item.position, item.title.strip(), item.kind.value,
                  item.change_kind.value if item.change_kind else None, item.presenter.strip(), item.duration_minutes,
                  item.description, item.notes)
        if old is None:
            item.id = c.execute(
                "INSERT INTO agenda_item(meeting_id, position, title, kind, change_kind, presenter, duration_minutes,"
                " description, notes, row_version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values + (item.row_version, claim_id(c, "agenda_item", item.id))).lastrowid  # put back: its version
            self.history.meeting(item.meeting_id, [("point ajouté à l'ordre du jour", None, item.title.strip())])
            changed = True
        else:
            diff = field_diff(old, item, skip=("actions", "meeting_id", "position"), prefix=item_prefix(old))
            if diff or old.position != item.position:
                c.execute("UPDATE agenda_item SET meeting_id=?, position=?, title=?, kind=?, change_kind=?, presenter=?,"
                          " duration_minutes=?, description=?, notes=? WHERE id=?", values + (item.id,))
            self.history.meeting(item.meeting_id, diff)
            changed = bool(diff) or old.position != item.position
        links_changed = self._save_links(item, old.actions if old else [], meeting_label)
        if old is not None and (diff or links_changed):  # the links are part of the item
            c.execute("UPDATE agenda_item SET row_version = row_version + 1 WHERE id = ?", (item.id,))
            item.row_version = old.row_version + 1
        return links_changed or changed

    def version(self, item_id: int) -> int | None:
        """The item's row version (None: no such item)."""
        r = self.store.conn.execute("SELECT row_version FROM agenda_item WHERE id = ?", (item_id,)).fetchone()
        return r[0] if r else None

    def _save_links(self, item: AgendaItem, old_links: list[LinkedAction], meeting_label: str) -> bool:
        if [(a.action_id, a.label) for a in old_links] == [(a.action_id, a.label) for a in item.actions]:
            return False
        c = self.store.conn
        labels = action_labels(self.store, item.action_ids)
        for link in item.actions:
            if link.action_id is not None:
                link.label = labels.get(link.action_id, link.label)
        c.execute("DELETE FROM agenda_item_action WHERE agenda_item_id = ?", (item.id,))
        c.executemany("INSERT INTO agenda_item_action(agenda_item_id, action_id, action_label, position)"
                      " VALUES (?, ?, ?, ?)", [(item.id, a.action_id, a.label, i) for i, a in enumerate(item.actions)])
        old_ids = {a.action_id for a in old_links if a.action_id is not None}
        new_ids = set(item.action_ids)
        for aid in new_ids - old_ids:
            self.history.meeting(item.meeting_id, [(f"Ordre du jour du {meeting_label}", None,
                                                    f"{labels.get(aid, '?')} (point « {item.title.strip()} »)")], action_id=aid)
        for link in old_links:
            if link.action_id in old_ids - new_ids:
                self.history.meeting(item.meeting_id, [(f"Ordre du jour du {meeting_label}",
                                                        f"{link.label} (point « {item.title.strip()} »)", None)],
                                     action_id=link.action_id)
        return True

    def set_positions(self, meeting_id: int, item_ids: list[int]) -> None:
        self.store.conn.executemany("UPDATE agenda_item SET position = ? WHERE id = ? AND meeting_id = ?",
                                    [(i + 1, item_id, meeting_id) for i, item_id in enumerate(item_ids)])

    def delete_item(self, item_id: int) -> None:
        old = self.item(item_id)
        if old is None:
            return
        self.store.conn.execute("DELETE FROM agenda_item WHERE id = ?", (item_id,))
        self.history.meeting(old.meeting_id, [("point retiré de l'ordre du jour", old.title, None)])

    # -- attachments --------------------------------------------------------------------------------
    def attachments(self, meeting_id: int) -> list[Attachment]:
        """All documents of the meeting (its own and its items'), without their content."""
        rows = self.store.conn.execute(
            f"SELECT {_ATT_COLS} FROM attachment WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))
        return [_attachment(r) for r in rows]

    def attachment(self, attachment_id: int) -> Attachment | None:
        r = self.store.conn.execute(f"SELECT {_ATT_COLS} FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
        return _attachment(r) if r else None

    def attachment_data(self, attachment_id: int) -> bytes | None:
        r = self.store.conn.execute("SELECT data FROM attachment WHERE id = ?", (attachment_id,)).fetchone()
        return bytes(r[0]) if r else None

    def add_attachment(self, att: Attachment, data: bytes) -> int:
        c = self.store.conn
        att.size = len(data)
        att.added_at = att.added_at or datetime.now().replace(microsecond=0)
        position = c.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM attachment WHERE meeting_id = ?",
                             (att.meeting_id,)).fetchone()[0]
        att.id = c.execute(
            "INSERT INTO attachment(meeting_id, agenda_item_id, file_name, mime_type, size, data, description, added_at,"
            " position, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (att.meeting_id, att.agenda_item_id, att.file_name, att.mime_type, att.size, data, att.description,
             att.added_at.isoformat(), position, att.id)).lastrowid
        self.history.meeting(att.meeting_id, [("document joint", None, att.file_name)])
        return att.id

    def delete_attachment(self, attachment_id: int) -> None:
        old = self.attachment(attachment_id)
        if old is None:
            return
        self.store.conn.execute("DELETE FROM attachment WHERE id = ?", (attachment_id,))
        self.history.meeting(old.meeting_id, [("document retiré", old.file_name, None)])
