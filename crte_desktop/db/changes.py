"""What a write changed, so that views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    """Ids touched by one user action, per kind of record. ``everything`` after a reload."""

    contracts: set[int] = field(default_factory=set)
    sections: set[int] = field(default_factory=set)
    actions: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)
    reference: bool = False
    everything: bool = False
    extra: set[str] = field(default_factory=set)  # other kinds ("meetings", "committees"…)

    def merge(self, other: "Changes") -> "Changes":
        self.contracts |= other.contracts
        self.sections |= other.sections
        self.actions |= other.actions
        self.organisations |= other.organisations
        self.persons |= other.persons
        self.reference |= other.reference
        self.everything |= other.everything
        self.extra |= other.extra
        return self

    def __bool__(self) -> bool:
        return bool(
            self.contracts or self.sections or self.actions or self.organisations or self.persons
            or self.reference or self.everything or self.extra
        )
