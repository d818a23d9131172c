"""What the re-import reports: a problem at a place of the workbook, and the refusal of a whole file."""

from __future__ import annotations

from dataclasses import dataclass

from crte_desktop.domain.errors import DomainError


@dataclass(frozen=True)
class ImportProblem:
    """A problem found in the workbook: where (sheet, row, column) and why, in French.

    ``level`` "error" refuses the import; "warning" is shown and the import can go on."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # letter, "H"
    header: str | None = None  # the column's header, "Montant accordé (€)"
    level: str = "error"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    @property
    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"feuille « {self.sheet} »")
        if self.row:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne {self.column}" + (f" « {self.header} »" if self.header else ""))
        elif self.header:
            parts.append(f"colonne « {self.header} »")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return f"{self.location} : {self.message}" if self.location else self.message


class ImportRefused(DomainError):
    """The workbook cannot be imported at all; nothing was written. ``problems`` says why."""

    def __init__(self, problems: list[ImportProblem] | str):
        if isinstance(problems, str):
            problems = [ImportProblem(problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
