"""« Favorable à l'environnement »: the verdict computed from the six-axis assessment, and its override.

Rule (shown in the form and in the README): an action is favourable to the environment when it is rated
« Favorable » on at least one of the six objectives of the EU taxonomy and « Défavorable » on none.
The secretariat may override the computed verdict, giving a reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from crte_desktop.domain.enums import Rating
from crte_desktop.domain.errors import Problem

GREEN_RULE = ("Favorable à l'environnement si l'action est jugée « Favorable » sur au moins un des six objectifs "
              "environnementaux et « Défavorable » sur aucun.")


def computed_favourable(ratings: Iterable[Rating]) -> bool:
    ratings = list(ratings)
    return Rating.FAVOURABLE in ratings and Rating.UNFAVOURABLE not in ratings


def effective_favourable(ratings: Iterable[Rating], override: bool | None) -> bool:
    """The verdict the figures use: the override when there is one, else the computed one."""
    return computed_favourable(ratings) if override is None else override


def verdict_label(ratings: Iterable[Rating], override: bool | None) -> str:
    computed = computed_favourable(ratings)
    value = "Favorable" if effective_favourable(ratings, override) else "Non favorable"
    if override is not None and override != computed:
        return f"{value} (forcé)"
    return value


def check_override(override: bool | None, reason: str) -> list[Problem]:
    if override is not None and not (reason or "").strip():
        return [Problem("green_override_reason", "Favorable à l'environnement : donnez le motif du choix qui "
                                                 "remplace le calcul.")]
    return []
