"""The composition root: one open workspace file, its Store and every service, built once.

A ``Workspace`` is what the application has open. The views reach every service through it (via
``views.shell.context.AppContext.workspace``) and never build a repository or a service themselves, nor
touch the SQLite connection; the command line and the tests use the same object without Qt.

A connection stays on the thread that opened it: work off the GUI thread opens its own Workspace on the
same file (``Workspace.open(path)`` for a write, ``workspace.reader()`` for reading) and closes it there.
See docs/architecture.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crte_desktop.campaigns.service import CampaignService
from crte_desktop.dashboard.service import DashboardService
from crte_desktop.db.queries.action_table import ActionTable
from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.store import Store
from crte_desktop.editing.actions import ActionService
from crte_desktop.editing.contracts import ContractService
from crte_desktop.editing.directory import DirectoryService
from crte_desktop.excel.service import ExcelService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.documents import MeetingDocuments
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.minutes import MinutesService
from crte_desktop.meetings.registers import Registers
from crte_desktop.meetings.restore import MeetingSteps
from crte_desktop.search.global_search import Hit, search
from crte_desktop.versions.service import VersionsService


class Workspace:
    """An open workspace and its services. ``today`` (None: the real date) is the date the meeting
    services check against; tests and the views set it once."""

    def __init__(self, store: Store, today: date | None = None):
        self.store = store
        # editing of the aggregates
        self.actions = ActionService(store)
        self.contracts = ContractService(store)
        self.directory = DirectoryService(store)
        self.committees = CommitteeService(store)
        self.agenda = AgendaService(store)
        self.meeting_steps = MeetingSteps(store)  # undo of the meeting screens
        # reading for screens
        self.tables = ActionTable(store)
        self.history = HistoryRepository(store)
        self.dashboard = DashboardService(store)
        self.campaigns = CampaignService(store)
        self.versions = VersionsService(store)  # Fichier → Versions antérieures…
        # documents out and in
        self.excel = ExcelService(store)
        self.today = today  # builds the services that depend on the date

    @property
    def today(self) -> date | None:
        return self._today

    @today.setter
    def today(self, value: date | None) -> None:
        self._today = value
        self.meetings = MeetingService(self.store, value)
        self.minutes = MinutesService(self.store, value)
        self.decisions = DecisionService(self.store, value)
        self.attendance = AttendanceService(self.store, value)
        self.documents = MeetingDocuments(self.store, value)  # the meeting's pack, minutes, convocation…
        self.registers = Registers(self.store, value)

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        """Ctrl+K: actions, organisations, meetings and decisions matching ``text``."""
        return search(self.store, text, limit)

    # -- opening and closing ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, today: date | None = None) -> Workspace:
        """Open (back up and migrate if older) the workspace at ``path``; raises WorkspaceError."""
        return cls(Store.open(path), today)

    @classmethod
    def open_read_only(cls, path: Path | str, today: date | None = None) -> Workspace:
        """Open the workspace at ``path`` for reading only (the command line's documents, a second window)."""
        return cls(Store.open_read_only(path), today)

    def reader(self) -> Workspace:
        """The same file through a new read-only connection, for a worker thread (close it there)."""
        return Workspace(self.store.reader(), self._today)

    def sibling(self) -> Workspace:
        """Another connection of this process to the same file, for a long write on a worker thread (it
        shares this workspace's claim; close it there). Refused when this one is read-only."""
        return Workspace(Store.sibling(self.store), self._today)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
