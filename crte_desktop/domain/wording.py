"""French wording used in many places: plurals, agreement with a person's civility, the « unsaved
changes » question, the undo/redo menu texts and the sentences repeated across screens and documents.

One place for them, so that a screen, a document and the command line say the same thing the same way.
Plain Python (no Qt): domain, services and views all use it.
"""

from __future__ import annotations

# -- plurals --------------------------------------------------------------------------------------


def plural_word(n: int, one: str, many: str | None = None) -> str:
    """``one`` for 0 and 1 (French usage), ``many`` (default: ``one`` + "s") from 2 on.

    ``plural_word(2, "action")`` → "actions"; ``plural_word(3, "journal", "journaux")`` → "journaux".
    """
    if abs(n) < 2:
        return one
    return many if many is not None else _regular_plural(one)


def plural(n: int, one: str, many: str | None = None) -> str:
    """The count and the agreeing words: "0 action", "1 action", "3 actions", "2 décisions adoptées".

    Every word of ``one`` takes the plural ("décision adoptée" → "décisions adoptées") unless ``many``
    is given; words after « de »/« du »/« d' » keep their number ("point de l'ordre du jour" →
    "points de l'ordre du jour"). The count is written with a narrow no-break space for thousands.
    """
    return f"{format_count(n)} {plural_word(n, one, many)}"


def format_count(n: int) -> str:
    """12345 → "12 345" (narrow no-break space, as the amounts)."""
    return f"{n:,}".replace(",", "\u202f")


_INVARIABLE_ENDINGS = ("s", "x", "z")
_STOP_WORDS = {"de", "du", "des", "d'", "à", "au", "aux", "en", "sur", "par", "pour", "avec", "sans", "dont"}


def _regular_plural(phrase: str) -> str:
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        lowered = word.lower()
        if lowered in _STOP_WORDS or lowered.startswith("d'") or lowered.startswith("l'"):
            out.extend(words[i:])
            break
        out.append(_plural_of_word(word))
    return " ".join(out)


def _plural_of_word(word: str) -> str:
    if not word or not word[-1].isalpha() or word.lower().endswith(_INVARIABLE_ENDINGS):
        return word
    if word.endswith("al") and word.lower() not in {"festival", "récital", "bal", "carnaval"}:
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")) and word.lower() not in {"pneu", "bleu"}:
        return word + "x"
    return word + "s"


# -- agreement with a person ----------------------------------------------------------------------

FEMININE_CIVILITIES = {"mme", "mme.", "madame", "mlle", "mademoiselle"}


def is_feminine(civility: str | None) -> bool:
    """True for « Mme », « Madame », « Mlle »… (case and trailing dot ignored)."""
    return (civility or "").strip().lower() in FEMININE_CIVILITIES


def agree(masculine: str, civility: str | None, feminine: str | None = None) -> str:
    """A participle or adjective agreeing with a person: ``agree("Présent", "Mme")`` → "Présente".

    ``feminine`` defaults to ``masculine`` + "e" (« Excusé » → « Excusée », « Représenté » → « Représentée »).
    """
    if not is_feminine(civility):
        return masculine
    if feminine is not None:
        return feminine
    return masculine if masculine.endswith("e") and not masculine.endswith("é") else masculine + "e"


# -- repeated sentences ---------------------------------------------------------------------------

CO_CHAIRS = "les co-présidents"
PRESENTED_BY_CO_CHAIRS = "présenté par les co-présidents"
WORKSPACE_UNCHANGED = "L'espace de travail n'a pas été modifié."
UNSAVED_TITLE = "Modifications non enregistrées"
UNSAVED_QUESTION = "Voulez-vous les enregistrer ?"
SAVE = "Enregistrer"
DISCARD = "Ne pas enregistrer"
CANCEL = "Annuler"
UNDO = "Annuler"
REDO = "Rétablir"


def unsaved_text(what: str) -> str:
    """« La fiche « 2021-1 » a des modifications non enregistrées. » — ``what`` names the thing, with its
    article: "La fiche « 2021-1 »", "Le contrat", "Le compte rendu"."""
    return f"{what[:1].upper()}{what[1:]} a des modifications non enregistrées."


# -- undo and redo menu texts ---------------------------------------------------------------------
# An undo step is labelled with a noun phrase (« Création de l'action D-24 », shown as is in the history
# list); the Édition menu says « Annuler la création de l'action D-24 ». The article of the leading noun:

_ARTICLES = {
    "ajout": "l'", "ajouts": "les ", "application": "l'", "création": "la ", "modification": "la ",
    "modifications": "les ", "suppression": "la ", "déplacement": "le ", "import": "l'",
    "importation": "l'", "enregistrement": "l'", "restauration": "la ", "validation": "la ",
    "annulation": "l'", "remplacement": "le ", "renommage": "le ", "changement": "le ",
    "changements": "les ", "fusion": "la ", "duplication": "la ", "copie": "la ", "mise": "la ",
    "ordre": "l'", "saisie": "la ", "inscription": "l'", "retrait": "le ", "report": "le ",
    "convocation": "la ", "feuille": "la ", "présences": "les ", "relevé": "le ", "compte": "le ",
    "décision": "la ", "décisions": "les ", "suite": "la ", "suites": "les ", "séance": "la ",
    "nouvelle": "la ", "nouveau": "le ", "édition": "l'", "réorganisation": "la ", "tri": "le ",
    "réimport": "le ", "réimportation": "la ", "première": "la ", "premier": "le ", "mesure": "la ",
    "rattachement": "le ", "détachement": "le ", "reprise": "la ", "avenant": "l'", "section": "la ",
    "document": "le ", "envoi": "l'", "impression": "l'", "préparation": "la ", "réouverture": "la ",
    "clôture": "la ", "ouverture": "l'", "tenue": "la ", "attribution": "l'",
}


def with_article(label: str) -> str:
    """« Création de l'action D-24 » → « la création de l'action D-24 »; an unknown leading word keeps
    the label as it is, lower-cased at its first letter unless it is an acronym (« COPIL … »)."""
    if not label:
        return label
    first, _, rest = label.partition(" ")
    article = _ARTICLES.get(first.lower())
    if article is None:
        return label if first.isupper() else label[:1].lower() + label[1:]
    word = first.lower() + (" " + rest if rest else "")
    return article + word


def undo_text(label: str) -> str:
    """The Édition menu's « Annuler la création de l'action D-24 »."""
    return f"{UNDO} {with_article(label)}" if label else UNDO


def redo_text(label: str) -> str:
    """The Édition menu's « Rétablir la création de l'action D-24 »."""
    return f"{REDO} {with_article(label)}" if label else REDO
