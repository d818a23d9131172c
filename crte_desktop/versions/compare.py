"""Comparing a version (snapshot) with the workspace as it is today: actions, financing lines and meetings
added, removed or changed since the version was taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crte_desktop.db.errors import translated
from crte_desktop.db.queries.versions import labelled_rows, version_labelled_rows
from crte_desktop.db.store import Store
from crte_desktop.domain.wording import plural

KINDS = (("actions", "Actions"), ("financing", "Lignes de financement"), ("meetings", "Séances"))


@dataclass
class KindDifference:
    label: str
    added: list[str] = field(default_factory=list)  # in today's workspace, not in the version
    removed: list[str] = field(default_factory=list)  # in the version, gone today
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class Comparison:
    kinds: list[KindDifference]
    removed_action_ids: list[int]  # actions of the version deleted since: each can be restored

    @property
    def empty(self) -> bool:
        return all(k.empty for k in self.kinds)

    def lines(self, limit: int = 15) -> list[str]:
        out = []
        for k in self.kinds:
            out.append(f"{k.label} : {plural(len(k.added), 'ajoutée')}, {plural(len(k.removed), 'supprimée')}, "
                       f"{plural(len(k.changed), 'modifiée')} depuis cette version")
            for sign, items in (("+", k.added), ("−", k.removed), ("~", k.changed)):
                out += [f"   {sign} {item}" for item in items[:limit]]
                if len(items) > limit:
                    out.append(f"   {sign} … et {plural(len(items) - limit, 'autre')}")
        if self.empty:
            out.append("Aucune différence : cette version est identique à l'espace de travail actuel.")
        return out


def _diff(old: dict[int, tuple], new: dict[int, tuple], label: str) -> KindDifference:
    diff = KindDifference(label)
    diff.added = [new[i][0] for i in sorted(new.keys() - old.keys())]
    diff.removed = [old[i][0] for i in sorted(old.keys() - new.keys())]
    for i in sorted(old.keys() & new.keys()):
        before, after = old[i][1], new[i][1]
        common = before.keys() & after.keys()  # a version of an older schema has fewer columns
        if any(before[c] != after[c] for c in common):
            diff.changed.append(new[i][0])
    return diff


def compare(store: Store, snapshot_file: Path) -> Comparison:
    """What differs between the version in ``snapshot_file`` and the open workspace ``store``."""
    with translated(snapshot_file, "comparing a version"):
        old_rows = version_labelled_rows(snapshot_file, [key for key, _label in KINDS])
        kinds = []
        removed_actions: list[int] = []
        for key, label in KINDS:
            old = old_rows[key]
            new = labelled_rows(store, key)
            kinds.append(_diff(old, new, label))
            if key == "actions":
                removed_actions = sorted(old.keys() - new.keys())
    return Comparison(kinds, removed_actions)


def compare_with_today(store: Store, snapshot_file: Path) -> Comparison:
    """``compare`` for an open workspace (the versions dialog's)."""
    return compare(store, snapshot_file)
