"""How a signatory is titled in a letter: « Le Président de … », « La Présidente de … », « Le sous-préfet de
Douai » — from a capacity as the contract states it, or from the name of a State office."""

from __future__ import annotations

import re

_FEMININE_ENDINGS = ("ente", "ète", "trice", "ière", "esse")
_ARTICLES = ("le ", "la ", "les ", "l'", "l’")


def with_article(capacity: str) -> str:
    """"Président de X" → "Le Président de X"; "Présidente…" → "La Présidente…"; "Adjoint…" → "L'Adjoint…";
    a capacity that already opens with an article is kept."""
    text = " ".join(capacity.split())
    if not text or text.lower().startswith(_ARTICLES):
        return text
    first = re.split(r"[\s,]", text, maxsplit=1)[0].lower()
    if first[0] in "aeiouyéèêàâîôûh" and not first.startswith("h"):
        return "L'" + text
    if first.endswith(_FEMININE_ENDINGS):
        return "La " + text
    return "Le " + text


def state_office_title(organisation_name: str) -> str:
    """The title of who heads a State office: "Sous-préfecture de Douai" → "Le sous-préfet de Douai";
    "Préfecture de la région X, préfecture du Nord" → "Le préfet de la région X, préfet du Nord"; "" when the
    name is not a (sous-)préfecture."""
    name = " ".join(organisation_name.split())
    if not re.match(r"(?i)(sous-)?préfecture\b", name):
        return ""
    title = re.sub(r"(?i)\b(sous-)?préfecture\b", lambda m: ("sous-" if m.group(1) else "") + "préfet", name)
    return "Le " + title[0].lower() + title[1:]
