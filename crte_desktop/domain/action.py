"""Fiches actions: the programme of the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crte_desktop.domain.enums import LATE_LABEL, ActionStatus, Phase, Priority, Rating, TaxonomyObjective


@dataclass
class Action:
    contract_id: int
    reference: str
    title: str
    section_id: int | None = None
    description: str = ""
    objectives: str = ""
    owner_id: int | None = None  # maître d'ouvrage (organisation)
    epci_id: int | None = None  # EPCI territory
    partner_ids: list[int] = field(default_factory=list)
    commune_ids: list[int] = field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None
    total_cost: Decimal | None = None
    status: ActionStatus = ActionStatus.A_VENIR
    progress: int = 0
    priority: Priority = Priority.NORMAL
    inscription_year: int | None = None
    notes: str = ""
    id: int | None = None
    row_version: int = 1
    # since 2023 (schema 4)
    phase: Phase | None = None
    lever_ids: list[int] = field(default_factory=list)  # SGPE levers
    adaptation: bool = False  # contributes to adaptation to climate change (PNACC, TRACC)
    green_override: bool | None = None  # None: « favorable à l'environnement » computed from the assessment
    green_override_reason: str = ""

    def is_late(self, today: date) -> bool:
        return bool(self.end_date and self.end_date < today and not self.status.is_closed)

    def status_label(self, today: date) -> str:
        """The status shown to the user: "En retard" replaces an open status past the end date."""
        return LATE_LABEL if self.is_late(today) else self.status.label


@dataclass
class Assessment:
    """One objective of the green taxonomy, rated for one action."""

    objective: TaxonomyObjective
    rating: Rating = Rating.NOT_ASSESSED
    comment: str = ""


def full_assessment(items: list[Assessment]) -> list[Assessment]:
    """The six objectives in order, the missing ones as "not assessed"."""
    by_obj = {a.objective: a for a in items}
    return [by_obj.get(o, Assessment(o)) for o in TaxonomyObjective]
