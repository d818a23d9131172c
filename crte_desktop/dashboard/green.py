"""Green shares (« parts vertes ») of the State's investment grants: for each year and dotation (DSIL, DSID,
DETR, FNADT), the share of the granted amounts going to projects favourable to the environment, against the
threshold in force that year (reference data, by first year of application). A share below its threshold
raises an alert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crte_desktop.dashboard.compute import scope_of
from crte_desktop.dashboard.model import Alert, DashboardFilter
from crte_desktop.db.queries import green as q
from crte_desktop.db.store import Store
from crte_desktop.domain.money import format_amount, format_percent, from_cents

GREEN_RULE_SHORT = ("Part des montants accordés allant à des actions favorables à l'environnement (favorables sur au "
                    "moins un objectif, défavorables sur aucun, sauf choix motivé).")


@dataclass(frozen=True)
class GreenShare:
    year: int
    scheme_id: int
    scheme: str
    granted: Decimal
    favourable: Decimal
    threshold: int | None  # percent in force that year; None before any threshold

    @property
    def share(self) -> Decimal:
        return (self.favourable / self.granted).quantize(Decimal("0.0001")) if self.granted else Decimal(0)

    @property
    def below(self) -> bool:
        return self.threshold is not None and self.share * 100 < self.threshold

    @property
    def gap(self) -> Decimal:
        """What more should have gone to favourable projects to reach the threshold (0 when reached)."""
        if self.threshold is None:
            return Decimal("0.00")
        needed = (self.granted * self.threshold / 100).quantize(Decimal("0.01"))
        return max(needed - self.favourable, Decimal("0.00"))

    @property
    def verdict(self) -> str:
        if self.threshold is None:
            return "Pas de seuil"
        return "Sous le seuil" if self.below else "Seuil atteint"


def threshold_in_force(rows: list[tuple[int, int, str, int, int]], scheme_id: int, year: int) -> int | None:
    """The percent of the latest threshold of the scheme whose first year is not after ``year``."""
    best = None
    for _id, sid, _name, first_year, percent in rows:
        if sid == scheme_id and first_year <= year and (best is None or first_year >= best[0]):
            best = (first_year, percent)
    return best[1] if best else None


def _scope(store: Store, f: DashboardFilter, today: date | None):
    """Every granted line counts (the owner's own funds are never a State dotation)."""
    return scope_of(store, f, today or date.today(), external_only=False)


def green_shares(store: Store, f: DashboardFilter, today: date | None = None) -> list[GreenShare]:
    scope = _scope(store, f, today)
    limits = q.thresholds(store)
    return [GreenShare(year, sid, name, from_cents(granted), from_cents(favourable),
                       threshold_in_force(limits, sid, year))
            for year, sid, name, granted, favourable in q.green_sums(store, scope)]


def green_action_ids(store: Store, f: DashboardFilter, share: GreenShare, favourable: bool | None,
                     today: date | None = None) -> list[int]:
    return q.green_action_ids(store, _scope(store, f, today), share.year, share.scheme_id, favourable)


def green_alerts(store: Store, f: DashboardFilter, shares: list[GreenShare], today: date | None = None) -> list[Alert]:
    """One alert per share below its threshold, naming the granted actions that are not favourable."""
    alerts: list[Alert] = []
    if not any(s.below for s in shares):
        return alerts
    others = q.unfavourable_action_ids(store, _scope(store, f, today))
    for s in shares:
        if not s.below:
            continue
        ids = others.get((s.year, s.scheme_id), [])
        alerts.append(Alert("green_share", lambda s=s: (
            f"{s.scheme} {s.year} : {format_percent(s.share)} des montants accordés vont à des projets favorables à "
            f"l'environnement, sous le seuil de {s.threshold}\u00a0% (il manque {format_amount(s.gap)} sur "
            f"{format_amount(s.granted)} accordés)."), tuple(ids)))
    return alerts
