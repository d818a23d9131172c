"""The green-share thresholds (reference data): the percent in force for a State dotation from a first year of
application on. Read by ``db/queries/green.py``; written here."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import Problem, ValidationError


class GreenThresholdRepository:
    def __init__(self, store: Store):
        self.store = store

    def percent(self, scheme_id: int, first_year: int) -> int | None:
        """The threshold set for ``scheme_id`` from ``first_year`` on exactly (None: none that year)."""
        r = self.store.conn.execute("SELECT percent FROM green_threshold WHERE scheme_id = ? AND first_year = ?",
                                    (scheme_id, first_year)).fetchone()
        return r[0] if r else None

    def delete(self, scheme_id: int, first_year: int) -> Changes:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM green_threshold WHERE scheme_id = ? AND first_year = ?", (scheme_id, first_year))
        return self.store.notify(Changes(reference=True))

    def save(self, scheme_id: int, first_year: int, percent: int) -> Changes:
        """Set the threshold of a scheme from ``first_year`` on (replaces that year's); refused in French when
        the year or the percent is out of range."""
        problems = []
        if not 2000 <= first_year <= 2100:
            problems.append(Problem("first_year", f"Année d'application : « {first_year} » n'est pas une année valide."))
        if not 0 <= percent <= 100:
            problems.append(Problem("percent", f"Seuil : {percent} % n'est pas entre 0 et 100 %."))
        if problems:
            raise ValidationError(problems)
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO green_threshold(scheme_id, first_year, percent) VALUES (?, ?, ?)"
                         " ON CONFLICT(scheme_id, first_year) DO UPDATE SET percent = excluded.percent",
                         (scheme_id, first_year, percent))
        return self.store.notify(Changes(reference=True))
