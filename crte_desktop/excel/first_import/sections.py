"""Matching the sections a spreadsheet names (« Axe 1 : Sécurité… », « 1.1. Améliorer la qualité de
l'air ») to the contract's own tree, or planning the file's axes as new sections.

A value is split into its number and its title. A section matches on its title (a number, when the
file gives one, must agree or be absent), or on its number alone when the file gives no title. A number
whose title differs from the contract's is only a *proposal*: the secretary confirms it (or lets the
file's section be created); it is never taken silently. Into a contract without sections, or when asked
to create the missing ones, the file's axes / sous-axes become new sections, titles kept, each under
its parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crte_desktop.domain.contract import Section
from crte_desktop.excel.cells import clean_text
from crte_desktop.excel.first_import.catalogue import normalise

_LABEL = re.compile(r"(?P<word>[^\W\d_]+(?:[- ][^\W\d_]+)*\.?\s*)?(?P<code>\d+(?:\.\d+)*)\.?"
                    r"(?:\s*[-–—:.)]\s*|\s+|$)(?P<title>.*)", re.S)
_LEVEL_WORDS = {"axe", "axes", "sous axe", "sous sous axe", "volet", "orientation", "ambition", "enjeu", "theme",
                "thematique", "objectif", "objectif strategique", "objectif operationnel", "priorite", "mesure",
                "section", "chapitre", "partie", "fiche", "programme", "pilier", "defi", "levier"}


def split_label(value) -> tuple[str, str]:
    """("1.1", "Améliorer la qualité de l'air") from "1.1. Améliorer la qualité de l'air"; ("", title) when
    the value has no number; (code, "") for "Axe 2" or "1.2"."""
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
    elif isinstance(value, (int, float)):
        text = str(int(value))
    else:
        text = clean_text(str(value or ""))
    m = _LABEL.fullmatch(text)
    if m and (m.group("word") is None or normalise(m.group("word")) in _LEVEL_WORDS):
        return m.group("code"), m.group("title").strip()
    return "", text


@dataclass
class NewSection:
    """A section the import would create."""

    key: str
    title: str
    parent_id: int | None = None  # an existing parent
    parent_key: str | None = None  # or a parent created by this import
    file_code: str = ""  # the number the file gives it (kept in the label shown, not in the tree)

    @property
    def label(self) -> str:
        return f"{self.file_code} {self.title}".strip()


@dataclass
class Proposal:
    """The file's « value » has the number of the contract's ``section`` but another title."""

    value: str
    section: Section

    @property
    def key(self) -> str:
        return normalise(self.value)


@dataclass
class Resolved:
    section: Section | None = None
    new_key: str | None = None
    error: str | None = None
    proposal: Proposal | None = None


@dataclass
class SectionPlan:
    """What the import does with the sections: the ones matched, created, proposed."""

    sections: list[Section]
    create: bool = False  # create the sections the contract lacks
    confirmed: set[str] = field(default_factory=set)  # normalised values whose proposal the secretary accepted
    new: dict[str, NewSection] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    @property
    def creating(self) -> bool:
        return self.create or not self.sections

    def resolve(self, value, level: int = 0, parent: Resolved | None = None) -> Resolved:
        """The section a cell names. ``level`` 0 looks through the whole tree; 1, 2, 3 under ``parent``."""
        code, title = split_label(value)
        shown = clean_text(str(value))
        if parent is not None and parent.new_key is not None:  # under a new section, everything is new
            return self._new(code, title or shown, None, parent.new_key)
        parent_id = parent.section.id if parent is not None and parent.section is not None else None
        pool = [s for s in self.sections if level == 0 or (s.parent_id == parent_id and s.depth == level - 1)]
        if title:
            by_title = [s for s in pool if normalise(s.title) == normalise(title)]
            if by_title:
                return Resolved(by_title[0])
        if code:
            by_code = [s for s in pool if s.code == code]
            if by_code:
                found = by_code[0]
                if not title or normalise(found.title) == normalise(title):
                    return Resolved(found)
                proposal = Proposal(shown, found)
                self.proposals.setdefault(proposal.key, proposal)
                if proposal.key in self.confirmed:
                    return Resolved(found)
                if self.creating:
                    return self._new(code, title, parent_id, None)
                return Resolved(proposal=proposal, error=(
                    f"La section n° {found.code} du contrat est « {found.title} », pas « {title} » : confirmez la "
                    "correspondance, ou cochez « Créer les sections manquantes »."))
        if self.creating:
            return self._new(code, title or shown, parent_id, None)
        known = ", ".join(f"{s.code} {s.title}" for s in self.sections[:8])
        more = "…" if len(self.sections) > 8 else ""
        return Resolved(error=f"Section « {shown} » inconnue dans ce contrat (sections : {known}{more}) : cochez "
                              "« Créer les sections manquantes » pour l'ajouter.")

    def _new(self, code: str, title: str, parent_id: int | None, parent_key: str | None) -> Resolved:
        key = f"{parent_key or parent_id or ''}/{normalise(title) or code}"
        if key not in self.new:
            self.new[key] = NewSection(key, title or code, parent_id, parent_key, code)
        return Resolved(new_key=key)
