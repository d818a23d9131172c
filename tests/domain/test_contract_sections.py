"""The contract, its level names and the numbering of its tree of sections."""

from crte_desktop.domain.contract import Contract, Section, number_sections
from crte_desktop.domain.rules import check_contract, check_section


def _tree():
    # Created in a jumbled order, ordered by position under each parent.
    return [
        Section(contract_id=1, id=11, title="Cohésion sociale", position=1),
        Section(contract_id=1, id=10, title="Transition écologique", position=0),
        Section(contract_id=1, id=22, title="Mobilités douces", parent_id=10, position=1),
        Section(contract_id=1, id=21, title="Rénovation énergétique", parent_id=10, position=0),
        Section(contract_id=1, id=30, title="Inclusion numérique", parent_id=11, position=0),
        Section(contract_id=1, id=40, title="Tiers-lieux", parent_id=30, position=0),
    ]


def test_number_sections_gives_codes_and_depth_in_tree_order():
    ordered = number_sections(_tree())
    assert [(s.code, s.title, s.depth) for s in ordered] == [
        ("1", "Transition écologique", 0),
        ("1.1", "Rénovation énergétique", 1),
        ("1.2", "Mobilités douces", 1),
        ("2", "Cohésion sociale", 0),
        ("2.1", "Inclusion numérique", 1),
        ("2.1.1", "Tiers-lieux", 2),
    ]


def test_codes_follow_positions_not_ids_and_ignore_gaps():
    sections = [
        Section(contract_id=1, id=1, title="A", position=7),
        Section(contract_id=1, id=2, title="B", position=3),
        Section(contract_id=1, id=3, title="C", position=3),  # tie: id decides
    ]
    assert [(s.code, s.title) for s in number_sections(sections)] == [("1", "B"), ("2", "C"), ("3", "A")]


def test_number_sections_of_nothing():
    assert number_sections([]) == []


def test_contract_end_year_and_level_names():
    c = Contract(name="CRTE du Douaisis", start_year=2021, level_names=["Axe", "Orientation"])
    assert c.end_year == 2026  # six years: 2021 … 2026
    assert Contract(name="X").end_year is None
    assert c.level_name(0) == "Axe"
    assert c.level_name(1) == "Orientation"
    assert c.level_name(4) == "Orientation"
    assert Contract(name="X", level_names=[]).level_name(0) == "Section"
    assert Contract(name="X").level_names == ["Volet", "Orientation"]


def test_a_valid_contract_has_no_problem():
    assert check_contract(Contract(name="CRTE du Valenciennois", start_year=2021)) == []


def test_contract_rules_with_french_messages():
    def messages(**kw):
        return [p.message for p in check_contract(Contract(**{"name": "CRTE", **kw}))]

    assert messages(name="  ") == ["Le nom du contrat est obligatoire."]
    assert messages(duration_years=0) == ["La durée du contrat doit être comprise entre 1 et 20 ans."]
    assert messages(duration_years=21) == ["La durée du contrat doit être comprise entre 1 et 20 ans."]
    assert messages(duration_years=1) == []
    assert messages(start_year=1989) == ["L'année de début doit être comprise entre 1990 et 2100."]
    assert messages(level_names=[" ", ""]) == ["Donnez au moins un nom de niveau (par exemple « Volet »)."]
    assert all(p.is_error for p in check_contract(Contract(name="", duration_years=0)))


def test_section_needs_a_title():
    assert check_section(Section(contract_id=1, title="Axe 1")) == []
    [p] = check_section(Section(contract_id=1, title="   "))
    assert p.message == "L'intitulé de la section est obligatoire." and p.is_error
