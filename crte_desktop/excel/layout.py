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
    width: float
    editable: bool = True
    required: bool = False  # a new row needs it
    choices: str | None = None  # name of the list in the "Listes" sheet


@dataclass(frozen=True)
class SheetLayout:
    name: str
    prefix: str  # of the stable row identifiers: "A12", "F345", "I6"
    columns: tuple[Column, ...]
    noun: str  # "action", "financement", "indicateur" (messages)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.editable)


ACTIONS = SheetLayout(SHEET_ACTIONS, "A", (
    Column("reference", "Référence", Kind.TEXT, 13, required=True),
    Column("title", "Intitulé", Kind.TEXT, 48, required=True),
    Column("section", "Section", Kind.TEXT, 30, editable=False),
    Column("owner", "Maître d'ouvrage", Kind.TEXT, 28, editable=False),
    Column("status", "Statut", Kind.CHOICE, 16, choices="action_status"),
    Column("progress", "Avancement (%)", Kind.PERCENT, 13),
    Column("start_date", "Date de début", Kind.DATE, 12.5),
    Column("end_date", "Date de fin", Kind.DATE, 12.5),
    Column("total_cost", "Coût total (€)", Kind.MONEY, 17),
    Column("inscription_year", "Année d'inscription", Kind.YEAR, 12),
    Column("retained", "Financements retenus (€)", Kind.MONEY, 17, editable=False),
    Column("self_financing", "Autofinancement (€)", Kind.MONEY, 17, editable=False),
), "action")

FINANCING = SheetLayout(SHEET_FINANCING, "F", (
    Column("action_ref", "Référence action", Kind.TEXT, 13, required=True),
    Column("action_title", "Intitulé de l'action", Kind.TEXT, 36, editable=False),
    Column("funder", "Financeur", Kind.CHOICE, 26, required=True, choices="funder"),
    Column("scheme", "Dispositif", Kind.CHOICE, 26, choices="scheme"),
    Column("category", "Catégorie", Kind.CHOICE, 20, choices="category"),
    Column("year", "Année", Kind.YEAR, 8),
    Column("planned", "Montant prévisionnel (€)", Kind.MONEY, 17),
    Column("requested", "Montant sollicité (€)", Kind.MONEY, 17),
    Column("granted", "Montant accordé (€)", Kind.MONEY, 17),
    Column("paid", "Montant versé (€)", Kind.MONEY, 17),
    Column("status", "Statut", Kind.CHOICE, 15, choices="financing_status"),
    Column("decision_date", "Date de décision", Kind.DATE, 12.5),
    Column("mesure", "Mesure du Fonds vert", Kind.CHOICE, 30, choices="mesure"),
    Column("ds_number", "N° Démarches simplifiées", Kind.TEXT, 14),
    Column("lapse_date", "Caducité", Kind.DATE, 12.5, editable=False),
    Column("comment", "Commentaire", Kind.TEXT, 30),
), "financement")

INDICATORS = SheetLayout(SHEET_INDICATORS, "I", (
    Column("action_ref", "Référence action", Kind.TEXT, 13, required=True),
    Column("name", "Indicateur", Kind.TEXT, 40, required=True),
    Column("unit", "Unité", Kind.TEXT, 12),
    Column("baseline", "Valeur initiale", Kind.NUMBER, 12),
    Column("target", "Cible", Kind.NUMBER, 12),
    Column("due_date", "Échéance", Kind.DATE, 12.5),
    Column("last_date", "Date de la dernière mesure", Kind.DATE, 14),
    Column("last_value", "Dernière valeur", Kind.NUMBER, 12),
    Column("achievement", "Atteinte de la cible (%)", Kind.RATIO, 13, editable=False),
), "indicateur")

DATA_SHEETS = (ACTIONS, FINANCING, INDICATORS)
BY_NAME = {s.name: s for s in DATA_SHEETS}

# The hidden "Identifiants" sheet: key/value rows, a blank row, then one row per exported data row.
META_KEYS = ("format_version", "application", "workspace_uuid", "contract_uuid", "contract_name", "exported_at")
ROWS_HEADER = ("Feuille", "Identifiant", "Version", "Ligne exportée", "Valeurs exportées")

# Limits checked before anything parses the file
MAX_MEMBERS = 2000
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 250  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
