"""Meetings (séances) of the committees: rows read by name (db/rows.py), written by the shared upsert
(db/repos/upsert.py) inside the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import time

from crte_desktop.db.convert import from_iso, to_iso
from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.db.repos.upsert import upsert_with_history
from crte_desktop.db.rows import named_row, named_rows
from crte_desktop.domain.meetings import Meeting, MeetingStatus, MinutesStatus
from crte_desktop.db.store import Store

_COLS = ("id, committee_id, date, start_time, end_time, place, video_link, status, convocation_sent_on,"
         " minutes_status, minutes_validated_on, minutes_validated_at, introduction, uid, ics_sequence, row_version")


_WRITTEN = ("committee_id", "date", "start_time", "end_time", "place", "video_link", "status", "convocation_sent_on",
            "minutes_status", "minutes_validated_on", "minutes_validated_at", "introduction", "uid", "ics_sequence")


def time_to_text(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def time_from_text(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def _meeting(r) -> Meeting:
    return Meeting(id=r["id"], committee_id=r["committee_id"], date=from_iso(r["date"]),
                   start_time=time_from_text(r["start_time"]), end_time=time_from_text(r["end_time"]), place=r["place"],
                   video_link=r["video_link"], status=MeetingStatus.from_code(r["status"]),
                   convocation_sent_on=from_iso(r["convocation_sent_on"]),
                   minutes_status=MinutesStatus.from_code(r["minutes_status"]),
                   minutes_validated_on=from_iso(r["minutes_validated_on"]),
                   minutes_validated_at=r["minutes_validated_at"], introduction=r["introduction"], uid=r["uid"],
                   ics_sequence=r["ics_sequence"], row_version=r["row_version"])


class MeetingRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = MeetingHistory(store)

    # -- reading ------------------------------------------------------------------------------------
    def get(self, meeting_id: int) -> Meeting | None:
        r = named_row(self.store.conn, f"SELECT {_COLS} FROM meeting WHERE id = ?", (meeting_id,))
        return _meeting(r) if r else None

    def for_committee(self, committee_id: int) -> list[Meeting]:
        rows = named_rows(self.store.conn,
                          f"SELECT {_COLS} FROM meeting WHERE committee_id = ? ORDER BY date, start_time, id", (committee_id,))
        return [_meeting(r) for r in rows]

    def for_contract(self, contract_id: int) -> list[Meeting]:
        rows = named_rows(
            self.store.conn, f"SELECT {', '.join('m.' + c.strip() for c in _COLS.split(','))} FROM meeting m"
            " JOIN committee c ON c.id = m.committee_id WHERE c.contract_id = ? ORDER BY m.date, m.start_time, m.id",
            (contract_id,))
        return [_meeting(r) for r in rows]

    def contract_of(self, meeting_id: int) -> int | None:
        r = self.store.conn.execute(
            "SELECT c.contract_id FROM meeting m JOIN committee c ON c.id = m.committee_id WHERE m.id = ?",
            (meeting_id,)).fetchone()
        return r[0] if r else None

    def previous(self, meeting: Meeting) -> Meeting | None:
        """The last meeting of the same committee before this one (cancelled and postponed ones skipped)."""
        r = named_row(
            self.store.conn, f"SELECT {_COLS} FROM meeting WHERE committee_id = ? AND id <> ? AND date < ?"
            " AND status NOT IN ('annulee', 'reportee') ORDER BY date DESC, id DESC LIMIT 1",
            (meeting.committee_id, meeting.id or 0, to_iso(meeting.date)))
        return _meeting(r) if r else None

    def validated_by(self, meeting_id: int) -> list[Meeting]:
        """Meetings whose minutes were validated at ``meeting_id``."""
        rows = named_rows(self.store.conn, f"SELECT {_COLS} FROM meeting WHERE minutes_validated_at = ? ORDER BY date",
                          (meeting_id,))
        return [_meeting(r) for r in rows]

    # -- writing (inside a transaction) -------------------------------------------------------------
    def save(self, m: Meeting) -> bool:
        """Insert or update. Returns True when something changed."""
        c = self.store.conn
        old = self.get(m.id) if m.id is not None else None
        m.uid = m.uid or f"{uuid.uuid4()}@crte-desktop"
        values = (m.committee_id, to_iso(m.date), time_to_text(m.start_time), time_to_text(m.end_time), m.place.strip(),
                  m.video_link.strip(), m.status.value, to_iso(m.convocation_sent_on), m.minutes_status.value,
                  to_iso(m.minutes_validated_on), m.minutes_validated_at, m.introduction, m.uid, m.ics_sequence)
        skip = ("uid", "ics_sequence")
        return upsert_with_history(
            c, "meeting", _WRITTEN, values, m, old,
            changed=lambda: ([("création", None, None)] if old is None else []) + field_diff(old, m, skip=skip),
            record_history=lambda rows: self.history.meeting(m.id, rows), versioned=True,
            insert_extra={"row_version": m.row_version}, force=old is not None and old.ics_sequence != m.ics_sequence)

    def delete(self, meeting_id: int, description: str) -> None:
        self.store.conn.execute("DELETE FROM meeting WHERE id = ?", (meeting_id,))
        self.history.meeting_event(meeting_id, "suppression", description)
