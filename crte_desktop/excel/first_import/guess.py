"""Guessing which application field each column of a secretary's spreadsheet holds, from its title.

Titles are compared without case, accents or punctuation. A title that begins with a field's word
("Intitulé du projet", "Coût total HT", "Date de fin prévue") takes that field; a title naming a funder
or a scheme ("DSIL sollicité", "Région", "Montant DETR accordé") becomes a financing line at the stage
it names (planned when it names none). Each field is taken by the first column that claims it.
"""

from __future__ import annotations

import re

from crte_desktop.domain.enums import Stage
from crte_desktop.excel.first_import.catalogue import Catalogue, normalise
from crte_desktop.excel.first_import.fields import FINANCING, Mapping, Target

# The words a column title begins with, per field (normalised: no accents, no punctuation).
_FIELD_STARTS = (
    ("reference", r"n|no|num|numero|ref|refs|reference|code|identifiant|id|n fiche|numero de fiche"),
    ("status", r"statut|etat d avancement|etat du projet|etat de l action|situation|phase"),
    ("progress", r"avancement|taux de realisation|taux d avancement|realisation|pourcentage|pct"),
    ("total_cost", r"cout|couts|montant total|montant global|montant|budget|depense|depenses|montant des travaux"),
    ("start_date", r"date de debut|debut|date debut|demarrage|date de demarrage|lancement|date de lancement"),
    ("end_date", r"date de fin|fin|date fin|achevement|date d achevement|echeance|livraison|date de livraison"),
    ("inscription_year", r"annee|millesime|exercice|annee d inscription|annee de programmation"),
    ("section", r"axe|axes|volet|orientation|thematique|theme|section|ambition|enjeu"),
    ("owner", r"maitre d ouvrage|maitrise d ouvrage|moa|mo|porteur|porteurs|porteur de projet|commune|communes"
              r"|beneficiaire|structure|collectivite|maitre douvrage"),
    ("description", r"description|descriptif|contenu|resume|presentation|detail"),
    ("notes", r"observation|observations|commentaire|commentaires|remarque|remarques|notes|note"),
    ("title", r"intitule|intitules|projet|projets|operation|operations|action|actions|libelle|nom|titre|objet"
              r"|designation|fiche action|fiche"),
)
_FIELD_RES = [(key, re.compile(rf"^(?:{words})(?: |$)")) for key, words in _FIELD_STARTS]
_EXACT = {"etat": "status", "%": "progress", "avancement %": "progress"}

_STAGE_RES = (
    (Stage.PAID, re.compile(r"\b(verse|versee|verses|versement|versements|paye|payee|percu|percue|mandate|encaisse)\b")),
    (Stage.GRANTED, re.compile(r"\b(accorde|accordee|accordes|obtenu|obtenue|attribue|attribuee|notifie|notifiee"
                               r"|acquis|acquise|arrete|arretee|octroye|octroyee|programme|programmee)\b")),
    (Stage.REQUESTED, re.compile(r"\b(sollicite|sollicitee|sollicites|demande|demandee|demandes|sollicitation)\b")),
    (Stage.PLANNED, re.compile(r"\b(previsionnel|previsionnelle|prevu|prevue|envisage|envisagee|estime|estimee)\b")),
)


def guess_stage(header: str) -> Stage:
    key = normalise(header)
    for stage, pattern in _STAGE_RES:
        if pattern.search(key):
            return stage
    return Stage.PLANNED


def guess_column(header: str, catalogue: Catalogue | None = None) -> Target | None:
    """The target a column title suggests, or None."""
    raw = (header or "").strip()
    key = normalise(raw)
    if raw in _EXACT or key in _EXACT:
        return Target(_EXACT.get(raw) or _EXACT[key])
    field = next((k for k, pattern in _FIELD_RES if pattern.match(key)), None) if key else None
    funding = _funding(key, catalogue) if catalogue is not None and key else None
    if funding is not None and (field is None or (field == "total_cost" and key.startswith("montant ")
                                                  and not key.startswith(("montant total", "montant global")))):
        return Target(FINANCING, funding.funder_id, funding.scheme_id, guess_stage(raw))
    if field == "total_cost" and key.startswith("montant ") and guess_stage(raw) is not Stage.PLANNED:
        return None  # "Montant sollicité" without a funder: a financing of nobody known, not the cost
    if field is not None:
        return Target(field)
    if "%" in raw:
        return Target("progress")
    return None


def _funding(key: str, catalogue: Catalogue):
    padded = f" {key} "
    for phrase, funding in catalogue.funding_phrases():
        if f" {phrase} " in padded:
            return funding
    return None


def guess_mapping(headers: list[str], catalogue: Catalogue | None = None,
                  samples: list[list] | None = None) -> Mapping:
    """{column index: target} for the columns whose title says what they hold. Without ``catalogue`` no
    financing column is recognised. A field (or a funder, scheme and stage) goes to its first column.

    ``samples`` (data rows) correct a title that says less than its values: an "Avancement" column
    holding words ("En cours", "Terminée") is a status, not a percentage."""
    mapping: Mapping = {}
    taken: set[Target] = set()
    for column, header in enumerate(headers):
        target = guess_column(header, catalogue)
        if target is not None and target.field == "progress" and samples is not None \
                and _mostly_words([row[column] for row in samples if column < len(row)]):
            target = Target("status")
        if target is None or target in taken:
            continue
        taken.add(target)
        mapping[column] = target
    return mapping


_PERCENT = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*%?\s*$")


def _mostly_words(values: list) -> bool:
    """True when most filled values are words rather than numbers or percentages."""
    filled = [v for v in values if v not in (None, "") and not (isinstance(v, str) and not v.strip())]
    if not filled:
        return False
    words = sum(1 for v in filled if isinstance(v, str) and not _PERCENT.match(v))
    return words * 2 > len(filled)
