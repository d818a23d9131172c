"""The calendar of obligations of a CRTE secretariat: what is due when, and whether it is done or late.

Since the instruction of 30/04/2024 every CRTE holds a COPIL before July and a yearly revue de projets
(1 July–30 September); beside them run the deposit deadlines of the State's schemes (per department), the
lapse dates of granted subsidies (« caducité ») and the committees' yearly cadence. Each becomes one
``Obligation``; its state is judged against today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from crte_desktop.domain.errors import Problem

FIRST_YEAR_2024_RULES = 2024  # COPIL before July and the revue window apply from this year on
REVUE_START = (7, 1)  # 1 July
REVUE_END = (9, 30)  # 30 September
COPIL_BEFORE = (6, 30)  # a COPIL held by 30 June
SOON_DAYS = 30  # "à faire" when due within this many days


class ObligationKind(Enum):
    COPIL = ("copil", "COPIL avant juillet")
    REVUE = ("revue", "Revue de projets")
    DEPOSIT = ("deposit", "Date limite de dépôt")
    LAPSE = ("lapse", "Caducité")
    CADENCE = ("cadence", "Rythme des comités")
    MEETING = ("meeting", "Séance prévue")

    def __init__(self, code: str, label: str):
        self.code = code
        self.label = label


class ObligationState(Enum):
    DONE = ("done", "Fait")
    LATE = ("late", "En retard")
    DUE = ("due", "À faire")  # due within SOON_DAYS, or its window is open
    COMING = ("coming", "À venir")

    def __init__(self, code: str, label: str):
        self.code = code
        self.label = label


@dataclass
class Obligation:
    kind: ObligationKind
    title: str
    due: date  # the deadline (the last day of a window)
    start: date | None = None  # the first day of a window (revue de projets)
    done: bool = False
    detail: str = ""
    action_ids: tuple[int, ...] = ()
    uid: str = ""  # stable identifier for the .ics export
    missed_is_late: bool = True  # a passed deposit deadline is past, not late

    def state(self, today: date) -> ObligationState:
        if self.done:
            return ObligationState.DONE
        if self.due < today:
            return ObligationState.LATE if self.missed_is_late else ObligationState.DONE
        if (self.start is not None and self.start <= today) or (self.due - today).days <= SOON_DAYS:
            return ObligationState.DUE
        return ObligationState.COMING

    def state_label(self, today: date) -> str:
        state = self.state(today)
        if state is ObligationState.DONE and not self.done:
            return "Passée"
        return state.label


@dataclass
class Calendar:
    today: date
    obligations: list[Obligation] = field(default_factory=list)

    def sorted(self) -> list[Obligation]:
        """Late first, then by date."""
        order = {ObligationState.LATE: 0, ObligationState.DUE: 1, ObligationState.COMING: 2, ObligationState.DONE: 3}
        return sorted(self.obligations, key=lambda o: (order[o.state(self.today)], o.due, o.title))

    def count(self, state: ObligationState) -> int:
        return sum(1 for o in self.obligations if o.state(self.today) is state)


def copil_obligation(year: int, held: list[date], planned: list[date]) -> Obligation:
    """The COPIL of ``year`` before July: done when one was held by 30 June."""
    due = date(year, *COPIL_BEFORE)
    before = [d for d in held if d.year == year and d <= due]
    coming = [d for d in planned if d.year == year and d <= due]
    if before:
        detail = f"COPIL tenu le {before[0]:%d/%m/%Y}"
    elif coming:
        detail = f"COPIL prévu le {coming[0]:%d/%m/%Y}"
    else:
        detail = "Aucun COPIL tenu ni prévu avant juillet"
    return Obligation(ObligationKind.COPIL, f"COPIL {year} avant le 1er juillet", due, done=bool(before),
                      detail=detail, uid=f"copil-{year}")


def revue_obligation(year: int, campaigns: list[tuple[str, int, int]]) -> Obligation:
    """The revue de projets of ``year`` (1 July–30 September): done when a campaign of that year has
    integrated every owner's workbook. ``campaigns``: (name, owners, owners integrated) of the year."""
    done = any(owners and integrated == owners for _name, owners, integrated in campaigns)
    if campaigns:
        detail = " ; ".join(f"« {name} » : {integrated}/{owners} maîtres d'ouvrage intégrés"
                            for name, owners, integrated in campaigns)
    else:
        detail = "Aucune campagne créée"
    return Obligation(ObligationKind.REVUE, f"Revue de projets {year}", date(year, *REVUE_END),
                      start=date(year, *REVUE_START), done=done, detail=detail, uid=f"revue-{year}")


def next_yearly_date(month: int, day: int, today: date) -> date:
    """The next occurrence (today included) of a yearly date; 29 February falls on the 28th in other years."""
    for year in (today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            d = date(year, month, 28)
        if d >= today:
            return d
    raise AssertionError("unreachable")


@dataclass
class DepositDeadline:
    """The yearly deadline for depositing applications to a scheme in a department (reference data)."""

    scheme_id: int | None
    month: int
    day: int
    department: str = ""  # "59", "2A", "974"; "" = every department
    note: str = ""
    id: int | None = None


_DEPARTMENT = re.compile(r"^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$")  # no 20: Corsica is 2A, 2B


def deadline_problems(d: DepositDeadline) -> list[Problem]:
    problems = []
    if d.scheme_id is None:
        problems.append(Problem("scheme_id", "Dispositif : obligatoire."))
    department = (d.department or "").strip().upper()
    if department and not _DEPARTMENT.match(department):
        problems.append(Problem("department", f"Département : « {d.department} » n'est pas un numéro de département "
                                              "(exemples : 59, 2A, 974)."))
    try:
        date(2024, d.month, d.day)  # a leap year: 29 February is a valid deadline
    except (ValueError, TypeError):
        problems.append(Problem("day", f"Date limite : le {d.day:02d}/{d.month:02d} n'existe pas."
                                if isinstance(d.day, int) and isinstance(d.month, int) else "Date limite : invalide."))
    return problems
