"""The demo's 2025 grants show one green share reaching its threshold and one below it, as demonstration values."""

from crte_desktop.dashboard.green import green_shares
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.store import Store


def test_demo_green_shares(demo_path):
    with Store.open_read_only(demo_path) as store:
        shares = {(s.year, s.scheme): s for s in green_shares(store, DashboardFilter(1))}
        detr, dsil = shares[(2025, "DETR")], shares[(2025, "DSIL")]
        assert detr.below and detr.threshold == 20 and str(detr.share) == "0.1667"
        assert not dsil.below and dsil.threshold == 30
        comments = [r[0] for r in store.conn.execute("SELECT comment FROM financing WHERE year = 2025 AND scheme_id IN"
                                                      " (SELECT id FROM scheme WHERE name IN ('DETR', 'DSIL'))")]
        assert len(comments) == 4 and all(c.startswith("Valeur de démonstration") for c in comments)
