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
    siret: str = ""  # SIREN (9 digits) or SIRET (14 digits)
    insee_code: str = ""  # communes: code officiel géographique (5 characters)
    row_version: int = 1  # moved by every change

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
    row_version: int = 1  # moved by every change (its organisation deleted too)

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
    row_version: int = 1  # moved by every change

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class Scheme:
    funder_id: int
    name: str
    default_category: FinancingCategory | None = None
    id: int | None = None
    lapse_months: int | None = None  # « caducité »: months after the decision without start of works
    row_version: int = 1  # moved by every change


@dataclass
class SgpeLever:
    """One of the 50 levers of the Secrétariat général à la planification écologique."""

    name: str
    position: int = 0
    id: int | None = None


@dataclass
class FondsVertMesure:
    """A mesure of the Fonds vert (they change each year): editable reference data."""

    name: str
    axis: str = ""
    first_year: int | None = None
    last_year: int | None = None
    position: int = 0
    id: int | None = None
    row_version: int = 1  # moved by every change

    def open_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.first_year is None or self.first_year <= year) and (self.last_year is None or year <= self.last_year)
