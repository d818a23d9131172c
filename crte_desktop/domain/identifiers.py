"""National identifiers: SIREN / SIRET of organisations (Luhn key), INSEE code of communes, CRTE id.

Each check returns Problems whose French message names the field, as the other rules do.
"""

from __future__ import annotations

import re

from crte_desktop.domain.errors import Problem

LA_POSTE_SIREN = "356000000"  # its establishments' SIRET do not follow Luhn: their digits sum to a multiple of 5
_INSEE = re.compile(r"^(?:\d{2}|2A|2B)\d{3}$")
_CRTE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum (INSEE's key for SIREN and SIRET): doubling every second digit from the right."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def normalise_siret(text: str) -> str:
    """ "213 501 787 00014" → "21350178700014" (spaces, dots and dashes removed)."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", text or "")


def check_siret(text: str, field: str = "siret") -> list[Problem]:
    """A SIREN (9 digits) or a SIRET (14 digits) whose Luhn key is right; empty is allowed."""
    value = normalise_siret(text)
    if not value:
        return []
    label = "SIREN / SIRET"
    if not value.isdigit() or len(value) not in (9, 14):
        return [Problem(field, f"{label} : « {text.strip()} » doit compter 9 chiffres (SIREN) ou 14 chiffres (SIRET).")]
    ok = luhn_ok(value)
    if not ok and len(value) == 14 and value.startswith(LA_POSTE_SIREN):
        ok = sum(int(c) for c in value) % 5 == 0
    if not ok:
        what = "SIREN" if len(value) == 9 else "SIRET"
        return [Problem(field, f"{label} : le {what} « {text.strip()} » n'est pas valide (clé de contrôle erronée : "
                               "vérifiez chaque chiffre).")]
    if len(value) == 14 and not luhn_ok(value[:9]):
        return [Problem(field, f"{label} : le SIRET « {text.strip()} » ne commence pas par un SIREN valide.")]
    return []


def normalise_insee(text: str) -> str:
    return (text or "").strip().upper()


def check_insee(text: str, field: str = "insee_code") -> list[Problem]:
    """An INSEE commune code: 5 characters, digits except Corsica's « 2A » / « 2B » department."""
    value = normalise_insee(text)
    if not value:
        return []
    if not _INSEE.match(value) or value.startswith("00"):
        return [Problem(field, f"Code INSEE : « {text.strip()} » n'est pas un code commune (5 caractères, "
                               "par exemple 59178, ou 2A004 en Corse).")]
    return []


def check_crte_id(text: str, others: set[str] = frozenset(), field: str = "id_crte") -> list[Problem]:
    """The national CRTE identifier: letters, digits, « - », « _ » or « . », unique in the workspace."""
    value = (text or "").strip()
    if not value:
        return []
    if not _CRTE_ID.match(value):
        return [Problem(field, f"Identifiant national du CRTE : « {value} » ne peut contenir que des lettres, "
                               "des chiffres et les signes - _ . (2 à 40 caractères).")]
    if value.casefold() in {o.casefold() for o in others}:
        return [Problem(field, f"Identifiant national du CRTE : « {value} » est déjà celui d'un autre contrat.")]
    return []
