"""Text helpers: accent- and case-insensitive folding for search."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case text without accents: "Élan Été" → "elan ete"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
