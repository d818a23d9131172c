"""The reference lists the action form chooses from, read once per (re)load."""

from __future__ import annotations

from dataclasses import dataclass, field

from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import FondsVertMesure, Funder, Organisation, Scheme, SgpeLever
from crte_desktop.domain.enums import OrgKind
from crte_desktop.workspace import Workspace


@dataclass
class Lookups:
    contract: Contract | None
    sections: list[Section]
    organisations: list[Organisation]
    funders: list[Funder]
    schemes: list[Scheme]
    status_labels: dict[str, str]  # action status code → label, as the user named them
    levers: list[SgpeLever] = field(default_factory=list)
    mesures: list[FondsVertMesure] = field(default_factory=list)

    @classmethod
    def load(cls, workspace: Workspace, contract_id: int) -> "Lookups":
        contracts, directory = workspace.contracts, workspace.directory
        return cls(contracts.contract(contract_id), contracts.sections(contract_id), directory.organisations(),
                   directory.funders(), directory.schemes(),
                   {code: label for code, (label, _color) in directory.statuses().items()},
                   directory.national.levers(), directory.national.mesures())

    def organisation(self, org_id: int | None) -> Organisation | None:
        return next((o for o in self.organisations if o.id == org_id), None)

    def of_kind(self, kind: OrgKind) -> list[Organisation]:
        return [o for o in self.organisations if o.kind is kind]

    def funder(self, funder_id: int | None) -> Funder | None:
        return next((f for f in self.funders if f.id == funder_id), None)

    def scheme(self, scheme_id: int | None) -> Scheme | None:
        return next((s for s in self.schemes if s.id == scheme_id), None)

    def mesure(self, mesure_id: int | None) -> FondsVertMesure | None:
        return next((m for m in self.mesures if m.id == mesure_id), None)

    def is_fonds_vert(self, scheme_id: int | None) -> bool:
        """A line of the Fonds vert takes a mesure (the scheme as seeded, or any scheme so named)."""
        scheme = self.scheme(scheme_id)
        return scheme is not None and "fonds vert" in scheme.name.casefold()

    def schemes_of(self, funder_id: int | None) -> list[Scheme]:
        return [s for s in self.schemes if s.funder_id == funder_id]

    def section_label(self, section: Section) -> str:
        level = self.contract.level_name(section.depth) if self.contract else "Section"
        return f"{level} {section.code} — {section.title}"

    def epci_for_owner(self, owner_id: int | None) -> int | None:
        """The EPCI territory an owner suggests: itself if it is an EPCI, its EPCI if it is a commune."""
        owner = self.organisation(owner_id)
        if owner is None:
            return None
        if owner.kind is OrgKind.EPCI:
            return owner.id
        return owner.epci_id
