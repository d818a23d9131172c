"""Rules on the directory (organisations, persons) and the reference data (funders, schemes,
action statuses). Each check returns Problems with a French message."""

from __future__ import annotations

import re

from crte_desktop.domain import limits
from crte_desktop.domain.directory import Funder, FondsVertMesure, Organisation, Person, Scheme
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.identifiers import check_insee, check_siret
from crte_desktop.domain.limits import too_long
from crte_desktop.domain.text import fold

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE = re.compile(r"^\+?[\d .\-()]+$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def check_email(email: str, field: str = "email") -> list[Problem]:
    email = (email or "").strip()
    if email and not _EMAIL.match(email):
        return [Problem(field, f"L'adresse de courriel « {email} » n'est pas valide "
                               "(exemple : prenom.nom@mairie-douai.fr).")]
    return []


def check_phone(phone: str, field: str = "phone") -> list[Problem]:
    phone = (phone or "").strip()
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 4):
        return [Problem(field, f"Le numéro de téléphone « {phone} » n'est pas valide (exemple : 03 27 99 99 99).")]
    return []


def check_organisation(org: Organisation, epci: Organisation | None = None,
                       other_names: set[str] = frozenset()) -> list[Problem]:
    """``epci``: the organisation that ``org.epci_id`` designates (None if unknown);
    ``other_names``: names of the other organisations (a duplicate is flagged, not refused)."""
    problems: list[Problem] = []
    name = (org.name or "").strip()
    if not name:
        problems.append(Problem("name", "Le nom de l'organisation est obligatoire."))
    elif fold(name) in {fold(n) for n in other_names}:
        problems.append(Problem("name", f"Une autre organisation s'appelle déjà « {name} ».", "warning"))
    if org.epci_id is not None:
        if org.kind is not OrgKind.COMMUNE:
            problems.append(Problem("epci_id", "Seule une commune peut être rattachée à un EPCI."))
        elif org.id is not None and org.epci_id == org.id:
            problems.append(Problem("epci_id", "Une commune ne peut pas être son propre EPCI."))
        elif epci is None:
            problems.append(Problem("epci_id", "L'EPCI de rattachement n'existe plus dans l'annuaire."))
        elif epci.kind is not OrgKind.EPCI:
            problems.append(Problem("epci_id", f"« {epci.label} » n'est pas un EPCI : une commune se rattache à une "
                                               "communauté de communes, d'agglomération ou à une métropole."))
    elif org.kind is OrgKind.COMMUNE:
        problems.append(Problem("epci_id", "Cette commune n'est rattachée à aucun EPCI : ses chiffres ne pourront "
                                           "pas être regroupés par territoire.", "warning"))
    problems += too_long(org.name, limits.NAME, "name", "Le nom de l'organisation")
    problems += check_email(org.email)
    problems += check_phone(org.phone)
    problems += check_siret(org.siret)
    if (org.insee_code or "").strip() and org.kind is not OrgKind.COMMUNE:
        problems.append(Problem("insee_code", "Code INSEE : seule une commune a un code commune INSEE."))
    else:
        problems += check_insee(org.insee_code)
    return problems


def check_person(person: Person) -> list[Problem]:
    problems: list[Problem] = []
    if not (person.last_name or "").strip():
        problems.append(Problem("last_name", "Le nom de famille de la personne est obligatoire."))
    problems += too_long(person.last_name, limits.PERSON_NAME, "last_name", "Le nom de famille")
    problems += too_long(person.first_name, limits.PERSON_NAME, "first_name", "Le prénom")
    problems += check_email(person.email)
    problems += check_phone(person.phone)
    return problems


def organisation_in_use(name: str, uses: dict[str, int]) -> str | None:
    """The refusal to delete an organisation still in use; ``uses``: description → count
    (e.g. {"maître d'ouvrage d'actions": 3}). None when nothing uses it."""
    used = {what: n for what, n in uses.items() if n}
    total = sum(used.values())
    if not total:
        return None
    detail = ", ".join(f"{what} : {n}" for what, n in used.items())
    times = "une fois" if total == 1 else f"{total} fois"
    return (f"L'organisation « {name} » ne peut pas être supprimée : elle est utilisée {times} ({detail}). "
            "Retirez-la d'abord de ces fiches.")


def person_in_use(name: str, signatures: int) -> str | None:
    if not signatures:
        return None
    contracts = "un contrat" if signatures == 1 else f"{signatures} contrats"
    return (f"La fiche de {name} ne peut pas être supprimée : cette personne signe {contracts}. "
            "Retirez-la d'abord des signataires.")


def funder_in_use(name: str, lines: int) -> str | None:
    if not lines:
        return None
    what = "une ligne de financement" if lines == 1 else f"{lines} lignes de financement"
    return f"Le financeur « {name} » figure dans {what} : il ne peut pas être supprimé."


def scheme_in_use(name: str, lines: int) -> str | None:
    if not lines:
        return None
    what = "une ligne de financement" if lines == 1 else f"{lines} lignes de financement"
    return f"Le dispositif « {name} » figure dans {what} : il ne peut pas être supprimé."


def check_funder(funder: Funder, other_names: set[str] = frozenset()) -> list[Problem]:
    name = (funder.name or "").strip()
    if not name:
        return [Problem("name", "Le nom du financeur est obligatoire.")]
    if fold(name) in {fold(n) for n in other_names}:
        return [Problem("name", f"Le financeur « {name} » existe déjà.")]
    return []


def check_scheme(scheme: Scheme, other_names: set[str] = frozenset()) -> list[Problem]:
    name = (scheme.name or "").strip()
    if not name:
        return [Problem("name", "Le nom du dispositif est obligatoire.")]
    if fold(name) in {fold(n) for n in other_names}:
        return [Problem("name", f"Ce financeur a déjà un dispositif « {name} ».")]
    if scheme.lapse_months is not None and not 1 <= scheme.lapse_months <= 120:
        return [Problem("lapse_months", "Délai de caducité : de 1 à 120 mois (24 mois pour les subventions "
                                        "d'investissement de l'État), ou vide s'il n'y en a pas.")]
    return []


def check_mesure(mesure: FondsVertMesure, other_names: set[str] = frozenset()) -> list[Problem]:
    problems: list[Problem] = []
    name = (mesure.name or "").strip()
    if not name:
        problems.append(Problem("name", "Le nom de la mesure du Fonds vert est obligatoire."))
    elif fold(name) in {fold(n) for n in other_names}:
        problems.append(Problem("name", f"La mesure « {name} » existe déjà."))
    for fname, label, year in (("first_year", "Première année", mesure.first_year),
                               ("last_year", "Dernière année", mesure.last_year)):
        if year is not None and not 2020 <= year <= 2100:
            problems.append(Problem(fname, f"{label} : l'année doit être comprise entre 2020 et 2100."))
    if mesure.first_year and mesure.last_year and mesure.last_year < mesure.first_year:
        problems.append(Problem("last_year", "Dernière année : elle précède la première année de la mesure."))
    return problems


def check_status(label: str, color: str, other_labels: set[str] = frozenset()) -> list[Problem]:
    problems: list[Problem] = []
    label = (label or "").strip()
    if not label:
        problems.append(Problem("label", "Le libellé du statut est obligatoire."))
    elif fold(label) in {fold(n) for n in other_labels}:
        problems.append(Problem("label", f"Un autre statut s'appelle déjà « {label} »."))
    if not _COLOR.match(color or ""):
        problems.append(Problem("color", f"La couleur « {color} » n'est pas valide (format attendu : #RRVVBB)."))
    return problems
