"""Guessing which application field each column of a spreadsheet holds, from its title *and its values*.

Titles are compared without case, accents or punctuation. A title that begins with a field's word
("Intitulé du projet", "Coût total HT", "Date de fin prévue") proposes that field; a title naming a funder
or a scheme ("DSIL sollicité", "Région") proposes a financing line at the stage it names. A proposal is
kept only when most of the column's values fit the field (a status column holds known statuses, an amount
column amounts, a name column names, a date column dates or date serials); between two columns for one
field, the better-fitting wins. Layouts are recognised: « Financeur n » followed by its « Montant »
(pairs), a scheme column with its amount (one row per grant), « Axe » / « Sous-axe » levels, the
national platforms' « phase » next to « statut ». The total cost comes from a total column, never from a
funder's amount. Nothing is proposed when unsure.
"""

from __future__ import annotations

import re

from crte_desktop.domain.enums import Stage
from crte_desktop.excel.first_import import values as V
from crte_desktop.excel.first_import.catalogue import Catalogue, normalise
from crte_desktop.excel.first_import.fields import (FINANCING, FUNDER_AMOUNT, FUNDER_NAME, GRANT_AMOUNT, SCHEME,
                                                    Mapping, Target)

FIT = 0.6  # share of the values that must fit the field a title proposes
FIT_ALONE = 0.8  # share for a field proposed by the values alone (an untitled status column)
SAMPLE_ROWS = 200

# The words a column title begins with, per field (normalised: no accents, no punctuation).
_FIELD_STARTS = (
    ("subtitle", r"titre de la sous action|intitule de la sous action|sous action|sous actions"),
    ("reference", r"n|no|num|numero|ref|refs|reference|code|identifiant|id|n fiche|numero de fiche"),
    ("status", r"statut|statuts|phasestatut|phase statut|statut de la phase|etat d avancement|etat du projet"
               r"|etat de l action|situation"),
    ("phase", r"phase|phases|etape du projet"),
    ("progress", r"avancement|taux de realisation|taux d avancement|realisation|pourcentage|pct"),
    ("total_cost", r"cout|couts|montant total|montant global|montant|budget|depense|depenses|montant des travaux"
                   r"|assiette|cout total"),
    ("start_date", r"date de debut|debut|date debut|demarrage|date de demarrage|lancement|date de lancement"),
    ("end_date", r"date de fin|fin|date fin|achevement|date d achevement|echeance|livraison|date de livraison"),
    ("inscription_year", r"annee|millesime|exercice|annee d inscription|annee de programmation"),
    ("section", r"axe|axes|volet|orientation|thematique|theme|section|ambition|enjeu|sous axe|sous sous axe"),
    ("owner", r"maitre d ouvrage|maitrise d ouvrage|moa|mo|porteur|porteurs|porteur de projet|commune|communes"
              r"|beneficiaire|structure|structure pilote|collectivite|maitre douvrage|nom du beneficiaire"
              r"|nom beneficiaire|pilote"),
    ("partners", r"partenaire|partenaires|co porteurs?|structures associees"),
    ("description", r"description|descriptif|contenu|resume|presentation|detail"),
    ("notes", r"observation|observations|commentaire|commentaires|remarque|remarques|notes|note"),
    ("title", r"intitule|intitules|projet|projets|operation|operations|action|actions|libelle|nom|titre|objet"
              r"|designation|fiche action|fiche|titre de l action"),
)
_FIELD_RES = [(key, re.compile(rf"^(?:{words})(?: |$)")) for key, words in _FIELD_STARTS]
_EXACT = {"etat": "status", "%": "progress", "avancement %": "progress"}
_FUNDER_NAME = re.compile(r"^(?:co)?financeur(?:s)?(?: (\d+))?(?: nom)?$")
_SCHEME = re.compile(r"^(dispositif|dispositifs|type de dotation|dotation|type d aide|type de subvention|fonds"
                     r"|programme de financement|source de financement|financement|nom du dispositif)( |$)")
_GRANT = re.compile(r"(montant|subvention|aide|attribue|accorde|notifie|programme|sollicite|demande)")
_TOTALISH = re.compile(r"\b(total|totale|global|globale|cout|couts|assiette|budget|depense|depenses|travaux)\b")
_LEVELS = ((3, re.compile(r"^sous sous axe")), (2, re.compile(r"^sous axe|^sous orientation|^sous volet")),
           (1, re.compile(r"^axe|^volet|^orientation")))

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
    m = _FUNDER_NAME.match(key)
    if m:
        return Target(FUNDER_NAME, slot=int(m.group(1) or 1))
    field = next((k for k, pattern in _FIELD_RES if pattern.match(key)), None) if key else None
    funding = _funding(key, catalogue) if catalogue is not None and key else None
    if funding is not None and (field is None or (field == "total_cost" and key.startswith("montant ")
                                                  and not key.startswith(("montant total", "montant global")))):
        return Target(FINANCING, funding.funder_id, funding.scheme_id, guess_stage(raw))
    if field is None and _SCHEME.match(key):
        return Target(SCHEME)
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


