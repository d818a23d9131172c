"""The Douaisis table "Dotations DETR, DSIL et FNADT perçues entre 2017 et 2021", figure by figure.

Expected values are copied from the signed contract (seeds/001), not from the demo JSON.
"""

from decimal import Decimal

import pytest

from crte_desktop.db.queries import summary as q
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.money import parse_amount, to_cents
from crte_desktop.editing.actions import ActionService

# year → scheme → (Territoire de DA, Territoire de la CCCO), as printed in the contract
TABLE = {
    2017: {"DETR": ("641 500,12 €", "243 568,77 €"), "DSIL": ("1 681 289,00 €", "541 416,00 €"),
           "FNADT": ("0,00 €", "16 000,00 €")},
    2018: {"DETR": ("804 291,98 €", "153 726,17 €"), "DSIL": ("1 458 977,00 €", "600 838,00 €"),
           "FNADT": ("1 000 000,00 €", "0,00 €")},
    2019: {"DETR": ("602 087,17 €", "219 766,23 €"), "DSIL": ("1 326 637,00 €", "100 030,00 €"),
           "FNADT": ("1 500 000,00 €", "0,00 €")},
    2020: {"DETR": ("500 625,95 €", "564 562,19 €"), "DSIL": ("1 542 753,00 €", "1 102 268,00 €"),
           "FNADT": ("1 052 996,00 €", "0,00 €")},
    2021: {"DETR": ("638 913,67 €", "409 377,92 €"), "DSIL": ("3 716 877,01 €", "1 189 389,32 €"),
           "FNADT": ("79 232,00 €", "1 106 922,24 €")},
}
# the table's "TOTAL" line of each year, and "TOTAL 2017 à 2021"
YEAR_TOTALS = {
    2017: ("2 322 789,12 €", "800 984,77 €"),
    2018: ("3 263 268,98 €", "754 564,17 €"),
    2019: ("3 428 724,17 €", "319 796,23 €"),
    2020: ("3 096 374,95 €", "1 666 830,19 €"),
    2021: ("4 435 022,68 €", "2 705 689,48 €"),
}
GRAND_TOTALS = ("16 546 179,90 €", "6 247 864,84 €")
TERRITORIES = ("Communauté d'agglomération Douaisis Agglo", "Communauté de communes Cœur d'Ostrevent")


def cents(text: str) -> int:
    return to_cents(parse_amount(text))


@pytest.fixture(scope="module")
def douaisis(demo_path):
    store = Store.open_read_only(demo_path)
    contract = next(c for c in ContractRepository(store).contracts() if c.name == "CRTE du Douaisis")
    territory_ids = {o.name: o.id for o in DirectoryRepository(store).organisations()}
    yield store, contract.id, [territory_ids[name] for name in TERRITORIES]
    store.close()


def test_every_cell_is_a_financing_line_of_the_territory_action(douaisis):
    store, cid, _ = douaisis
    directory = DirectoryRepository(store)
    schemes = {s.id: s.name for s in directory.schemes()}
    funders = {f.id: f.name for f in directory.funders()}
    service = ActionService(store)
    for column, reference in enumerate(("DOT-DA", "DOT-CCCO")):
        bundle = service.load(ActionRepository(store).find_by_reference(cid, reference))
        got = {(line.year, schemes[line.scheme_id]): line for line in bundle.financing}
        expected = {(year, scheme): amounts[column] for year, row in TABLE.items() for scheme, amounts in row.items()}
        for (year, scheme), amount in expected.items():
            line = got.get((year, scheme))
            if parse_amount(amount) == 0:
                assert line is None, (reference, year, scheme)
                continue
            assert funders[line.funder_id] == "État"
            assert line.granted == line.paid == parse_amount(amount), (reference, year, scheme)
            assert line.status.value == "solde" and line.category.value == "contractualise"
        assert len(got) == sum(1 for a in expected.values() if parse_amount(a))
        assert bundle.action.total_cost == parse_amount(GRAND_TOTALS[column])


def test_year_totals_per_territory_match_the_contract(douaisis):
    store, cid, territories = douaisis
    paid = {(row.key, cell.key): cell.paid for row, cell in q.financing_cross(store, cid, "year", "territory")}
    for year, totals in YEAR_TOTALS.items():
        for territory, total in zip(territories, totals):
            assert paid[(year, territory)] == cents(total), (year, total)


def test_total_2017_to_2021_per_territory_matches_the_contract(douaisis):
    store, cid, territories = douaisis
    cross = q.financing_cross(store, cid, "year", "territory")
    for territory, total in zip(territories, GRAND_TOTALS):
        received = sum(cell.paid for row, cell in cross if cell.key == territory and 2017 <= row.key <= 2021)
        assert received == cents(total)
    by_territory = {s.key: s for s in q.financing_by(store, cid, "territory")}
    for territory, total in zip(territories, GRAND_TOTALS):
        assert by_territory[territory].paid == cents(total)


def test_scheme_totals_add_up_to_the_table(douaisis):
    store, cid, territories = douaisis
    schemes = {s.label: s for s in q.financing_by(store, cid, "scheme")}
    for scheme in ("DETR", "DSIL", "FNADT"):
        expected = sum(cents(a) for row in TABLE.values() for a in row[scheme])
        assert schemes[f"État — {scheme}"].paid == expected
    assert sum(cents(t) for t in GRAND_TOTALS) == to_cents(Decimal("22794044.74"))
