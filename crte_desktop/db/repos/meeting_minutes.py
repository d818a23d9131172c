"""What happened at a meeting: attendance, decisions (with their links to actions) and follow-ups."""

from __future__ import annotations

from datetime import datetime

from crte_desktop.db.convert import from_iso, to_iso
from crte_desktop.db.repos.meeting_agenda import action_labels
from crte_desktop.db.repos.meeting_history import ATTENDANCE_LABELS, MeetingHistory, field_diff
from crte_desktop.db.ids import claim_id
from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import (
    AttendanceEntry, AttendanceStatus, Decision, DecisionEffect, DecisionOutcome, FollowUp, LinkedAction,
)

_ATT_COLS = ("id, meeting_id, member_id, person_id, organisation_id, name, organisation_name, role_label, is_guest,"
             " status, represented_by, comment, position")
_DEC_COLS = "id, meeting_id, agenda_item_id, number, text, outcome, effect, applied_on"
_FU_COLS = "id, meeting_id, decision_id, agenda_item_id, text, owner, due_date, done, done_on, position"


def _entry(r) -> AttendanceEntry:
    return AttendanceEntry(id=r[0], meeting_id=r[1], member_id=r[2], person_id=r[3], organisation_id=r[4], name=r[5],
                           organisation_name=r[6], role_label=r[7], is_guest=bool(r[8]),
                           status=AttendanceStatus.from_code(r[9]), represented_by=r[10], comment=r[11],
                           position=r[12])


def decision_from_row(r) -> Decision:
    return Decision(id=r[0], meeting_id=r[1], agenda_item_id=r[2], number=r[3], text=r[4],
                    outcome=DecisionOutcome.from_code(r[5]), effect=DecisionEffect.from_code(r[6]),
                    applied_on=datetime.fromisoformat(r[7]) if r[7] else None)


