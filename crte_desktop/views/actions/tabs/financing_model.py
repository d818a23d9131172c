"""The financing plan as an editable table: one line per funder and scheme."""

from __future__ import annotations

import re

from crte_desktop.domain.dates import format_date, parse_date
from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.money import format_amount, parse_amount
from crte_desktop.domain.numbers import parse_year
from crte_desktop.views.widgets.list_model import Column, ListTableModel
from crte_desktop.views.actions.tabs.lookups import Lookups

_PROBLEM_FIELD = re.compile(r"financing\[(\d+)\]\.(\w+)")
# names used by the domain's problems → column keys
_FIELD_TO_KEY = {"funder": "funder_id", "scheme": "scheme_id"}


class FinancingModel(ListTableModel):
    COLUMNS = (
        Column("funder_id", "Financeur", "funder", width=120),
        Column("scheme_id", "Dispositif", "scheme", width=165),
        Column("category", "Catégorie", "category", width=150),
        Column("year", "Exercice", "year", width=62),
        Column("planned", "Prévisionnel (€)", "amount", width=110),
        Column("requested", "Sollicité (€)", "amount", width=110),
        Column("granted", "Accordé (€)", "amount", width=110),
        Column("paid", "Versé (€)", "amount", width=110),
        Column("status", "Statut", "status", width=115),
        Column("filing_date", "Date de dépôt", "date", width=100),
        Column("decision_date", "Date de décision", "date", width=110),
        Column("decision_ref", "Réf. décision", "text", width=130),
    )

    def __init__(self, lookups: Lookups, parent=None):
        super().__init__(parent)
        self.lookups = lookups

    def display(self, line: FinancingLine, column: Column) -> str:
        value = getattr(line, column.key)
        if column.kind == "funder":
            funder = self.lookups.funder(value)
            return funder.label if funder else "?"
        if column.kind == "scheme":
            scheme = self.lookups.scheme(value)
            return scheme.name if scheme else ""
        if column.kind in ("category", "status"):
            return value.label
        if column.kind == "amount":
            return format_amount(value, currency=False)
        if column.kind == "date":
            return format_date(value)
        if column.kind == "year":
            return str(value) if value is not None else ""
        return value or ""

    def edit_value(self, line: FinancingLine, column: Column):
        value = getattr(line, column.key)
        if column.kind in ("funder", "scheme"):
            return value
        if column.kind in ("category", "status"):
            return value.value
        return self.display(line, column)

    def apply(self, line: FinancingLine, column: Column, value) -> None:
        kind = column.kind
        if kind == "funder":
            if self.lookups.funder(value) is None:
                raise DomainError("Choisissez un financeur de la liste.")
            line.funder_id = value
            scheme = self.lookups.scheme(line.scheme_id)
            if scheme is not None and scheme.funder_id != value:
                line.scheme_id = None
            schemes = self.lookups.schemes_of(value)
            if line.scheme_id is None and len(schemes) == 1:
                self._take_scheme(line, schemes[0].id)
        elif kind == "scheme":
            if value is not None and self.lookups.scheme(value) is None:
                raise DomainError("Choisissez un dispositif de la liste.")
            self._take_scheme(line, value)
        elif kind == "category":
            line.category = FinancingCategory.from_code(value)
        elif kind == "status":
            line.status = FinancingStatus.from_code(value)
        elif kind == "amount":
            if column.key == "paid" and line.payments:
                raise DomainError("Montant versé : cette ligne a des versements datés ; le montant versé est leur "
                                  "somme (ajoutez ou retirez un versement dans le détail de la ligne).")
            setattr(line, column.key, parse_amount(value))
        elif kind == "date":
            setattr(line, column.key, parse_date(value))
        elif kind == "year":
            line.year = parse_year(value)
        else:
            setattr(line, column.key, str(value or "").strip())

    def _take_scheme(self, line: FinancingLine, scheme_id: int | None) -> None:
        line.scheme_id = scheme_id
        scheme = self.lookups.scheme(scheme_id)
        if scheme is not None and scheme.default_category is not None:
            line.category = scheme.default_category

    def show_problems(self, problems: list[Problem]) -> None:
        cells: dict[tuple[int, int], tuple[str, bool]] = {}
        keys = {c.key for c in self.COLUMNS}
        for p in problems:
            m = _PROBLEM_FIELD.fullmatch(p.field)
            if not m:
                continue
            key = _FIELD_TO_KEY.get(m.group(2), m.group(2))
            if key in keys:
                cell = (int(m.group(1)), self.column_of(key))
                if cell not in cells or (p.is_error and not cells[cell][1]):
                    cells[cell] = (p.message, p.is_error)
        self.set_cell_problems(cells)
