"""The application's fields a column of the spreadsheet can feed, and a column's target.

A target is a field of the action ("title", "total_cost"…), a financing column on one funder (or one
of its schemes) at a stage, or one of the financing layouts read per row:

- pairs « Financeur n » + « Montant n »: ``funder_name`` and ``funder_amount`` with the same ``slot`` n
  give one financing line per pair, on the funder named in the row;
- one row per grant: a ``scheme`` column (DETR, DSIL…) and a ``grant_amount`` column give one line on
  the scheme named in the row.

A section column may be tied to a level of the tree (``slot`` 1 = axe, 2 = sous-axe, 3 = sous-sous-axe;
0 = any section, found by its code or title).
"""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.domain.enums import Stage
from crte_desktop.excel.layout import Kind

FINANCING = "financing"
FUNDER_NAME, FUNDER_AMOUNT, SCHEME, GRANT_AMOUNT = "funder_name", "funder_amount", "scheme", "grant_amount"
MAX_PAIRS = 8  # « Financeur 1 » … « Financeur 8 »
MAX_LEVELS = 3


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind


FIELDS = (
    Field("reference", "Référence", Kind.TEXT),
    Field("title", "Intitulé", Kind.TEXT),
    Field("subtitle", "Titre de la sous-action", Kind.TEXT),
    Field("section", "Section (axe, volet…)", Kind.CHOICE),
    Field("owner", "Maître d'ouvrage", Kind.CHOICE),
    Field("partners", "Partenaires", Kind.CHOICE),
    Field("total_cost", "Coût total", Kind.MONEY),
    Field("status", "Statut", Kind.CHOICE),
    Field("phase", "Phase (Idée, Étude, Opération…)", Kind.CHOICE),
    Field("progress", "Avancement (%)", Kind.PERCENT),
    Field("start_date", "Date de début", Kind.DATE),
    Field("end_date", "Date de fin", Kind.DATE),
    Field("inscription_year", "Année", Kind.YEAR),
    Field("description", "Description", Kind.TEXT),
    Field("notes", "Observations", Kind.TEXT),
    Field(SCHEME, "Dispositif de la ligne (DETR, DSIL…)", Kind.CHOICE),
    Field(GRANT_AMOUNT, "Montant du dispositif de la ligne", Kind.MONEY),
    Field(FUNDER_NAME, "Financeur n (nom)", Kind.CHOICE),
    Field(FUNDER_AMOUNT, "Financeur n (montant)", Kind.MONEY),
)
BY_KEY = {f.key: f for f in FIELDS}
STAGED = {FINANCING, FUNDER_AMOUNT, GRANT_AMOUNT}  # the targets whose amounts are at a stage
SLOTTED = {FUNDER_NAME, FUNDER_AMOUNT}  # the targets numbered by their pair

# Where a broken rule of the action (Problem.field) is shown in the spreadsheet.
RULE_FIELDS = {"reference": "reference", "title": "title", "end_date": "end_date", "progress": "progress",
               "total_cost": "total_cost", "inscription_year": "inscription_year", "financing": "total_cost"}


@dataclass(frozen=True)
class Target:
    """What a column feeds. ``field`` is a key of FIELDS, or FINANCING with a funder, a scheme and a stage;
    ``slot`` numbers a funder pair or a section level."""

    field: str
    funder_id: int | None = None
    scheme_id: int | None = None
    stage: Stage = Stage.PLANNED
    slot: int = 0

    @property
    def is_financing(self) -> bool:
        return self.field == FINANCING

    @property
    def is_staged(self) -> bool:
        return self.field in STAGED

    @property
    def kind(self) -> Kind:
        return Kind.MONEY if self.is_financing else BY_KEY[self.field].kind

    @property
    def label(self) -> str:
        """"Financeur 2 (montant)", "Section niveau 1", "Intitulé"."""
        if self.field in SLOTTED:
            return BY_KEY[self.field].label.replace(" n ", f" {self.slot} ")
        if self.field == "section" and self.slot:
            return section_level_label(self.slot)
        return BY_KEY[self.field].label if self.field in BY_KEY else "Financement"

    @classmethod
    def financing(cls, funder_id: int, scheme_id: int | None = None, stage: Stage = Stage.PLANNED) -> "Target":
        return cls(FINANCING, funder_id, scheme_id, stage)


def section_level_label(level: int) -> str:
    return ("Section niveau 1 (axe)", "Section niveau 2 (sous-axe)", "Section niveau 3 (sous-sous-axe)")[level - 1]


Mapping = dict[int, Target]  # column (0-based) → target; a column left out is ignored
