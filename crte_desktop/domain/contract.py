"""The contract, its amendments, signatories and tree of sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crte_desktop.domain.enums import ContractGeneration


@dataclass
class Contract:
    name: str
    title: str = ""
    territory: str = ""
    signature_date: date | None = None
    start_year: int | None = None
    duration_years: int = 6
    level_names: list[str] = field(default_factory=lambda: ["Volet", "Orientation"])
    description: str = ""
    id: int | None = None
    uuid: str | None = None
    id_crte: str = ""  # national identifier of the CRTE
    generation: ContractGeneration = ContractGeneration.RELANCE_2021
    row_version: int = 1  # moved by every change of the contract (its signatories and amendments too)

    @property
    def end_year(self) -> int | None:
        if self.start_year is None:
            return None
        return self.start_year + self.duration_years - 1

    def level_name(self, depth: int) -> str:
        """Name of the sections at ``depth`` (0-based); deeper levels repeat the last name."""
        if not self.level_names:
            return "Section"
        return self.level_names[min(depth, len(self.level_names) - 1)]


@dataclass
class Amendment:
    contract_id: int
    number: int
    date: date | None
    title: str
    description: str = ""
    id: int | None = None


@dataclass
class Signatory:
    contract_id: int
    organisation_id: int | None
    person_id: int | None
    capacity: str = ""
    position: int = 0
    id: int | None = None


@dataclass
class Section:
    contract_id: int
    title: str
    parent_id: int | None = None
    position: int = 0
    description: str = ""
    id: int | None = None
    code: str = ""  # computed from positions: "1", "1.2"…
    depth: int = 0  # computed: 0 for a top-level section
    row_version: int = 1  # moved by every change (a move that renumbers it too)


def number_sections(sections: list[Section]) -> list[Section]:
    """Give each section its code ("1", "1.2"…) and depth from the tree order.

    Returns the sections in depth-first order.
    """
    children: dict[int | None, list[Section]] = {}
    for s in sections:
        children.setdefault(s.parent_id, []).append(s)
    for lst in children.values():
        lst.sort(key=lambda s: (s.position, s.id or 0))
    ordered: list[Section] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for i, s in enumerate(children.get(parent_id, []), start=1):
            s.code = f"{prefix}{i}"
            s.depth = depth
            ordered.append(s)
            if s.id is not None:
                walk(s.id, f"{s.code}.", depth + 1)

    walk(None, "", 0)
    return ordered
