"""The history table: every change to a record, when, by whom, old and new value."""

from __future__ import annotations

from datetime import datetime

from crte_desktop.db.store import Store
from crte_desktop.domain.history import HistoryEntry, diff
from crte_desktop.domain.wording import plural


class HistoryRepository:
    def __init__(self, store: Store):
        self.store = store

    def record(self, entity: str, entity_id: int, changes: list[tuple[str, str | None, str | None]],
               action_id: int | None = None) -> int:
        """Write one row per changed field; returns how many were written."""
        if not changes:
            return 0
        at = datetime.now().isoformat(timespec="seconds")
        self.store.conn.executemany(
            "INSERT INTO history(at, user, entity, entity_id, field, old_value, new_value, action_id, context)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, self.store.user, entity, entity_id, f, o, n, action_id, self.store.history_context)
             for f, o, n in changes],
        )
        return len(changes)

    def record_diff(self, entity: str, entity_id: int, old, new, action_id: int | None = None,
                    skip: tuple[str, ...] = ("id", "row_version")) -> int:
        return self.record(entity, entity_id, diff(old, new, skip), action_id)

    def record_event(self, entity: str, entity_id: int, event: str, description: str | None,
                     action_id: int | None = None) -> int:
        """A whole-record event ("création", "suppression") with a readable description."""
        return self.record(entity, entity_id, [(event, None, description)], action_id)

    def for_action(self, action_id: int) -> list[HistoryEntry]:
        rows = self.store.conn.execute(
            "SELECT id, at, user, entity, entity_id, field, old_value, new_value, action_id, context"
            " FROM history WHERE action_id = ? ORDER BY id DESC", (action_id,)).fetchall()
        return [_entry(r) for r in rows]

    def for_record(self, entity: str, entity_id: int) -> list[HistoryEntry]:
        rows = self.store.conn.execute(
            "SELECT id, at, user, entity, entity_id, field, old_value, new_value, action_id, context"
            " FROM history WHERE entity = ? AND entity_id = ? ORDER BY id DESC", (entity, entity_id)).fetchall()
        return [_entry(r) for r in rows]

    def last_change_of(self, entity: str, entity_id: int) -> list[HistoryEntry]:
        """The entries of the last change written for one record (same time, same user), in order."""
        entries = self.for_record(entity, entity_id)
        if not entries:
            return []
        last = entries[0]
        return [e for e in reversed(entries) if (e.at, e.user) == (last.at, last.user)]

    def latest_change(self, action_id: int) -> list[HistoryEntry]:
        """The entries of the last change written for an action (one user action: same time, same user)."""
        rows = self.store.conn.execute(
            "SELECT id, at, user, entity, entity_id, field, old_value, new_value, action_id, context FROM history"
            " WHERE action_id = ? AND at = (SELECT MAX(at) FROM history WHERE action_id = ?) ORDER BY id",
            (action_id, action_id)).fetchall()
        entries = [_entry(r) for r in rows]
        created = [i for i, e in enumerate(entries) if e.field == "création"]
        if created and created[-1] < len(entries) - 1:  # created then changed in the same second
            entries = entries[created[-1] + 1:]
        return entries

    def count(self) -> int:
        return self.store.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0]


def _entry(r) -> HistoryEntry:
    return HistoryEntry(
        id=r[0], at=datetime.fromisoformat(r[1]), user=r[2], entity=r[3], entity_id=r[4], field=r[5],
        old_value=r[6], new_value=r[7], action_id=r[8], context=r[9],
    )


def changed_elsewhere_message(what: str, latest: list[HistoryEntry], differences: list[tuple[str, str, str]],
                              *, undo: bool = False, deleting: bool = False, feminine: bool = True,
                              advice: str = "fermez la fiche, rouvrez-la et refaites-les") -> str:
    """« L'action 2021-1 a été modifiée par ailleurs depuis son ouverture (dernière modification par marie le
    04/12/2026 à 10:02). Enregistré : Intitulé « … » (le vôtre : « … ») … » — ``undo``: worded for an undo,
    ``deleting``: for a deletion; ``feminine`` False for « Le contrat … a été modifié »; ``advice``: what to
    do to make the changes again."""
    changed = "modifiée" if feminine else "modifié"
    who = f" (dernière modification par {latest[0].user} le {latest[0].at:%d/%m/%Y à %H:%M})" if latest else ""
    shown = "; ".join(f"{field} {_quoted(now)} (le vôtre : {_quoted(mine)})" for field, now, mine in differences[:6])
    more = f" et {plural(len(differences) - 6, 'autre différence')}" if len(differences) > 6 else ""
    detail = f" Enregistré maintenant : {shown}{more}." if shown else ""
    if undo:
        return (f"{what} a été {changed} par ailleurs depuis cette modification{who}.{detail} L'annulation aurait "
                "effacé ce changement plus récent : elle n'a pas été faite.")
    if deleting:
        return (f"{what} a été {changed} par ailleurs depuis son ouverture{who}.{detail} La suppression n'a pas été "
                "faite, pour ne pas effacer ce changement sans que vous l'ayez vu : regardez-le, puis supprimez à "
                "nouveau si besoin.")
    return (f"{what} a été {changed} par ailleurs depuis son ouverture{who}.{detail} Vos modifications n'ont pas "
            f"été enregistrées, pour ne pas effacer ce changement : {advice}.")


def _quoted(value: str | None) -> str:
    """« text » shortened, or « vide » for an empty field."""
    return f"« {_short(value)} »" if value not in (None, "") else "vide"


def _short(value: str | None) -> str:
    value = "" if value is None else str(value)
    return value if len(value) <= 60 else value[:57] + "…"
