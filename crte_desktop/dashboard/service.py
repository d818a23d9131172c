"""The dashboard of a contract, as the Workspace offers it: the figures, the actions behind one of them,
and what the filters can choose from (dashboard/compute.py does the work)."""

from __future__ import annotations

from datetime import date

from crte_desktop.dashboard.compute import (ActionListRow, FilterOptions, action_ids_for, action_list, compute_dashboard,
                                            filter_options)
from crte_desktop.dashboard.model import Dashboard, DashboardFilter, FigureKey
from crte_desktop.db.store import Store


class DashboardService:
    def __init__(self, store: Store):
        self.store = store

    def compute(self, f: DashboardFilter, today: date) -> Dashboard:
        return compute_dashboard(self.store, f, today)

    def action_ids_for(self, f: DashboardFilter, key: FigureKey, today: date) -> list[int]:
        return action_ids_for(self.store, f, key, today)

    def action_list(self, ids: list[int], today: date) -> list[ActionListRow]:
        return action_list(self.store, ids, today)

    def filter_options(self, contract_id: int) -> FilterOptions:
        return filter_options(self.store, contract_id)
