"""The rules of docs/architecture.md (« Rules the domain enforces »). Each check returns Problems with a French message.

Errors block a save; warnings are flagged (on the form, the dashboard and by ``check``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from crte_desktop.domain.action import Action
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.enums import FinancingStatus, PaymentKind, Stage
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.financing import FinancingLine, compute_totals
from crte_desktop.domain import limits
from crte_desktop.domain.green import check_override
from crte_desktop.domain.identifiers import check_crte_id
from crte_desktop.domain.indicator import Indicator
from crte_desktop.domain.limits import too_long
from crte_desktop.domain.money import format_amount, format_percent

PUBLIC_AID_LIMIT = Decimal("0.80")
_REF = re.compile(r"^[\w][\w./ -]*$")
_DS_NUMBER = re.compile(r"^\d{4,10}$")


def check_action(action: Action, other_references: set[str] = frozenset()) -> list[Problem]:
    """Rules on the action itself; ``other_references``: references of the contract's other actions."""
    problems: list[Problem] = []
    ref = (action.reference or "").strip()
    if not ref:
        problems.append(Problem("reference", "La référence est obligatoire."))
    elif not _REF.match(ref):
        problems.append(Problem("reference", f"La référence « {ref} » contient des caractères non admis."))
    elif ref.casefold() in {r.casefold() for r in other_references}:
        problems.append(Problem("reference", f"La référence « {ref} » existe déjà dans ce contrat."))
    if not (action.title or "").strip():
        problems.append(Problem("title", "L'intitulé est obligatoire."))
    if action.start_date and action.end_date and action.end_date < action.start_date:
        problems.append(Problem("end_date", "La date de fin ne peut pas précéder la date de début."))
    if not isinstance(action.progress, int) or not 0 <= action.progress <= 100:
        problems.append(Problem("progress", "Le taux de réalisation doit être compris entre 0 et 100 %."))
    if action.total_cost is not None and action.total_cost < 0:
        problems.append(Problem("total_cost", "Le coût total ne peut pas être négatif."))
    if action.inscription_year is not None and not 1990 <= action.inscription_year <= 2100:
        problems.append(Problem("inscription_year", "L'année d'inscription doit être comprise entre 1990 et 2100."))
    problems += too_long(action.reference, limits.REFERENCE, "reference", "La référence")
    problems += too_long(action.title, limits.TITLE, "title", "L'intitulé")
    for name, label in (("description", "La description"), ("objectives", "Le texte des objectifs"),
                        ("notes", "Le texte des notes")):
        problems += too_long(getattr(action, name, ""), limits.LONG_TEXT, name, label)
    problems += check_override(action.green_override, action.green_override_reason)
    return problems


def check_levers(lever_ids: list[int], known: dict[int, str]) -> list[Problem]:
    """``known``: lever id → name, the SGPE levers of the reference data."""
    unknown = [i for i in lever_ids if i not in known]
    if unknown:
        return [Problem("lever_ids", f"Leviers SGPE : levier inconnu ({', '.join(map(str, unknown))}) ; choisissez "
                                     "dans la liste des 50 leviers de la planification écologique.")]
    if len(set(lever_ids)) != len(lever_ids):
        return [Problem("lever_ids", "Leviers SGPE : un même levier est choisi deux fois.")]
    return []


def check_line(line: FinancingLine, index: int | None = None) -> list[Problem]:
    """Rules on one financing line. ``index`` (0-based) names the line in messages."""
    where = f"Ligne {index + 1} : " if index is not None else ""
    field_prefix = f"financing[{index}]." if index is not None else ""
    problems: list[Problem] = []
    for stage in Stage:
        value = line.amount(stage)
        if value is not None and value < 0:
            problems.append(Problem(field_prefix + stage.value, f"{where}le montant {stage.label.lower()} ne peut pas être négatif."))
    if line.requested is not None and line.granted is not None and line.granted > line.requested:
        problems.append(Problem(field_prefix + "granted", f"{where}le montant accordé ({format_amount(line.granted)}) dépasse "
                                f"le montant sollicité ({format_amount(line.requested)})."))
    if line.granted is not None and line.paid is not None and line.paid > line.granted:
        problems.append(Problem(field_prefix + "paid", f"{where}le montant versé ({format_amount(line.paid)}) dépasse "
                                f"le montant accordé ({format_amount(line.granted)})."))
    if line.paid is not None and line.paid > 0 and line.granted is None:
        problems.append(Problem(field_prefix + "paid", f"{where}un montant versé suppose un montant accordé."))
    if line.status is FinancingStatus.REFUSE and (line.granted or line.paid):
        problems.append(Problem(field_prefix + "status", f"{where}une demande refusée ne peut pas avoir de montant accordé ou versé."))
    if line.year is not None and not 1990 <= line.year <= 2100:
        problems.append(Problem(field_prefix + "year", f"{where}l'année doit être comprise entre 1990 et 2100."))
    if line.filing_date and line.decision_date and line.decision_date < line.filing_date:
        problems.append(Problem(field_prefix + "decision_date", f"{where}la date de décision précède la date de dépôt."))
    problems += too_long(line.comment, limits.COMMENT, field_prefix + "comment",
                         f"{where}le commentaire" if where else "Le commentaire")
    problems += too_long(line.decision_ref, limits.SHORT, field_prefix + "decision_ref",
                         f"{where}la référence de la décision" if where else "La référence de la décision")
    ds = (line.ds_number or "").strip()
    if ds and not _DS_NUMBER.match(ds):
        problems.append(Problem(field_prefix + "ds_number", f"{where}n° de dossier Démarches simplifiées : « {ds} » "
                                                            "doit être un nombre de 4 à 10 chiffres."))
    problems += check_payments(line, where, field_prefix)
    return problems


