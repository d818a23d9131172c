"""« Favorable à l'environnement »: favourable on one axis at least and unfavourable on none; overridable."""

from crte_desktop.domain.enums import Rating
from crte_desktop.domain.green import GREEN_RULE, check_override, computed_favourable, effective_favourable, verdict_label

F, N, U, X = Rating.FAVOURABLE, Rating.NEUTRAL, Rating.UNFAVOURABLE, Rating.NOT_ASSESSED


def test_rule():
    assert computed_favourable([F, N, N, X, X, X])
    assert not computed_favourable([F, U, N, N, N, N])  # unfavourable on one axis
    assert not computed_favourable([N, N, N, N, N, N])
    assert not computed_favourable([X] * 6)
    assert "au moins un" in GREEN_RULE and "aucun" in GREEN_RULE


def test_override_wins_and_needs_a_reason():
    assert effective_favourable([N] * 6, True)
    assert not effective_favourable([F] + [N] * 5, False)
    assert verdict_label([N] * 6, True) == "Favorable (forcé)"
    assert verdict_label([F] + [N] * 5, None) == "Favorable"
    [problem] = check_override(True, "  ")
    assert problem.field == "green_override_reason" and "motif" in problem.message
    assert check_override(True, "Désimperméabilisation de la cour, non notée dans l'évaluation") == []
    assert check_override(None, "") == []
