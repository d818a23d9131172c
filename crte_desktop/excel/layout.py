"""The layout of the dashboard workbook, shared by the export and the re-import.

Sheets, their columns (French header, kind of value, editable or computed, width) and the hidden
sheets. A column is found again on import by its header, so partners may move columns around.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

FORMAT_VERSION = 1  # raise when the workbook layout changes in a way older readers cannot follow

SHEET_SUMMARY = "Synthèse"
SHEET_ACTIONS = "Actions"
SHEET_FINANCING = "Financements"
SHEET_INDICATORS = "Indicateurs"
SHEET_CROSS = "Tableaux croisés"  # read-only figures: ignored by the re-import
SHEET_GREEN = "Parts vertes"  # read-only figures: ignored by the re-import
SHEET_CAMPAIGN = "Campagne"  # a campaign workbook's first sheet: what to do, by when (read-only)
SHEET_PROPOSALS = "Nouveaux projets"  # a campaign workbook's projects proposed by the owner
SHEET_IDS = "Identifiants"  # hidden: format version, workspace and contract, export time, row identifiers
SHEET_LISTS = "Listes"  # hidden: the values of the drop-down lists

ID_HEADER = "Identifiant (ne pas modifier)"


class Kind(str, Enum):
    TEXT = "text"
    MONEY = "money"  # Decimal, euros
    YEAR = "year"  # int
    PERCENT = "percent"  # progress: int 0–100 in the application, a fraction in the cell
    RATIO = "ratio"  # a computed share (float, 0.8 = 80 %)
    DATE = "date"
    NUMBER = "number"  # float (indicator values)
    CHOICE = "choice"  # a label from a drop-down list


# Number formats written into the cells (LibreOffice and Excel show them the French way).
NUMBER_FORMATS = {
    Kind.MONEY: '#,##0.00\\ "€"',
    Kind.YEAR: "0",
    Kind.PERCENT: "0\\ %",
    Kind.RATIO: "0.0\\ %",
    Kind.DATE: "dd/mm/yyyy",
    Kind.NUMBER: "General",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind
    width: float  # the widest the column gets (characters); it is narrower when its contents are
    editable: bool = True
    required: bool = False  # a new row needs it
    choices: str | None = None  # name of the list in the "Listes" sheet
    wrap: bool = False  # long texts wrap within the column (the row grows) instead of running under the next


@dataclass(frozen=True)
class SheetLayout:
    name: str
    prefix: str  # of the stable row identifiers: "A12", "F345", "I6"
    columns: tuple[Column, ...]  # in the order of the row snapshots kept in the hidden sheet (never reorder)
    noun: str  # "action", "financement", "indicateur" (messages)
    display: tuple[str, ...] = ()  # column keys in the order the sheet shows them, when it differs

    @property
    def shown(self) -> tuple[Column, ...]:
        """The columns in the order of the sheet (import finds them by header, wherever they are)."""
        if not self.display:
            return self.columns
        by_key = {c.key: c for c in self.columns}
        return tuple(by_key[k] for k in self.display)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.editable)


ACTIONS = SheetLayout(SHEET_ACTIONS, "A", (
    Column("reference", "Référence", Kind.TEXT, 13, required=True),
    Column("title", "Intitulé", Kind.TEXT, 42, required=True, wrap=True),
    Column("section", "Section", Kind.TEXT, 26, editable=False, wrap=True),
    Column("owner", "Maître d'ouvrage", Kind.TEXT, 22, editable=False, wrap=True),
    Column("status", "Statut", Kind.CHOICE, 16, choices="action_status"),
    Column("progress", "Avancement (%)", Kind.PERCENT, 13),
    Column("start_date", "Date de début", Kind.DATE, 12.5),
    Column("end_date", "Date de fin", Kind.DATE, 12.5),
    Column("total_cost", "Coût total (€)", Kind.MONEY, 17),
    Column("inscription_year", "Année d'inscription", Kind.YEAR, 12),
    Column("retained", "Financements retenus (€)", Kind.MONEY, 17, editable=False),
    Column("self_financing", "Autofinancement (€)", Kind.MONEY, 17, editable=False),
    Column("phase", "Phase", Kind.CHOICE, 11, choices="phase"),
    Column("levers", "Leviers de planification écologique (SGPE)", Kind.TEXT, 40, editable=False, wrap=True),
    # added after the first workbooks: last in the snapshots, shown beside the stored status
    Column("situation", "Situation", Kind.TEXT, 13, editable=False),
), "action", display=("reference", "title", "section", "owner", "situation", "status", "progress", "start_date",
                      "end_date", "total_cost", "inscription_year", "retained", "self_financing", "phase", "levers"))

FINANCING = SheetLayout(SHEET_FINANCING, "F", (
    Column("action_ref", "Référence action", Kind.TEXT, 13, required=True),
    Column("action_title", "Intitulé de l'action", Kind.TEXT, 34, editable=False, wrap=True),
    Column("funder", "Financeur", Kind.CHOICE, 24, required=True, choices="funder", wrap=True),
    Column("scheme", "Dispositif", Kind.CHOICE, 24, choices="scheme", wrap=True),
    Column("category", "Catégorie", Kind.CHOICE, 20, choices="category"),
    Column("year", "Année", Kind.YEAR, 8),
    Column("planned", "Montant prévisionnel (€)", Kind.MONEY, 17),
    Column("requested", "Montant sollicité (€)", Kind.MONEY, 17),
    Column("granted", "Montant accordé (€)", Kind.MONEY, 17),
    Column("paid", "Montant versé (€)", Kind.MONEY, 17),
    Column("status", "Statut", Kind.CHOICE, 15, choices="financing_status"),
    Column("decision_date", "Date de décision", Kind.DATE, 12.5),
    Column("mesure", "Mesure du Fonds vert", Kind.CHOICE, 30, choices="mesure", wrap=True),
    Column("ds_number", "N° Démarches simplifiées", Kind.TEXT, 14),
    Column("lapse_date", "Caducité", Kind.DATE, 12.5, editable=False),
    Column("comment", "Commentaire", Kind.TEXT, 30, wrap=True),
), "financement")

INDICATORS = SheetLayout(SHEET_INDICATORS, "I", (
    Column("action_ref", "Référence action", Kind.TEXT, 13, required=True),
    Column("name", "Indicateur", Kind.TEXT, 40, required=True, wrap=True),
    Column("unit", "Unité", Kind.TEXT, 12),
    Column("baseline", "Valeur initiale", Kind.NUMBER, 12),
    Column("target", "Cible", Kind.NUMBER, 12),
    Column("due_date", "Échéance", Kind.DATE, 12.5),
    Column("last_date", "Date de la dernière mesure", Kind.DATE, 14),
    Column("last_value", "Dernière valeur", Kind.NUMBER, 12),
    Column("achievement", "Atteinte de la cible (%)", Kind.RATIO, 13, editable=False),
), "indicateur")

DATA_SHEETS = (ACTIONS, FINANCING, INDICATORS)

# The projects a maître d'ouvrage proposes in a revue de projets campaign's workbook: new rows only, each
# becoming an action « en préparation » when accepted.
PROPOSALS = SheetLayout(SHEET_PROPOSALS, "P", (
    Column("title", "Intitulé du projet", Kind.TEXT, 44, required=True),
    Column("description", "Description", Kind.TEXT, 48),
    Column("phase", "Phase", Kind.CHOICE, 13, choices="phase"),
    Column("total_cost", "Coût estimé (€)", Kind.MONEY, 16),
    Column("start_date", "Début prévu", Kind.DATE, 12.5),
    Column("end_date", "Fin prévue", Kind.DATE, 12.5),
    Column("communes", "Communes concernées", Kind.TEXT, 24),
    Column("funding", "Financements envisagés", Kind.TEXT, 34),
), "projet proposé")
CAMPAIGN_META_KEYS = ("campaign_uuid", "campaign_name", "owner_id", "owner_name")
BY_NAME = {s.name: s for s in DATA_SHEETS}

# The hidden "Identifiants" sheet: key/value rows, a blank row, then one row per exported data row.
META_KEYS = ("format_version", "application", "workspace_uuid", "contract_uuid", "contract_name", "exported_at")
ROWS_HEADER = ("Feuille", "Identifiant", "Version", "Ligne exportée", "Valeurs exportées")

# Limits checked before anything parses the file
MAX_MEMBERS = 2000
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 250  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
