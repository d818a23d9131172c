"""Titles of signatories in letters."""

from crte_desktop.domain.titles import state_office_title, with_article


def test_article_follows_the_capacity():
    assert with_article("Président de Douaisis Agglo") == "Le Président de Douaisis Agglo"
    assert with_article("Présidente de Douaisis Agglo") == "La Présidente de Douaisis Agglo"
    assert with_article("Adjoint au maire") == "L'Adjoint au maire"
    assert with_article("Le Maire de Douai") == "Le Maire de Douai"
    assert with_article("  ") == ""


def test_state_offices_are_titled_from_their_name():
    assert state_office_title("Sous-préfecture de Douai") == "Le sous-préfet de Douai"
    assert state_office_title("Préfecture de la région Hauts-de-France, préfecture du Nord") == \
        "Le préfet de la région Hauts-de-France, préfet du Nord"
    assert state_office_title("Direction régionale des affaires culturelles") == ""
