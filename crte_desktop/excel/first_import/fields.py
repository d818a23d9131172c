"""The application's fields a column of the spreadsheet can feed, and a column's target.

A target is either a field of the action ("title", "total_cost"…) or a financing line: a funder (or
one of its schemes) at a stage (planned, requested, granted, paid).
"""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.domain.enums import Stage
from crte_desktop.excel.layout import Kind

FINANCING = "financing"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind


FIELDS = (
    Field("reference", "Référence", Kind.TEXT),
    Field("title", "Intitulé", Kind.TEXT),
    Field("section", "Section (axe, volet…)", Kind.CHOICE),
    Field("owner", "Maître d'ouvrage", Kind.CHOICE),
    Field("total_cost", "Coût total", Kind.MONEY),
    Field("status", "Statut", Kind.CHOICE),
    Field("progress", "Avancement (%)", Kind.PERCENT),
    Field("start_date", "Date de début", Kind.DATE),
    Field("end_date", "Date de fin", Kind.DATE),
    Field("inscription_year", "Année", Kind.YEAR),
    Field("description", "Description", Kind.TEXT),
    Field("notes", "Observations", Kind.TEXT),
)
BY_KEY = {f.key: f for f in FIELDS}

# Where a broken rule of the action (Problem.field) is shown in the spreadsheet.
RULE_FIELDS = {"reference": "reference", "title": "title", "end_date": "end_date", "progress": "progress",
               "total_cost": "total_cost", "inscription_year": "inscription_year", "financing": "total_cost"}


@dataclass(frozen=True)
class Target:
    """What a column feeds. ``field`` is a key of FIELDS, or FINANCING with a funder, a scheme and a stage."""

    field: str
    funder_id: int | None = None
    scheme_id: int | None = None
    stage: Stage = Stage.PLANNED

    @property
    def is_financing(self) -> bool:
        return self.field == FINANCING

    @property
    def kind(self) -> Kind:
        return Kind.MONEY if self.is_financing else BY_KEY[self.field].kind

    @classmethod
    def financing(cls, funder_id: int, scheme_id: int | None = None, stage: Stage = Stage.PLANNED) -> "Target":
        return cls(FINANCING, funder_id, scheme_id, stage)


Mapping = dict[int, Target]  # column (0-based) → target; a column left out is ignored
