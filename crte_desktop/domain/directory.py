"""Organisations and persons, and the funders and schemes of financing."""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.domain.enums import FinancingCategory, OrgKind


@dataclass
class Organisation:
    name: str
    kind: OrgKind = OrgKind.AUTRE
    short_name: str = ""
    epci_id: int | None = None  # for a commune: its EPCI
    address: str = ""
    email: str = ""
    phone: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class Person:
    last_name: str
    first_name: str = ""
    civility: str = ""
    function: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""
    id: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.civility, self.first_name, self.last_name) if p)


@dataclass
class Funder:
    name: str
    short_name: str = ""
    is_public: bool = True
    organisation_id: int | None = None
    id: int | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class Scheme:
    funder_id: int
    name: str
    default_category: FinancingCategory | None = None
    id: int | None = None
