"""Bounds on hostile sizes (issue 9.6): the longest text a person would type in each kind of field, and the
French refusal beyond it. Names and titles are short; long texts (descriptions, minutes) are bounded
generously so that a pasted document still fits, but a 1 MB title never reaches a PDF."""

from __future__ import annotations

from crte_desktop.domain.errors import Problem

REFERENCE = 40
NAME = 200  # contract, organisation, funder, scheme, indicator, committee names
PERSON_NAME = 100
TITLE = 300  # action, section, agenda item titles
SHORT = 500  # places, units, decision references, e-mail addresses, roles…
COMMENT = 50_000  # a financing line's comment, a decision's wording (a pasted letter fits)
LONG_TEXT = 50_000  # description, objectives, notes, minutes: about 25 pages

# the same bounds, in documents: a text longer than this is cut with a note (data entered before the caps)
DOCUMENT_TEXT = LONG_TEXT


def too_long(value: str | None, limit: int, field: str, label: str) -> list[Problem]:
    """[Problem] when ``value`` is longer than ``limit`` characters, else []."""
    if value is None or len(value) <= limit:
        return []
    return [Problem(field, f"{label} est trop long : {len(value):,} caractères pour {limit:,} au plus. "
                           "Raccourcissez-le (un document joint peut porter le détail).".replace(",", "\u202f"))]


def clip(text: str | None, limit: int = DOCUMENT_TEXT) -> str:
    """``text`` bounded for a document: cut at ``limit`` characters with a note."""
    text = text or ""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f" […] (texte tronqué : {len(text):,} caractères)".replace(",", "\u202f")
