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

    # -- since 2023: cross tables, green shares, calendar of obligations ------------------------------------
    def has_phase(self) -> bool:
        from crte_desktop.db.queries.summary import has_phase

        return has_phase(self.store)

    def cross_table(self, f: DashboardFilter, rows: str, columns: str, stage, today: date):
        from crte_desktop.dashboard.cross import cross_table

        return cross_table(self.store, f, rows, columns, stage, today)

    def green_action_ids(self, f: DashboardFilter, share, favourable: bool | None, today: date) -> list[int]:
        from crte_desktop.dashboard.green import green_action_ids

        return green_action_ids(self.store, f, share, favourable, today)

    def green_thresholds(self) -> list[tuple[int, int, str, int, int]]:
        from crte_desktop.db.queries.green import thresholds

        return thresholds(self.store)

    def green_dotations(self) -> list[tuple[int, str]]:
        """(scheme id, name) of the State's dotations that have green thresholds."""
        from crte_desktop.db.queries.green import DOTATIONS
        from crte_desktop.db.repos.directory import DirectoryRepository

        directory = DirectoryRepository(self.store)
        state = next((f.id for f in directory.funders() if f.name == "État"), None)
        return [(s.id, s.name) for s in directory.schemes(state) if s.name in DOTATIONS] if state else []

    def save_threshold(self, scheme_id: int, first_year: int, percent: int) -> None:
        from crte_desktop.db.repos.green import GreenThresholdRepository

        GreenThresholdRepository(self.store).save(scheme_id, first_year, percent)

    def obligations(self, contract_id: int, today: date):
        from crte_desktop.obligations.compute import obligations_of

        return obligations_of(self.store, contract_id, today)

    def write_obligations_ics(self, calendar, contract_id: int, target):
        from crte_desktop.db.repos.contract import ContractRepository
        from crte_desktop.obligations.ics import write_calendar_ics

        contract = ContractRepository(self.store).contract(contract_id)
        return write_calendar_ics(calendar, contract.uuid, contract.name, target)

    def deadlines(self):
        from crte_desktop.db.repos.deadline import DeadlineRepository

        return DeadlineRepository(self.store).all()

    def save_deadline(self, deadline):
        from crte_desktop.db.repos.deadline import DeadlineRepository

        return DeadlineRepository(self.store).save(deadline)

    def delete_deadline(self, deadline_id: int):
        from crte_desktop.db.repos.deadline import DeadlineRepository

        return DeadlineRepository(self.store).delete(deadline_id)

    def scheme_labels(self) -> dict[int, str]:
        """Scheme id → « name (funder) », for the deadlines' list."""
        from crte_desktop.db.repos.directory import DirectoryRepository

        directory = DirectoryRepository(self.store)
        funders = {f.id: f.label for f in directory.funders()}
        return {s.id: f"{s.name} ({funders.get(s.funder_id, '')})" for s in directory.schemes()}