def _fits(target: Target, values: list, catalogue: Catalogue | None) -> float:
    """How well the values fit the target (1 when there is nothing to judge)."""
    if not any(V.filled(v) for v in values):
        return 1.0
    key = target.field
    if target.is_financing or key in ("total_cost", FUNDER_AMOUNT, GRANT_AMOUNT):
        return 0.0 if V.looks_like_codes(values) else V.fit(values, V.is_amount)
    if key in ("start_date", "end_date"):
        return V.fit(values, V.is_date)
    if key == "inscription_year":
        return V.fit(values, V.is_year)
    if key == "progress":
        return V.fit(values, V.is_percent)
    if key == "status":
        return V.fit(values, lambda v: V.is_status(v, catalogue)) if catalogue is not None else 1.0
    if key == "phase":
        return V.fit(values, V.is_phase)
    if key in ("owner", "partners", FUNDER_NAME):
        return V.fit(values, V.is_name)
    if key == SCHEME:
        return V.fit(values, lambda v: V.is_funding(v, catalogue)) if catalogue is not None else 0.0
    if key in ("title", "subtitle"):
        return V.fit(values, V.is_words)
    return 1.0


def guess_mapping(headers: list[str], catalogue: Catalogue | None = None,
                  samples: list[list] | None = None) -> Mapping:
    """{column index: target} for the columns whose title (and values, when ``samples`` — data rows — are
    given) say what they hold. Without ``catalogue`` no financing column is recognised."""
    samples = (samples or [])[:SAMPLE_ROWS]
    columns = [[row[c] if c < len(row) else None for row in samples] for c in range(len(headers))]
    judged = samples != []
    proposals: list[tuple[int, Target, float, int]] = []  # column, target, fit, strength
    for column, header in enumerate(headers):
        target = guess_column(header, catalogue)
        values = columns[column]
        if judged:
            target = _checked(target, values, catalogue)
        if target is None:
            continue
        strength = 2 if target.field == "total_cost" and _TOTALISH.search(normalise(header)) else 1
        proposals.append((column, target, _fits(target, values, catalogue) if judged else 1.0, strength))
    proposals = _layouts(proposals, headers, columns, catalogue, judged)
    mapping: Mapping = {}
    best: dict[Target, tuple[float, int, int]] = {}
    for column, target, score, strength in proposals:
        rank = (round(score, 1), strength, -column)
        if target not in best or rank > best[target]:
            best[target] = rank
    for column, target, score, strength in proposals:
        if best[target] == (round(score, 1), strength, -column):
            mapping[column] = target
    return dict(sorted(mapping.items()))


def _checked(target: Target | None, values: list, catalogue: Catalogue | None) -> Target | None:
    """The target the values confirm: the title's, one the values show instead, or none."""
    if target is None:
        if catalogue is not None and V.fit(values, lambda v: V.is_status(v, catalogue)) >= FIT_ALONE:
            return Target("status")
        if V.fit(values, V.is_phase) >= FIT_ALONE:
            return Target("phase")
        return None
    if _fits(target, values, catalogue) >= FIT:
        return target
    # the values say another field than the title
    if target.field in ("status", "progress", "phase"):
        for other in (Target("status"), Target("phase")):
            if other != target and _fits(other, values, catalogue) >= FIT:
                return other
    if target.field == "total_cost" and catalogue is not None and \
            V.fit(values, lambda v: V.is_funding(v, catalogue)) >= FIT:
        return Target(SCHEME)
    return None


def _layouts(proposals, headers, columns, catalogue, judged):
    """Pairs « Financeur n » + « Montant », one row per grant, section levels."""
    by_column = {c: [c, t, s, k] for c, t, s, k in proposals}
    # pairs: the amount column right after a funder's name is that funder's amount, not the cost
    for column, item in sorted(by_column.items()):
        target = item[1]
        if target.field != FUNDER_NAME:
            continue
        nxt = column + 1
        if nxt < len(headers) and re.match(r"^(montant|budget|somme|participation|part)( |$)", normalise(headers[nxt])):
            values = columns[nxt]
            if not judged or V.fit(values, V.is_amount) >= FIT or not any(V.filled(v) for v in values):
                stage = guess_stage(headers[nxt])
                by_column[nxt] = [nxt, Target(FUNDER_AMOUNT, stage=stage, slot=target.slot), 1.0, 1]
    # number the pairs 1, 2, 3… in the order of the sheet when the titles repeat ("Financeur" × 3)
    names = [c for c, item in sorted(by_column.items()) if item[1].field == FUNDER_NAME]
    if len({by_column[c][1].slot for c in names}) < len(names):
        for n, c in enumerate(names, start=1):
            by_column[c][1] = Target(FUNDER_NAME, slot=n)
            if c + 1 in by_column and by_column[c + 1][1].field == FUNDER_AMOUNT:
                by_column[c + 1][1] = Target(FUNDER_AMOUNT, stage=by_column[c + 1][1].stage, slot=n)
    # one row per grant: the scheme column's amount is the best amount column that is not a total
    schemes = [c for c, item in by_column.items() if item[1].field == SCHEME]
    if schemes:
        candidates = [c for c in range(len(headers)) if c not in schemes and _GRANT.search(normalise(headers[c]))
                      and not _TOTALISH.search(normalise(headers[c]))
                      and (not judged or V.fit(columns[c], V.is_amount) >= FIT)
                      and by_column.get(c, [None, Target("total_cost")])[1].field in ("total_cost", FINANCING)]
        if candidates:
            c = candidates[0]
            by_column[c] = [c, Target(GRANT_AMOUNT, stage=guess_stage(headers[c])), 1.0, 1]
        else:
            for c in schemes:
                del by_column[c]
    # section levels when the sheet has « Sous-axe » columns
    sections = [c for c, item in by_column.items() if item[1].field == "section"]
    if len(sections) > 1:
        for c in sections:
            key = normalise(headers[c])
            level = next((n for n, pattern in _LEVELS if pattern.match(key)), 0)
            if level:
                by_column[c][1] = Target("section", slot=level)
    return [tuple(item) for _c, item in sorted(by_column.items())]
