"""The item model of the actions table (docs/architecture.md, « Large tables »).

It holds the ids of the matching actions only, in display order; filtering and sorting are done
in SQL (``db.action_table_queries``) and the displayed values are fetched in batches as the view
asks for them, then kept in a bounded cache. It refreshes from the store's change signal: only the
changed rows when the list of ids stays the same, a layout change when only the order changes, a
reset otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from crte_desktop.db.queries import action_table as q
from crte_desktop.db.changes import Changes
from crte_desktop.domain.dates import format_date, from_iso
from crte_desktop.domain.money import NBSP, format_amount, from_cents
from crte_desktop.views.widgets.status_style import StatusLook, is_late, status_look

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str  # also the sort key of action_table_queries.SORT_KEYS
    title: str
    align: Qt.AlignmentFlag
    width: int  # default width in pixels
    tooltip: str = ""
    hidden: bool = False  # hidden until the user shows it (header menu)

    @property
    def label(self) -> str:
        """The title on one line (menus)."""
        return self.title.replace("\n", " ")


COLUMNS: tuple[Column, ...] = (
    Column("reference", "Référence", _LEFT, 86),
    Column("title", "Intitulé", _LEFT, 300),
    Column("section", "Section", _CENTER, 62, "Code de la section (volet, orientation…)"),
    Column("owner", "Maître d'ouvrage", _LEFT, 132),
    Column("status", "Statut", _LEFT, 118),
    Column("progress", "Avancement", _RIGHT, 86, "Taux de réalisation"),
    Column("total_cost", "Coût total", _RIGHT, 108),
    Column("financed", "Financements\nretenus", _RIGHT, 108,
           "Montants accordés, sinon sollicités, sinon prévus (hors demandes refusées ou annulées)"),
    Column("start_date", "Début", _CENTER, 82, "Date de début", hidden=True),
    Column("end_date", "Fin", _CENTER, 82, "Date de fin"),
    Column("year", "Année", _CENTER, 54, "Année d'inscription", hidden=True),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class _Entry:
    texts: tuple[str, ...]
    row: q.ActionRow
    look: StatusLook


class ActionsTableModel(QAbstractTableModel):
    BATCH = 150  # rows fetched per query
    CACHE_LIMIT = 4000  # rows kept; the cache is emptied beyond

    totals_changed = Signal(object)  # ActionTotals of the filtered set

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self._ctx = ctx
        self._filter = q.ActionFilter(today=ctx.today)
        self._sort_key = "reference"
        self._descending = False
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: dict[int, _Entry] = {}
        self._statuses: dict[str, tuple[str, str]] = {}
        self._section_codes: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.totals = q.ActionTotals(0, 0, 0)
        self._load_reference()
        self._ids = self._query_ids()
        self._row_of = {aid: i for i, aid in enumerate(self._ids)}
        self._update_totals()
        ctx.bus.changed.connect(self.on_changes)

    # -- what the view and the window use ---------------------------------------------------------
    @property
    def filter(self) -> q.ActionFilter:
        return replace(self._filter)

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    @property
    def statuses(self) -> dict[str, tuple[str, str]]:
        return dict(self._statuses)

    def action_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, action_id: int) -> int | None:
        return self._row_of.get(action_id)

    def reference(self, row: int) -> str:
        entry = self._entry(row)
        return entry.row.reference if entry else ""

    def all_texts(self, chunk: int = 500):
        """The displayed texts of every listed action, in order (for printing); the cache is left alone."""
        for start in range(0, len(self._ids), chunk):
            ids = self._ids[start:start + chunk]
            rows = self._ctx.workspace.tables.rows(ids)
            for aid in ids:
                if (r := rows.get(aid)) is not None:
                    look = status_look(r.status, self._statuses, is_late(r.status, r.end_date, self._ctx.today))
                    yield self._texts(r, look.text)

    def set_filter(self, **changes) -> None:
        """Change some fields of the filter (``text``, ``status``, ``owner_id``, ``contract_id``,
        ``section_ids``, ``without_section``) and reload the ids."""
        new = replace(self._filter, **changes)
        if new == self._filter:
            return
        self._filter = new
        self._apply_ids(self._query_ids())
        self._update_totals()

    def refresh(self) -> None:
        """Reload everything from the workspace."""
        self.on_changes(Changes(everything=True))

    # -- Qt model interface -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        col = index.column()
        key = COLUMNS[col].key
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.texts[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[col].align
        if role == ID_ROLE:
            return entry.row.id
        if key == "status":
            if role == Qt.ItemDataRole.DecorationRole:
                return entry.look.swatch
            if role == Qt.ItemDataRole.BackgroundRole:
                return entry.look.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return entry.look.foreground
            if role == Qt.ItemDataRole.FontRole and entry.look.bold:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole and entry.look.bold:
                return f"Date de fin dépassée ({entry.texts[COLUMN_KEYS.index('end_date')]}) — statut : " \
                       f"{self._statuses.get(entry.row.status, (entry.row.status, ''))[0]}"
        if key == "end_date" and entry.look.bold and role == Qt.ItemDataRole.ForegroundRole:
            return entry.look.foreground
        if key == "title" and role == Qt.ItemDataRole.ToolTipRole:
            return entry.row.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_key = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._apply_ids(self._query_ids())

    # -- refreshing ---------------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if not self._ctx.workspace.is_open:
            return
        if changes.everything or changes.reference or changes.sections or changes.organisations:
            self._load_reference()
            self._cache.clear()
            changed = set(self._ids)
        else:
            changed = changes.actions
            for aid in changed:
                self._cache.pop(aid, None)
        if changes.everything:
            self._apply_ids(self._query_ids(), force_reset=True)
        elif changed or changes.contracts:
            self._apply_ids(self._query_ids(), changed=changed)
        else:
            return
        self._update_totals()

    def _load_reference(self) -> None:
        self._statuses = self._ctx.workspace.directory.statuses()
        contracts = self._ctx.workspace.contracts
        self._section_codes = {s.id: s.code for c in contracts.contracts() for s in contracts.sections(c.id)}

    def _query_ids(self) -> list[int]:
        return self._ctx.workspace.tables.ids(self._filter, self._sort_key, self._descending)

    def _update_totals(self) -> None:
        self.totals = self._ctx.workspace.tables.totals(self._ids)
        self.totals_changed.emit(self.totals)

    def _apply_ids(self, new_ids: list[int], changed: set[int] = frozenset(), force_reset: bool = False) -> None:
        if not force_reset and new_ids == self._ids:
            rows = sorted(self._row_of[aid] for aid in changed if aid in self._row_of)
            last_col = len(COLUMNS) - 1
            while rows:  # one signal per run of consecutive rows
                start = end = rows.pop(0)
                while rows and rows[0] == end + 1:
                    end = rows.pop(0)
                self.dataChanged.emit(self.index(start, 0), self.index(end, last_col))
            return
        if not force_reset and len(new_ids) == len(self._ids) and set(new_ids) == set(self._row_of):
            self._relayout(new_ids)  # same actions, another order: keep the selection
            return
        self.beginResetModel()
        self._ids = new_ids
        self._row_of = {aid: i for i, aid in enumerate(new_ids)}
        self.endResetModel()

    def _relayout(self, new_ids: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        new_row_of = {aid: i for i, aid in enumerate(new_ids)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(new_row_of[old_ids[i.row()]], i.column()) for i in old_indexes]
        self._ids = new_ids
        self._row_of = new_row_of
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    # -- rows, fetched in batches ------------------------------------------------------------------
    def _entry(self, row: int) -> _Entry | None:
        if not 0 <= row < len(self._ids):
            return None
        aid = self._ids[row]
        entry = self._cache.get(aid)
        if entry is None:
            self._fetch_around(row)
            entry = self._cache.get(aid)
        return entry

    def _fetch_around(self, row: int) -> None:
        start = max(0, row - self.BATCH // 5)
        wanted = [aid for aid in self._ids[start:start + self.BATCH] if aid not in self._cache]
        if len(self._cache) + len(wanted) > self.CACHE_LIMIT:
            self._cache.clear()
        rows = self._ctx.workspace.tables.rows(wanted)
        today: date = self._ctx.today
        for aid, r in rows.items():
            look = status_look(r.status, self._statuses, is_late(r.status, r.end_date, today))
            self._cache[aid] = _Entry(self._texts(r, look.text), r, look)

    def _texts(self, r: q.ActionRow, status: str) -> tuple[str, ...]:
        return (
            r.reference,
            r.title,
            self._section_codes.get(r.section_id, "") if r.section_id is not None else "",
            r.owner or "",
            status,
            f"{r.progress}{NBSP}%" if r.progress is not None else "",
            format_amount(from_cents(r.total_cost_cents), decimals=False),
            format_amount(from_cents(r.retained_cents), decimals=False) if r.retained_cents else "",
            format_date(from_iso(r.start_date)),
            format_date(from_iso(r.end_date)),
            str(r.year) if r.year else "",
        )
