"""A new action's reference continues the contract's own numbering."""

from crte_desktop.domain.references import next_reference


def test_letter_numbering_continues_with_its_padding():
    refs = [f"D-{n:02d}" for n in range(1, 24)]
    assert next_reference(refs, 2026) == "D-24"
    assert next_reference(["D-01", "D-07"], 2026) == "D-08"
    assert next_reference(["P-1", "P-2", "P-9"], 2026) == "P-10"


def test_year_numbering_continues_in_the_year_asked_for():
    assert next_reference(["2021-1", "2021-2", "2022-1"], 2021) == "2021-3"
    assert next_reference(["2021-1", "2021-2"], 2024) == "2024-1"


def test_the_numbering_most_references_follow_wins_then_the_latest():
    refs = ["2021-1", "2021-2"] + [f"P-{n:02d}" for n in range(1, 31)]
    assert next_reference(refs, 2026) == "P-31"
    assert next_reference(["A-1", "B-1"], 2026) == "B-2"


def test_an_empty_contract_starts_with_the_year():
    assert next_reference([], 2025) == "2025-1"
    assert next_reference(["Étude"], 2025) == "2025-1"