def check_payments(line: FinancingLine, where: str = "", field_prefix: str = "") -> list[Problem]:
    """Instalments: each dated and positive, one solde at most and the last one, their sum within the
    granted amount (their sum is the paid amount)."""
    if not line.payments:
        return []
    problems: list[Problem] = []
    f = field_prefix + "payments"
    for n, p in enumerate(line.payments, start=1):
        if p.date is None:
            problems.append(Problem(f, f"{where}versement {n} : la date est obligatoire."))
        if p.amount is None or p.amount <= 0:
            problems.append(Problem(f, f"{where}versement {n} : le montant doit être supérieur à zéro."))
    soldes = [p for p in line.payments if p.kind is PaymentKind.SOLDE]
    if len(soldes) > 1:
        problems.append(Problem(f, f"{where}versements : une subvention n'a qu'un solde."))
    elif soldes and soldes[0].date and any(p.date and p.date > soldes[0].date for p in line.payments):
        problems.append(Problem(f, f"{where}versements : le solde doit être le dernier versement."))
    total = line.payments_total()
    if line.granted is None:
        problems.append(Problem(f, f"{where}versements : un versement suppose un montant accordé."))
    elif total > line.granted:
        problems.append(Problem(f, f"{where}versements : leur somme ({format_amount(total)}) dépasse le montant "
                                   f"accordé ({format_amount(line.granted)})."))
    if line.paid is not None and line.paid != total:
        problems.append(Problem(field_prefix + "paid", f"{where}le montant versé ({format_amount(line.paid)}) doit être "
                                                       f"la somme des versements ({format_amount(total)})."))
    return problems


def check_financing(total_cost: Decimal | None, lines: list[FinancingLine], public_funder_ids: set[int]) -> list[Problem]:
    """Rules on the whole plan: each line, totals within the cost, the 80 % public aid flag."""
    problems: list[Problem] = []
    for i, line in enumerate(lines):
        problems.extend(check_line(line, i))
    # Refused and cancelled lines bring no money: they do not count against the cost.
    totals = compute_totals(total_cost, [line for line in lines if line.status.counts], public_funder_ids)
    if total_cost is not None:
        for stage in Stage:
            if totals.by_stage[stage] > total_cost:
                problems.append(Problem("financing", f"Le total {stage.label.lower()} des financements "
                                f"({format_amount(totals.by_stage[stage])}) dépasse le coût total ({format_amount(total_cost)})."))
        rate = totals.public_aid_rate
        if rate is not None and totals.public_retained > total_cost * PUBLIC_AID_LIMIT:  # not the rounded rate
            problems.append(Problem("financing", f"Les aides publiques atteignent {format_percent(rate)} du coût : "
                                    "le maître d'ouvrage public doit participer à hauteur d'au moins 20 %.", "warning"))
    return problems


def check_indicator(indicator: Indicator) -> list[Problem]:
    problems: list[Problem] = []
    if not (indicator.name or "").strip():
        problems.append(Problem("indicator.name", "Le nom de l'indicateur est obligatoire."))
    problems += too_long(indicator.name, limits.NAME, "indicator.name", "Le nom de l'indicateur")
    problems += too_long(indicator.unit, limits.SHORT, "indicator.unit", "L'unité de l'indicateur")
    dates = [m.date for m in indicator.measurements]
    if len(dates) != len(set(dates)):
        problems.append(Problem("indicator.measurements", f"L'indicateur « {indicator.name} » a deux mesures à la même date."))
    return problems


def check_section(section: Section) -> list[Problem]:
    if not (section.title or "").strip():
        return [Problem("title", "L'intitulé de la section est obligatoire.")]
    return too_long(section.title, limits.TITLE, "title", "L'intitulé de la section")


def check_contract(contract: Contract) -> list[Problem]:
    problems: list[Problem] = []
    if not (contract.name or "").strip():
        problems.append(Problem("name", "Le nom du contrat est obligatoire."))
    problems += too_long(contract.name, limits.NAME, "name", "Le nom du contrat")
    if not 1 <= contract.duration_years <= 20:
        problems.append(Problem("duration_years", "La durée du contrat doit être comprise entre 1 et 20 ans."))
    if contract.start_year is not None and not 1990 <= contract.start_year <= 2100:
        problems.append(Problem("start_year", "L'année de début doit être comprise entre 1990 et 2100."))
    if not [n for n in contract.level_names if n.strip()]:
        problems.append(Problem("level_names", "Donnez au moins un nom de niveau (par exemple « Volet »)."))
    problems += check_crte_id(contract.id_crte)
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
