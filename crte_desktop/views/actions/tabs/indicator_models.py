"""Tables of the "Indicateurs" tab: the action's indicators, and the measurements of one."""

from __future__ import annotations

from decimal import Decimal

from crte_desktop.domain.dates import format_date, parse_date
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.domain.money import format_percent
from crte_desktop.domain.numbers import format_number, parse_number
from crte_desktop.views.widgets.list_model import Column, ListTableModel


class IndicatorModel(ListTableModel):
    COLUMNS = (
        Column("name", "Nom", "text", width=260),
        Column("unit", "Unité", "text", width=100),
        Column("baseline", "Valeur initiale", "number", width=110),
        Column("target", "Cible", "number", width=90),
        Column("due_date", "Échéance", "date", width=90),
        Column("latest", "Dernière mesure", "number", editable=False, width=150),
        Column("achievement", "% atteint", "percent", editable=False, width=80),
    )

    def display(self, ind: Indicator, column: Column) -> str:
        if column.key == "latest":
            last = ind.latest
            return f"{format_number(last.value)} ({format_date(last.date)})" if last else ""
        if column.key == "achievement":
            got = ind.achievement
            return format_percent(Decimal(str(round(got, 4))), 0) if got is not None else ""
        value = getattr(ind, column.key)
        if column.kind == "number":
            return format_number(value)
        if column.kind == "date":
            return format_date(value)
        return value or ""

    def apply(self, ind: Indicator, column: Column, value) -> None:
        if column.kind == "number":
            setattr(ind, column.key, parse_number(value))
        elif column.kind == "date":
            setattr(ind, column.key, parse_date(value))
        else:
            setattr(ind, column.key, str(value or "").strip())

    def show_problems(self, problems: list[Problem]) -> None:
        cells = {}
        for row, ind in enumerate(self.rows):
            if not (ind.name or "").strip():
                message = next((p.message for p in problems if p.field == "indicator.name"), None)
                if message:
                    cells[(row, self.column_of("name"))] = (message, True)
        self.set_cell_problems(cells)

    def refresh_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class MeasurementModel(ListTableModel):
    COLUMNS = (
        Column("date", "Date", "date", width=100),
        Column("value", "Valeur", "number", width=100),
        Column("comment", "Commentaire", "text", width=260),
    )

    def display(self, m: Measurement, column: Column) -> str:
        if column.key == "date":
            return format_date(m.date)
        if column.key == "value":
            return format_number(m.value)
        return m.comment or ""

    def apply(self, m: Measurement, column: Column, value) -> None:
        if column.key == "date":
            parsed = parse_date(value)
            if parsed is None:
                raise DomainError("La date de la mesure est obligatoire.")
            m.date = parsed
        elif column.key == "value":
            parsed = parse_number(value)
            if parsed is None:
                raise DomainError("La valeur de la mesure est obligatoire.")
            m.value = parsed
        else:
            m.comment = str(value or "").strip()

    def show_duplicates(self, problems: list[Problem]) -> None:
        cells = {}
        if any(p.field == "indicator.measurements" for p in problems):
            dates = [m.date for m in self.rows]
            message = "Deux mesures ne peuvent pas avoir la même date."
            cells = {(row, 0): (message, True) for row, d in enumerate(dates) if dates.count(d) > 1}
        self.set_cell_problems(cells)
