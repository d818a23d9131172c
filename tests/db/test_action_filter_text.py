"""The actions table's filter finds an action by the words of its description and by the funders and schemes
of its financing, not only by reference, title and owner (on the demo workspace)."""

from __future__ import annotations

import pytest

from crte_desktop.db.queries import action_table as tq
from crte_desktop.db.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from crte_desktop.demo.builder import write_demo

    store = Store.open(write_demo(tmp_path_factory.mktemp("filter") / "demo.crte"))
    yield store
    store.close()


def refs(store, text: str) -> set[str]:
    ids = tq.action_ids(store, tq.ActionFilter(text=text))
    return {r.reference for r in tq.action_rows(store, ids).values()}


def funded_by(store, sql_where: str, *params) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT a.reference FROM action a JOIN financing f ON f.action_id = a.id JOIN funder fu"
        f" ON fu.id = f.funder_id LEFT JOIN scheme s ON s.id = f.scheme_id WHERE {sql_where}", params)}


def test_a_word_of_the_description_finds_the_action(demo):
    assert "2021-1" in refs(demo, "cités minières")  # only in 2021-1's description, not its title
    assert "2021-2" in refs(demo, "covoiturage")
    assert "2021-3" in refs(demo, "interreg wallonie")  # every word, in any order, without case


def test_a_scheme_finds_the_actions_it_finances(demo):
    expected = funded_by(demo, "s.name = 'Fonds friches'")
    assert expected and expected <= refs(demo, "fonds friches")


def test_a_funder_by_its_short_or_long_name(demo):
    expected = funded_by(demo, "fu.short_name = 'ANRU'")
    assert expected and expected <= refs(demo, "anru")
    assert expected <= refs(demo, "renovation urbaine")  # accents folded: « rénovation »


def test_a_word_found_nowhere_finds_nothing(demo):
    assert refs(demo, "zzzintrouvable") == set()
    assert refs(demo, "100%_") == set()  # LIKE's wildcards are taken literally
