"""Rules on a contract's signatories, amendments and sections beyond rules.check_contract /
check_section, and the text form of the level names. Each check returns Problems in French."""

from __future__ import annotations

import re
from datetime import date

from crte_desktop.domain.contract import Amendment, Signatory
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import Problem

LEVEL_SEPARATOR = " → "
_LEVEL_SPLIT = re.compile(r"\s*(?:→|->|>|/|;|,)\s*")


def parse_level_names(text: str) -> list[str]:
    """ "Axe → Orientation", "Axe > Orientation" or "Axe, Orientation" → ["Axe", "Orientation"]."""
    return [part.strip() for part in _LEVEL_SPLIT.split(text or "") if part.strip()]


def format_level_names(names: list[str]) -> str:
    return LEVEL_SEPARATOR.join(names)


def check_signatories(signatories: list[Signatory]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[int | None, int | None]] = set()
    for i, s in enumerate(signatories, start=1):
        key = (s.organisation_id, s.person_id)
        if s.organisation_id is None and s.person_id is None:
            problems.append(Problem("signatories", f"Signataire {i} : choisissez une organisation ou une personne."))
        elif key in seen:
            problems.append(Problem("signatories", f"Signataire {i} : il figure déjà dans la liste."))
        seen.add(key)
    return problems


def check_amendments(amendments: list[Amendment], signature_date: date | None = None) -> list[Problem]:
    problems: list[Problem] = []
    numbers: set[int] = set()
    for a in amendments:
        where = f"Avenant n° {a.number}" if a.number is not None else "Un avenant sans numéro"
        if a.number is None or a.number < 1:
            problems.append(Problem("amendments", "Le numéro d'un avenant doit être un entier supérieur ou égal à 1."))
        elif a.number in numbers:
            problems.append(Problem("amendments", f"Deux avenants portent le numéro {a.number}."))
        numbers.add(a.number)
        if not (a.title or "").strip():
            problems.append(Problem("amendments", f"{where} : l'objet est obligatoire."))
        if a.date and signature_date and a.date < signature_date:
            problems.append(Problem("amendments", f"{where} : sa date ({format_date(a.date)}) précède la signature "
                                                  f"du contrat ({format_date(signature_date)})."))
    return problems


def section_has_actions(code: str, count: int) -> str | None:
    """The refusal to delete a section that still holds actions (None when empty)."""
    if not count:
        return None
    if count == 1:
        return f"La section {code} contient une action : déplacez-la d'abord."
    return f"La section {code} contient {count} actions : déplacez-les d'abord."


def section_has_indicators(code: str, count: int) -> str | None:
    if not count:
        return None
    what = "un indicateur" if count == 1 else f"{count} indicateurs"
    return f"La section {code} porte {what} : supprimez-les ou rattachez-les ailleurs d'abord."
