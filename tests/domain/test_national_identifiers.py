"""SIREN / SIRET (Luhn key), INSEE commune codes and the national CRTE identifier."""

import pytest

from crte_desktop.domain.identifiers import check_crte_id, check_insee, check_siret, luhn_ok, normalise_siret


@pytest.mark.parametrize("value", [
    "200044618",            # a SIREN (Luhn key right)
    "215901786",
    "21590178600016",       # a SIRET of that SIREN
    "200 044 618",          # with spaces, as printed
    "35600000000048",       # La Poste's head office: Luhn
    "35600000000051",       # a La Poste establishment: digits sum to a multiple of 5, not Luhn
    "",                     # not given
])
def test_valid_siren_and_siret_pass(value):
    assert check_siret(value) == []


@pytest.mark.parametrize("value, words", [
    ("200044619", "clé de contrôle"),
    ("21590178600017", "clé de contrôle"),
    ("21590178100017", "ne commence pas par un SIREN valide"),
    ("2000446", "9 chiffres (SIREN) ou 14 chiffres (SIRET)"),
    ("20004461A", "9 chiffres"),
])
def test_invalid_siren_is_refused_naming_the_field(value, words):
    [problem] = check_siret(value)
    assert problem.field == "siret" and problem.is_error
    assert problem.message.startswith("SIREN / SIRET : ") and words in problem.message


def test_luhn_and_normalisation():
    assert luhn_ok("200044618") and not luhn_ok("200044619")
    assert normalise_siret("215 901 786 00016") == "21590178600016"


@pytest.mark.parametrize("value", ["59178", "2A004", "2b033", "97411", ""])
def test_insee_codes_of_communes(value):
    assert check_insee(value) == []


@pytest.mark.parametrize("value", ["5917", "591780", "2C004", "00123", "ABCDE"])
def test_bad_insee_codes_are_refused(value):
    [problem] = check_insee(value)
    assert problem.field == "insee_code" and problem.message.startswith("Code INSEE : ")


def test_crte_id_format_and_uniqueness():
    assert check_crte_id("CRTE-59-12") == []
    [bad] = check_crte_id("CRTE 59/12")
    assert bad.field == "id_crte" and "Identifiant national du CRTE" in bad.message
    [dup] = check_crte_id("crte-59-12", {"CRTE-59-12"})
    assert "déjà celui d'un autre contrat" in dup.message
