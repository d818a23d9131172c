"""fold(), called by SQLite on every row the actions filter reads, takes a fast way for Latin text and gives
exactly what Unicode decomposition gives, whatever the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from crte_desktop.domain.text import _fold_slowly, fold


def test_french_text_is_folded():
    assert fold("Élan Été — Œuvre, cœur’s « façade » 12 €") == "elan ete — œuvre, cœur’s « facade » 12 €"
    assert fold("STRAßE") == "strasse" and fold(None) == "" and fold("") == ""


@settings(max_examples=400)
@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=0x36F), st.characters(min_codepoint=0x2000,
                                                                                    max_codepoint=0x20CF),
                                  st.characters(blacklist_categories=("Cs",))), max_size=30))
def test_the_fast_way_gives_what_decomposition_gives(text):
    assert fold(text) == _fold_slowly(text)
