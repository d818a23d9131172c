"""The dashboard of a contract, as the Workspace offers it: the figures, the actions behind one of them,
and what the filters can choose from (dashboard/compute.py does the work)."""

from __future__ import annotations

from datetime import date

from crte_desktop.dashboard.compute import (ActionListRow, FilterOptions, action_ids_for, action_list, compute_dashboard,
                                            filter_options)
from crte_desktop.dashboard.model import Dashboard, DashboardFilter, FigureKey
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.steps import Step, state_step


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

    def save_threshold_step(self, scheme_id: int, first_year: int, percent: int) -> Step:
        """``save_threshold`` as an undo step: its undo puts back the percent that year had, or none."""
        from crte_desktop.db.repos.green import GreenThresholdRepository

        repo = GreenThresholdRepository(self.store)
        name = self._scheme_name(scheme_id)

        def put_back(value: int | None) -> None:
            if value is None:
                repo.delete(scheme_id, first_year)
            else:
                repo.save(scheme_id, first_year, value)

        def refusal(now: int | None, expected: int | None) -> str:
            return changed_elsewhere_message(f"Le seuil de part verte {name} {first_year}", [],
                                             [("Seuil", _percent(now), _percent(expected))], undo=True, feminine=False)

        return state_step(f"Seuil de part verte {name} {first_year} : {percent} %",
                          lambda: repo.percent(scheme_id, first_year), put_back, refusal, self.store.transaction,
                          apply=lambda: repo.save(scheme_id, first_year, percent))

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

    def save_deadline_step(self, deadline) -> Step:
        """``save_deadline`` (new or changed) as an undo step: its undo deletes the new deadline or puts back
        the one it changed, with its id."""
        return self._deadline_step(deadline, f"Date limite de dépôt {self._deadline_name(deadline)}",
                                   lambda: self.save_deadline(deadline))

    def delete_deadline_step(self, deadline_id: int) -> Step:
        """``delete_deadline`` as an undo step: its undo puts the deadline back with its id."""
        from crte_desktop.db.repos.deadline import DeadlineRepository

        deadline = DeadlineRepository(self.store).get(deadline_id)
        if deadline is None:
            raise DomainError("Cette date limite n'existe plus dans l'espace de travail.")
        return self._deadline_step(deadline, f"Suppression de la date limite {self._deadline_name(deadline)}",
                                   lambda: self.delete_deadline(deadline_id))

    def _deadline_step(self, deadline, label: str, apply) -> Step:
        from crte_desktop.db.repos.deadline import DeadlineRepository

        repo = DeadlineRepository(self.store)

        def put_back(stored) -> None:
            if stored is None:
                repo.delete(deadline.id)
            else:
                repo.restore(stored)

        def refusal(now, expected) -> str:
            return changed_elsewhere_message(
                f"La date limite {self._deadline_name(expected or now or deadline)}", [],
                [("Date limite", _deadline_text(now), _deadline_text(expected))], undo=True)

        return state_step(label, lambda: repo.get(deadline.id), put_back, refusal, self.store.transaction,
                          apply=apply)

    def _scheme_name(self, scheme_id: int | None) -> str:
        from crte_desktop.db.repos.directory import DirectoryRepository

        return next((s.name for s in DirectoryRepository(self.store).schemes() if s.id == scheme_id), "?")

    def _deadline_name(self, deadline) -> str:
        """« DETR (59) », « DSIL (tous départements) »."""
        department = (deadline.department or "").strip().upper() or "tous départements"
        return f"{self._scheme_name(deadline.scheme_id)} ({department})"

    def scheme_labels(self) -> dict[int, str]:
        """Scheme id → « name (funder) », for the deadlines' list."""
        from crte_desktop.db.repos.directory import DirectoryRepository

        directory = DirectoryRepository(self.store)
        funders = {f.id: f.label for f in directory.funders()}
        return {s.id: f"{s.name} ({funders.get(s.funder_id, '')})" for s in directory.schemes()}


def _percent(value: int | None) -> str:
    return f"{value} %" if value is not None else "aucun"


def _deadline_text(d) -> str:
    """« 15/01, Dépôt sur demarches-simplifiees.fr » — or « supprimée »."""
    if d is None:
        return "supprimée"
    return f"{d.day:02d}/{d.month:02d}" + (f", {d.note}" if d.note else "")