def follow_up_from_row(r) -> FollowUp:
    return FollowUp(id=r[0], meeting_id=r[1], decision_id=r[2], agenda_item_id=r[3], text=r[4], owner=r[5],
                    due_date=from_iso(r[6]), done=bool(r[7]), done_on=from_iso(r[8]), position=r[9])


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class MinutesRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = MeetingHistory(store)

    # -- attendance ---------------------------------------------------------------------------------
    def attendance(self, meeting_id: int) -> list[AttendanceEntry]:
        rows = self.store.conn.execute(
            f"SELECT {_ATT_COLS} FROM attendance WHERE meeting_id = ? ORDER BY is_guest, position, id", (meeting_id,))
        return [_entry(r) for r in rows]

    def save_attendance(self, meeting_id: int, entries: list[AttendanceEntry]) -> bool:
        """Replace the attendance sheet by ``entries`` (kept ids are updated). Inside a transaction."""
        c = self.store.conn
        old = {e.id: e for e in self.attendance(meeting_id)}
        keep = {e.id for e in entries if e.id is not None}
        changed = False
        for e in old.values():
            if e.id not in keep:
                c.execute("DELETE FROM attendance WHERE id = ?", (e.id,))
                self.history.meeting(meeting_id, [("retiré de la feuille de présence", e.display_name, None)])
                changed = True
        for position, e in enumerate(entries):
            e.meeting_id = meeting_id
            e.position = position
            values = (meeting_id, e.member_id, e.person_id, e.organisation_id, e.name.strip(),
                      e.organisation_name.strip(), e.role_label, int(e.is_guest), e.status.value,
                      e.represented_by.strip(), e.comment, position)
            before = old.get(e.id)
            if before is None:
                e.id = c.execute(
                    "INSERT INTO attendance(meeting_id, member_id, person_id, organisation_id, name, organisation_name,"
                    " role_label, is_guest, status, represented_by, comment, position, id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values + (e.id,)).lastrowid
                self.history.meeting(meeting_id, [("ajouté à la feuille de présence", None,
                                                   f"{e.display_name} : {e.status.label.lower()}")])
                changed = True
                continue
            diff = field_diff(before, e, skip=("meeting_id", "position", "member_id", "person_id", "organisation_id"),
                              labels=ATTENDANCE_LABELS, prefix=f"Présence de {before.display_name} : ")
            if diff or before.position != position:
                c.execute("UPDATE attendance SET meeting_id=?, member_id=?, person_id=?, organisation_id=?, name=?,"
                          " organisation_name=?, role_label=?, is_guest=?, status=?, represented_by=?, comment=?,"
                          " position=? WHERE id=?", values + (e.id,))
                self.history.meeting(meeting_id, diff)
                changed = changed or bool(diff)
        return changed

    # -- decisions ----------------------------------------------------------------------------------
    def decisions(self, meeting_id: int) -> list[Decision]:
        rows = self.store.conn.execute(f"SELECT {_DEC_COLS} FROM decision WHERE meeting_id = ? ORDER BY number",
                                       (meeting_id,)).fetchall()
        result = [decision_from_row(r) for r in rows]
        links = self._links([d.id for d in result])
        for d in result:
            d.actions = links.get(d.id, [])
        return result

    def decision(self, decision_id: int) -> Decision | None:
        r = self.store.conn.execute(f"SELECT {_DEC_COLS} FROM decision WHERE id = ?", (decision_id,)).fetchone()
        if not r:
            return None
        d = decision_from_row(r)
        d.actions = self._links([decision_id]).get(decision_id, [])
        return d

    def _links(self, decision_ids: list[int]) -> dict[int, list[LinkedAction]]:
        if not decision_ids:
            return {}
        marks = ", ".join("?" * len(decision_ids))
        result: dict[int, list[LinkedAction]] = {}
        for did, aid, label in self.store.conn.execute(
                f"SELECT decision_id, action_id, action_label FROM decision_action WHERE decision_id IN ({marks})"
                " ORDER BY position, id", decision_ids):
            result.setdefault(did, []).append(LinkedAction(aid, label))
        return result

    def next_number(self, meeting_id: int) -> int:
        return self.store.conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM decision WHERE meeting_id = ?",
                                       (meeting_id,)).fetchone()[0]

    def number_taken(self, meeting_id: int, number: int, except_id: int | None) -> bool:
        return self.store.conn.execute("SELECT 1 FROM decision WHERE meeting_id = ? AND number = ? AND id IS NOT ?",
                                       (meeting_id, number, except_id)).fetchone() is not None

    def save_decision(self, d: Decision, meeting_label: str) -> bool:
        c = self.store.conn
        old = self.decision(d.id) if d.id is not None else None
        if not d.number:
            d.number = self.next_number(d.meeting_id)
        values = (d.meeting_id, d.agenda_item_id, d.number, d.text.strip(), d.outcome.value, d.effect.value,
                  d.applied_on.isoformat(timespec="seconds") if d.applied_on else None)
        if old is None:
            d.id = c.execute("INSERT INTO decision(meeting_id, agenda_item_id, number, text, outcome, effect, applied_on,"
                             " id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values + (claim_id(c, "decision", d.id),)).lastrowid
            self.history.meeting(d.meeting_id, [(f"décision n° {d.number}", None,
                                                 f"{_short(d.text)} ({d.outcome.feminine})")])
            changed = True
        else:
            diff = field_diff(old, d, skip=("actions", "meeting_id"), prefix=f"Décision n° {old.number} : ")
            if diff:
                c.execute("UPDATE decision SET meeting_id=?, agenda_item_id=?, number=?, text=?, outcome=?, effect=?,"
                          " applied_on=? WHERE id=?", values + (d.id,))
                self.history.meeting(d.meeting_id, diff)
            changed = bool(diff)
        return self._save_links(d, old.actions if old else [], meeting_label) or changed

    def _save_links(self, d: Decision, old_links: list[LinkedAction], meeting_label: str) -> bool:
        if [(a.action_id, a.label) for a in old_links] == [(a.action_id, a.label) for a in d.actions]:
            return False
        c = self.store.conn
        labels = action_labels(self.store, [a.action_id for a in d.actions])
        for link in d.actions:
            if link.action_id is not None:
                link.label = labels.get(link.action_id, link.label)
        c.execute("DELETE FROM decision_action WHERE decision_id = ?", (d.id,))
        c.executemany("INSERT INTO decision_action(decision_id, action_id, action_label, position) VALUES (?, ?, ?, ?)",
                      [(d.id, a.action_id, a.label, i) for i, a in enumerate(d.actions)])
        old_ids = {a.action_id for a in old_links if a.action_id is not None}
        new_ids = {a.action_id for a in d.actions if a.action_id is not None}
        what = f"Décision n° {d.number} du {meeting_label}"
        for aid in new_ids - old_ids:
            self.history.meeting(d.meeting_id, [(what, None, f"{_short(d.text, 120)} ({d.outcome.feminine})")],
                                 action_id=aid)
        for aid in old_ids - new_ids:
            self.history.meeting(d.meeting_id, [(what, _short(d.text, 120), "action retirée de la décision")],
                                 action_id=aid)
        return True

    def delete_decision(self, decision_id: int) -> None:
        old = self.decision(decision_id)
        if old is None:
            return
        self.store.conn.execute("DELETE FROM decision WHERE id = ?", (decision_id,))
        self.history.meeting(old.meeting_id, [(f"décision n° {old.number} supprimée", _short(old.text), None)])

    # -- follow-ups ---------------------------------------------------------------------------------
    def follow_ups(self, meeting_id: int) -> list[FollowUp]:
        rows = self.store.conn.execute(
            f"SELECT {_FU_COLS} FROM follow_up WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))
        return [follow_up_from_row(r) for r in rows]

    def follow_up(self, follow_up_id: int) -> FollowUp | None:
        r = self.store.conn.execute(f"SELECT {_FU_COLS} FROM follow_up WHERE id = ?", (follow_up_id,)).fetchone()
        return follow_up_from_row(r) if r else None

    def save_follow_up(self, f: FollowUp) -> bool:
        c = self.store.conn
        old = self.follow_up(f.id) if f.id is not None else None
        if old is None and not f.position:
            f.position = c.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM follow_up WHERE meeting_id = ?",
                                   (f.meeting_id,)).fetchone()[0]
        values = (f.meeting_id, f.decision_id, f.agenda_item_id, f.text.strip(), f.owner.strip(), to_iso(f.due_date),
                  int(f.done), to_iso(f.done_on), f.position)
        if old is None:
            f.id = c.execute("INSERT INTO follow_up(meeting_id, decision_id, agenda_item_id, text, owner, due_date, done,"
                             " done_on, position, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             values + (claim_id(c, "follow_up", f.id),)).lastrowid
            self.history.meeting(f.meeting_id, [("suite à donner", None, _short(f.text))])
            return True
        diff = field_diff(old, f, skip=("meeting_id", "position"), prefix=f"Suite « {_short(old.text, 40)} » : ")
        if diff:
            c.execute("UPDATE follow_up SET meeting_id=?, decision_id=?, agenda_item_id=?, text=?, owner=?, due_date=?,"
                      " done=?, done_on=?, position=? WHERE id=?", values + (f.id,))
            self.history.meeting(f.meeting_id, diff)
        return bool(diff)

    def delete_follow_up(self, follow_up_id: int) -> None:
        old = self.follow_up(follow_up_id)
        if old is None:
            return
        self.store.conn.execute("DELETE FROM follow_up WHERE id = ?", (follow_up_id,))
        self.history.meeting(old.meeting_id, [("suite à donner supprimée", _short(old.text), None)])
