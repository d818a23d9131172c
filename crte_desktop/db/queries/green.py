"""Green shares of the State's investment grants, in SQL: per year and dotation, the amount granted and the
part of it on actions favourable to the environment; the thresholds (reference data). Schema 5 and later.

The verdict follows ``domain.green.effective_favourable``: the override when set, else favourable on at
least one objective of the assessment and unfavourable on none.
"""

from __future__ import annotations

from crte_desktop.db.queries.summary import Scope
from crte_desktop.db.store import Store

DOTATIONS = ("DSIL", "DSID", "DETR", "FNADT")

FAVOURABLE = ("COALESCE(a.green_override, CASE WHEN EXISTS (SELECT 1 FROM assessment x WHERE x.action_id = a.id"
              " AND x.rating = 'favourable') AND NOT EXISTS (SELECT 1 FROM assessment x WHERE x.action_id = a.id"
              " AND x.rating = 'unfavourable') THEN 1 ELSE 0 END)")

_GRANTED = "CASE WHEN f.status IN ('annule', 'refuse') THEN 0 ELSE COALESCE(f.granted_cents, 0) END"
_DOTATION = ("f.funder_id = (SELECT id FROM funder WHERE name = 'État') AND sc.name IN "
             f"({', '.join(repr(d) for d in DOTATIONS)})")


def green_sums(store: Store, scope: Scope) -> list[tuple[int, int, str, int, int]]:
    """(year, scheme id, scheme name, granted cents, granted cents on favourable actions) per year and
    dotation with something granted, under the scope's filters."""
    where, params = scope.lines_where()
    return store.conn.execute(
        f"SELECT f.year, sc.id, sc.name, SUM({_GRANTED}), SUM(CASE WHEN {FAVOURABLE} = 1 THEN {_GRANTED} ELSE 0 END)"
        " FROM financing f JOIN action a ON a.id = f.action_id JOIN scheme sc ON sc.id = f.scheme_id"
        f" WHERE a.contract_id = ? AND f.year IS NOT NULL AND {_DOTATION} {where}"
        f" GROUP BY f.year, sc.id HAVING SUM({_GRANTED}) > 0 ORDER BY f.year, sc.name",
        (scope.contract_id,) + params).fetchall()


def green_action_ids(store: Store, scope: Scope, year: int, scheme_id: int, favourable: bool | None) -> list[int]:
    """Actions with an amount granted on the dotation that year (only the favourable ones, only the others,
    or all with None), in reference order."""
    where, params = scope.actions_where()
    verdict = "" if favourable is None else f" AND {FAVOURABLE} = {1 if favourable else 0}"
    return [r[0] for r in store.conn.execute(
        "SELECT a.id FROM action a WHERE a.contract_id = ?"
        f" AND EXISTS (SELECT 1 FROM financing f WHERE f.action_id = a.id AND f.year = ? AND f.scheme_id = ?"
        f" AND {_GRANTED} > 0){verdict} {where} ORDER BY a.reference COLLATE NOCASE, a.id",
        (scope.contract_id, year, scheme_id) + params)]


def unfavourable_action_ids(store: Store, scope: Scope) -> dict[tuple[int, int], list[int]]:
    """(year, scheme id) → actions not favourable with an amount granted on that dotation that year, in
    reference order: every share's in one query (the alerts name them)."""
    where, params = scope.actions_where()
    result: dict[tuple[int, int], list[int]] = {}
    for year, scheme_id, action_id in store.conn.execute(
            "SELECT DISTINCT f.year, f.scheme_id, a.id FROM financing f JOIN action a ON a.id = f.action_id"
            " JOIN scheme sc ON sc.id = f.scheme_id"
            f" WHERE a.contract_id = ? AND f.year IS NOT NULL AND {_DOTATION} AND {_GRANTED} > 0"
            f" AND {FAVOURABLE} = 0 {where} ORDER BY a.reference COLLATE NOCASE, a.id",
            (scope.contract_id,) + params):
        result.setdefault((year, scheme_id), []).append(action_id)
    return result


def thresholds(store: Store) -> list[tuple[int, int, str, int, int]]:
    """(id, scheme id, scheme name, first year, percent) of the green thresholds."""
    return store.conn.execute(
        "SELECT t.id, t.scheme_id, s.name, t.first_year, t.percent FROM green_threshold t"
        " JOIN scheme s ON s.id = t.scheme_id ORDER BY s.name, t.first_year").fetchall()
