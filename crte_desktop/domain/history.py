"""History entries and the comparison of two versions of a record."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from crte_desktop.domain.money import format_amount


@dataclass
class HistoryEntry:
    at: datetime
    user: str
    entity: str
    entity_id: int
    field: str
    old_value: str | None
    new_value: str | None
    action_id: int | None = None
    context: str = ""
    id: int | None = None


FIELD_LABELS = {
    "reference": "Référence", "title": "Intitulé", "section_id": "Section", "description": "Description",
    "objectives": "Objectifs", "owner_id": "Maître d'ouvrage", "epci_id": "Territoire (EPCI)",
    "partner_ids": "Partenaires", "commune_ids": "Communes", "start_date": "Date de début", "end_date": "Date de fin",
    "total_cost": "Coût total", "status": "Statut", "progress": "Taux de réalisation (%)", "priority": "Priorité",
    "inscription_year": "Année d'inscription", "notes": "Notes", "funder_id": "Financeur", "scheme_id": "Dispositif",
    "category": "Catégorie", "year": "Année", "planned": "Montant prévisionnel", "requested": "Montant sollicité",
    "granted": "Montant accordé", "paid": "Montant versé", "filing_date": "Date de dépôt",
    "decision_date": "Date de décision", "decision_ref": "Référence de la décision", "comment": "Commentaire",
    "name": "Nom", "unit": "Unité", "baseline": "Valeur initiale", "target": "Cible", "due_date": "Échéance",
    "short_name": "Sigle", "kind": "Type", "address": "Adresse", "email": "Courriel", "phone": "Téléphone",
    "civility": "Civilité", "first_name": "Prénom", "last_name": "Nom", "function": "Fonction",
    "organisation_id": "Organisation", "territory": "Territoire", "signature_date": "Date de signature",
    "start_year": "Année de début", "duration_years": "Durée (ans)", "level_names": "Noms des niveaux",
    "parent_id": "Section parente", "position": "Ordre", "is_public": "Financeur public",
    "default_category": "Catégorie par défaut", "number": "Numéro", "date": "Date", "contract_id": "Contrat",
    "phase": "Phase", "lever_ids": "Leviers SGPE", "adaptation": "Adaptation au changement climatique",
    "green_override": "Favorable à l'environnement", "green_override_reason": "Motif (favorable à l'environnement)",
    "id_crte": "Identifiant national du CRTE", "generation": "Génération du contrat", "siret": "SIREN / SIRET",
    "insee_code": "Code INSEE", "lapse_months": "Délai de caducité (mois)", "mesure_id": "Mesure du Fonds vert",
    "ds_number": "N° de dossier Démarches simplifiées", "decision_kind": "Nature de la décision",
    "works_start_date": "Commencement d'exécution", "payments": "Versements", "axis": "Axe",
    "first_year": "Première année", "last_year": "Dernière année",
}


def display_value(value) -> str | None:
    """How a value is written into the history: French, readable."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):  # indicator values: 2500000.0 → "2500000", 0.5 → "0,5"
        return f"{value:.15g}".replace(".", ",")
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return str(value)


def diff(old, new, skip: tuple[str, ...] = ("id", "row_version")) -> list[tuple[str, str | None, str | None]]:
    """Fields that differ between two dataclass instances: (field, old text, new text).

    ``old`` None means a creation: every non-empty field is listed.
    """
    changes = []
    for f in fields(new):
        if f.name in skip:
            continue
        new_v = getattr(new, f.name)
        old_v = getattr(old, f.name) if old is not None else None
        if old_v != new_v:
            o, n = display_value(old_v), display_value(new_v)
            if old is None and n in (None, "", "0"):
                continue
            if o != n:
                changes.append((FIELD_LABELS.get(f.name, f.name), o, n))
    return changes
