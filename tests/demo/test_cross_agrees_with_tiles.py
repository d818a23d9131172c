"""The dashboard's cross table and its « Financements accordés » tile give one figure: the owner's own funds
(« Autofinancement » lines) are self-financing in both, never amounts granted by a funder."""

from datetime import date

from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.cross import cross_table
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import Stage


def test_cross_table_total_is_the_granted_tile(demo_path):
    today = date(2026, 12, 4)
    with Store.open_read_only(demo_path) as store:
        own = store.conn.execute("SELECT COUNT(*) FROM financing f JOIN funder fu ON fu.id = f.funder_id"
                                 " WHERE fu.name = 'Autofinancement' AND f.granted_cents > 0").fetchone()[0]
        assert own, "the demo must hold a granted self-financing line for this test to mean something"
        for contract_id in (1, 2):
            f = DashboardFilter(contract_id)
            granted_tile = compute_dashboard(store, f, today).kpis.financing.cents[2]
            for rows, columns in (("year", "territory"), ("funder", "scheme")):
                table = cross_table(store, f, rows, columns, Stage.GRANTED, today)
                assert table.total == granted_tile, (contract_id, rows, columns)


def test_summary_gives_the_dashboards_granted_figure_and_keeps_own_funds_apart(demo_path):
    """`summary` says the same « Accordé » as the dashboard's tile for the funders, and shows the owners' own
    funds on a line of their own, never as a funder in « Par financeur »."""
    from crte_desktop.domain.money import format_amount, from_cents
    from crte_desktop.summary.report import summary_lines

    today = date(2026, 12, 4)
    with Store.open_read_only(demo_path) as store:
        tile = compute_dashboard(store, DashboardFilter(1), today).kpis.financing.cents[2]
        lines = summary_lines(store, today)
    block = lines[:lines.index("Par dispositif (hors autofinancement)")]
    funders_row = next(line for line in block if line.strip().startswith("Financeurs "))
    assert format_amount(from_cents(tile)) in funders_row
    assert any(line.strip().startswith("Autofinancement (lignes du plan)") for line in block)
    by_funder = block[block.index("Par financeur (hors autofinancement)"):]
    assert not any(line.strip().startswith("Autofinancement") for line in by_funder)
