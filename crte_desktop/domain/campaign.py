"""Revue de projets campaigns: a contract's yearly call to its maîtres d'ouvrage, one workbook each, tracked
from sending to integration (instruction of 30/04/2024: revue window 1 July–30 September)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crte_desktop.domain.errors import Problem

# owner tracking fields → French label, in the order of the workflow
TRACKING = {"sent_on": "Envoyé le", "reminded_on": "Relancé le", "received_on": "Reçu le",
            "integrated_on": "Intégré le"}
PROPOSAL_REFERENCE_PREFIX = "PROP"  # references given to proposed projects: PROP-2025-1…


@dataclass
class Campaign:
    contract_id: int
    name: str
    start_date: date
    end_date: date
    uuid: str = ""
    created_at: str = ""
    id: int | None = None


@dataclass
class CampaignOwner:
    campaign_id: int
    owner_id: int
    owner_name: str
    actions: int = 0
    file_name: str = ""
    sent_on: date | None = None
    reminded_on: date | None = None
    received_on: date | None = None
    integrated_on: date | None = None

    @property
    def state(self) -> str:
        if self.integrated_on:
            return "Intégré"
        if self.received_on:
            return "Reçu, à intégrer"
        if self.reminded_on:
            return "Relancé"
        if self.sent_on:
            return "Envoyé"
        return "À envoyer"


def default_campaign(contract_id: int, today: date) -> Campaign:
    """The revue of the year: 1 July–30 September."""
    return Campaign(contract_id, f"Revue de projets {today.year}", date(today.year, 7, 1), date(today.year, 9, 30))


def campaign_problems(c: Campaign) -> list[Problem]:
    problems = []
    if not c.name.strip():
        problems.append(Problem("name", "Nom de la campagne : obligatoire."))
    if c.start_date is None:
        problems.append(Problem("start_date", "Début de la campagne : obligatoire."))
    if c.end_date is None:
        problems.append(Problem("end_date", "Fin de la campagne : obligatoire."))
    if c.start_date and c.end_date and c.end_date < c.start_date:
        problems.append(Problem("end_date", "Fin de la campagne : elle précède le début."))
    return problems
