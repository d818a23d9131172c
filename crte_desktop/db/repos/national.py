"""National reference data of the CRTE since 2023: the SGPE levers (fixed list, with its source) and the
Fonds vert mesures (editable, each with a ``row_version`` moved by every change), plus the lapse delays'
source. Seeded by migration m004. Writes happen inside the caller's transaction (``writing``)."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.repos.upsert import upsert_with_history, writing
from crte_desktop.db.store import Store
from crte_desktop.domain.directory import FondsVertMesure, SgpeLever
from crte_desktop.domain.history import diff

_MESURE_WRITTEN = ("name", "axis", "first_year", "last_year", "position")


class NationalReferenceRepository:
    def __init__(self, store: Store):
        self.store = store
        self.history = HistoryRepository(store)

    # -- SGPE levers ---------------------------------------------------------------------------
    def levers(self) -> list[SgpeLever]:
        return [SgpeLever(id=r[0], name=r[1], position=r[2]) for r in self.store.conn.execute(
            "SELECT id, name, position FROM sgpe_lever ORDER BY position, id")]

    def lever_names(self) -> dict[int, str]:
        return dict(self.store.conn.execute("SELECT id, name FROM sgpe_lever"))

    def lever_usage(self) -> dict[int, int]:
        """Lever id → number of actions that name it."""
        return dict(self.store.conn.execute("SELECT lever_id, COUNT(*) FROM action_lever GROUP BY lever_id"))

    def source(self, key: str) -> str:
        """The source of a seeded list: "sgpe_levers", "fonds_vert_mesures" or "lapse_months"."""
        row = self.store.conn.execute("SELECT value FROM meta WHERE key = ?", (f"source.{key}",)).fetchone()
        return row[0] if row else ""

    # -- Fonds vert mesures ----------------------------------------------------------------------
    def mesures(self) -> list[FondsVertMesure]:
        return [FondsVertMesure(id=r[0], name=r[1], axis=r[2], first_year=r[3], last_year=r[4], position=r[5],
                                row_version=r[6])
                for r in self.store.conn.execute("SELECT id, name, axis, first_year, last_year, position, row_version"
                                                 " FROM fonds_vert_mesure ORDER BY position, id")]

    def mesure(self, mesure_id: int) -> FondsVertMesure | None:
        return next((m for m in self.mesures() if m.id == mesure_id), None)

    def mesure_usage(self, mesure_id: int) -> int:
        return self.store.conn.execute("SELECT COUNT(*) FROM financing WHERE mesure_id = ?", (mesure_id,)).fetchone()[0]

    def save_mesure(self, m: FondsVertMesure) -> Changes:
        """Insert or update (an id that does not exist yet is inserted with that id, for undo); a new mesure
        goes last. Its version moves when a field changed."""
        c = writing(self.store)
        m.name, m.axis = m.name.strip(), m.axis.strip()
        old = self.mesure(m.id) if m.id is not None else None
        if old is None and m.id is None:
            m.position = c.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM fonds_vert_mesure").fetchone()[0]
        written = upsert_with_history(
            c, "fonds_vert_mesure", _MESURE_WRITTEN, (m.name, m.axis, m.first_year, m.last_year, m.position), m, old,
            changed=lambda: diff(old, m, ("id", "position", "row_version")),
            record_history=lambda rows: self.history.record("fonds_vert_mesure", m.id, rows),
            versioned=True, insert_extra={"row_version": m.row_version}, force=old is not None and old.position != m.position)
        return Changes(reference=True) if written else Changes()

    def delete_mesure(self, mesure_id: int) -> Changes:
        c = writing(self.store)
        old = self.mesure(mesure_id)
        c.execute("DELETE FROM fonds_vert_mesure WHERE id = ?", (mesure_id,))
        self.history.record_event("fonds_vert_mesure", mesure_id, "suppression", old.name if old else None)
        return Changes(reference=True)
