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
