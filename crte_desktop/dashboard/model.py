"""What the dashboard shows, as plain dataclasses: the window, the workbook and the meeting pack read them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crte_desktop.db.queries.summary import StageSums
from crte_desktop.domain.enums import Stage

__all__ = ["DashboardFilter", "FigureKey", "StatusCount", "SectionProgress", "IndicatorStatus", "Alert", "Kpis",
           "Dashboard", "StageSums", "FINANCING_GROUPS", "LATE"]

LATE = "late"  # the pseudo-status of open actions past their end date

# financing groups shown by the dashboard → French title
FINANCING_GROUPS = {
    "funder": "Par financeur",
    "scheme": "Par dispositif",
    "category": "Par catégorie",
    "year": "Par année",
    "territory": "Par territoire",
}


@dataclass(frozen=True)
class DashboardFilter:
    """The dashboard's filters; None = all. ``status`` is a status code or "late"."""

    contract_id: int
    section_id: int | None = None  # the section and all below it
    owner_id: int | None = None
    funder_id: int | None = None
    year: int | None = None
    status: str | None = None
    territory_id: int | None = None  # EPCI territory

    @property
    def is_narrowed(self) -> bool:
        return any(v is not None for v in (self.section_id, self.owner_id, self.funder_id, self.year, self.status,
                                            self.territory_id))


@dataclass(frozen=True)
class FigureKey:
    """Names one figure of the dashboard, to find the actions behind it (``action_ids_for``).

    kind: "actions", "cost", "progress", "status" (value: code or "late"), "section" (value: id or None),
    "stage" (value: Stage code), "funder", "scheme", "year", "category", "territory" (value: the row's key).
    """

    kind: str
    value: object = None


@dataclass
class StatusCount:
    code: str
    label: str
    color: str
    count: int

    @property
    def key(self) -> FigureKey:
        return FigureKey("status", self.code)


@dataclass
class SectionProgress:
    """Cost-weighted progress of a section with everything below it (abandoned actions left out)."""

    section_id: int | None  # None: the actions without a section
    code: str
    title: str
    depth: int
    count: int  # actions counted (not abandoned)
    costed_count: int  # of which with a known cost
    cost: Decimal
    weighted: float | None  # sum(progress × cost) / sum(cost), in %; None when no action has a cost
    average: float | None  # plain mean of the progress, in %; None without actions

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def key(self) -> FigureKey:
        return FigureKey("section", self.section_id)


@dataclass
class IndicatorStatus:
    indicator_id: int
    name: str
    unit: str
    action_id: int | None
    action_reference: str
    baseline: float | None
    target: float | None
    latest_value: float | None
    latest_date: date | None
    due_date: date | None
    achievement: float | None  # share of the way from baseline to target (0–1+)
    behind: bool

    @property
    def key(self) -> FigureKey:
        return FigureKey("indicator", self.indicator_id)


class Alert:
    """Something the secretary should look at. ``kind``: late, uncovered, overfinanced, public_aid,
    indicator_behind, cadence, lapse. The French ``message`` is written when first read (a dashboard of thousands of
    actions may raise thousands of alerts, and a list shows a screenful)."""

    __slots__ = ("kind", "action_ids", "reference", "_message")

    KIND_LABELS = {
        "late": "Actions en retard",
        "uncovered": "Financement incomplet",
        "overfinanced": "Financement supérieur au coût",
        "public_aid": "Aides publiques au-delà de 80 %",
        "indicator_behind": "Indicateurs en retard sur leur cible",
        "cadence": "Comités sous leur rythme annuel",
        "lapse": "Subventions proches de la caducité",
        "green_share": "Parts vertes sous leur seuil",
    }

    def __init__(self, kind: str, message: str | Callable[[], str], action_ids: tuple[int, ...] = (),
                 reference: str = ""):
        self.kind = kind
        self.action_ids = tuple(action_ids)
        self.reference = reference  # the action concerned, if one
        self._message = message

    @property
    def message(self) -> str:
        if callable(self._message):
            self._message = self._message()
        return self._message

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)

    def __eq__(self, other) -> bool:
        return isinstance(other, Alert) and (self.kind, self.message, self.action_ids, self.reference) == (
            other.kind, other.message, other.action_ids, other.reference)

    def __repr__(self) -> str:
        return f"Alert({self.kind!r}, {self.message!r}, {self.action_ids!r})"


@dataclass
class Kpis:
    action_count: int
    total_cost: Decimal
    uncosted_count: int  # actions without a known cost
    financing: StageSums  # the scope's financing at each stage
    retained_on_costed: Decimal  # financing expected on the actions that have a cost
    coverage: Decimal | None  # retained_on_costed / total_cost
    progress: float | None  # cost-weighted progress of the actions not abandoned, in %

    def stage(self, stage: Stage) -> Decimal:
        return Decimal(getattr(self.financing, stage.value)) / 100


@dataclass
class Dashboard:
    filter: DashboardFilter
    today: date
    contract_name: str
    kpis: Kpis
    statuses: list[StatusCount]
    financing: dict[str, list[StageSums]]  # group (FINANCING_GROUPS) → rows; StageSums.key is the group's key
    sections: list[SectionProgress]  # every section (tree order, depth), then "(sans section)" if any
    indicators: list[IndicatorStatus]
    alerts: list[Alert] = field(default_factory=list)
    green: list = field(default_factory=list)  # dashboard.green.GreenShare per year and dotation

    @property
    def top_sections(self) -> list[SectionProgress]:
        return [s for s in self.sections if s.depth == 0]

    def alerts_of(self, kind: str) -> list[Alert]:
        return [a for a in self.alerts if a.kind == kind]

    @property
    def behind_indicators(self) -> list[IndicatorStatus]:
        return [i for i in self.indicators if i.behind]
