"""The shared French wording: plurals, agreement with a civility, undo menu texts."""

from crte_desktop.domain.wording import (
    agree, format_count, plural, plural_word, redo_text, undo_text, unsaved_text, with_article,
)


def test_plural_follows_french_usage_zero_and_one_singular():
    assert plural(0, "action") == "0 action"
    assert plural(1, "action") == "1 action"
    assert plural(2, "action") == "2 actions"
    assert plural(12345, "action") == "12\u202f345 actions"


def test_plural_agrees_every_word_until_a_complement():
    assert plural(3, "décision adoptée") == "3 décisions adoptées"
    assert plural(2, "référence rompue") == "2 références rompues"
    assert plural(2, "point de l'ordre du jour") == "2 points de l'ordre du jour"
    assert plural(2, "changement en conflit") == "2 changements en conflit"
    assert plural(4, "modification enregistrée") == "4 modifications enregistrées"


def test_plural_irregular_and_invariable_words():
    assert plural(2, "journal") == "2 journaux"
    assert plural(2, "bureau") == "2 bureaux"
    assert plural(2, "avis") == "2 avis"
    assert plural(2, "prix") == "2 prix"
    assert plural(2, "œil", "yeux") == "2 yeux"
    assert plural_word(1, "cheval", "chevaux") == "cheval"


def test_format_count_groups_thousands():
    assert format_count(999) == "999"
    assert format_count(1000) == "1\u202f000"


def test_agree_with_civility():
    assert agree("Présent", "Mme") == "Présente"
    assert agree("Présent", "Madame") == "Présente"
    assert agree("Excusé", "MME.") == "Excusée"
    assert agree("Représenté", "M.") == "Représenté"
    assert agree("Présent", "") == "Présent"
    assert agree("Présent", None) == "Présent"
    assert agree("Absent", "Mme") == "Absente"


def test_undo_texts_carry_the_article():
    assert undo_text("Création de l'action D-24") == "Annuler la création de l'action D-24"
    assert redo_text("Création de l'action D-24") == "Rétablir la création de l'action D-24"
    assert undo_text("Ajout du financeur « ADEME »") == "Annuler l'ajout du financeur « ADEME »"
    assert undo_text("Suppression de la séance COPIL") == "Annuler la suppression de la séance COPIL"
    assert undo_text("") == "Annuler"
    assert with_article("COPIL du 12/03/2026") == "COPIL du 12/03/2026"
    assert with_article("Inconnu truc") == "inconnu truc"


def test_unsaved_text():
    assert unsaved_text("la fiche « 2021-1 »") == "La fiche « 2021-1 » a des modifications non enregistrées."
