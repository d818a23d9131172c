"""Table models of the directory (organisations, persons) and an accent-insensitive filter proxy.

The directory is small (hundreds of rows): the models hold the records, the proxy sorts and filters."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from crte_desktop.domain.directory import Organisation, Person
from crte_desktop.domain.enums import OrgKind
from crte_desktop.domain.text import fold

SORT_ROLE = Qt.ItemDataRole.UserRole + 10


class RecordTableModel(QAbstractTableModel):
    """Rows of records; subclasses say what each column shows (``cells``)."""

    headers: list[str] = []

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list = []

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def cells(self, record) -> list[str]:
        raise NotImplementedError

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(self.records[index.row()])[index.column()]
        if role == SORT_ROLE:
            return fold(self.cells(self.records[index.row()])[index.column()])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def record(self, row: int):
        return self.records[row]

    def row_of(self, record_id: int | None) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == record_id), -1)

    def search_text(self, row: int) -> str:
        return search_key(" ".join(self.cells(self.records[row])))


class OrganisationModel(RecordTableModel):
    headers = ["Nom", "Sigle", "Type", "EPCI de rattachement", "Courriel", "Téléphone"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: dict[int, str] = {}

    def set_records(self, records: list[Organisation]) -> None:
        self.names = {o.id: o.label for o in records}
        super().set_records(records)

    def cells(self, o: Organisation) -> list[str]:
        return [o.name, o.short_name, o.kind.label, self.names.get(o.epci_id, "") if o.epci_id else "",
                o.email, o.phone]


class PersonModel(RecordTableModel):
    headers = ["Civilité", "Prénom", "Nom", "Fonction", "Organisation", "Courriel", "Téléphone"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.organisations: dict[int, str] = {}

    def set_records(self, records: list[Person], organisations: dict[int, str] | None = None) -> None:
        if organisations is not None:
            self.organisations = organisations
        super().set_records(records)

    def cells(self, p: Person) -> list[str]:
        org = self.organisations.get(p.organisation_id, "") if p.organisation_id else ""
        return [p.civility, p.first_name, p.last_name, p.function, org, p.email, p.phone]


class FoldFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text contains every typed word, ignoring case and accents
    ("coeur" finds "Cœur d'Ostrevent"), and that pass ``extra`` (e.g. a type filter)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.extra = None  # record -> bool
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange()

    def set_extra(self, predicate) -> None:
        self.beginFilterChange()
        self.extra = predicate
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if self.extra is not None and not self.extra(model.record(source_row)):
            return False
        text = model.search_text(source_row)
        return all(w in text for w in self._words)


def search_key(text: str) -> str:
    """fold() keeps the ligatures œ and æ: spell them out so that "coeur" and "cœur" both match."""
    return fold(text).replace("œ", "oe").replace("æ", "ae")


def kind_filter(kind: OrgKind | None):
    return None if kind is None else (lambda o: o.kind is kind)
