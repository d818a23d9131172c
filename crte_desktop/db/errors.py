"""Errors of the store, with French messages for the user; nothing above db/ sees a ``sqlite3`` error."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from crte_desktop.domain.errors import DomainError


class WorkspaceError(DomainError):
    """The file cannot be opened as a workspace (not one, corrupt, newer version…)."""


class NewerVersionError(WorkspaceError):
    """The workspace was written by a newer version of the application."""


class ConstraintError(DomainError):
    """A write broke one of the database's own constraints (a record still in use, a missing link…).
    Raised by ``Store.transaction`` in place of ``sqlite3.IntegrityError``, which never leaves db/;
    nothing was written."""

    def __init__(self, message: str = "", *, detail: str = ""):
        super().__init__(message or "L'enregistrement a échoué : un élément lié n'existe plus, ou est encore "
                                    "utilisé ailleurs.")
        self.detail = detail  # SQLite's own words, e.g. "FOREIGN KEY constraint failed"


def translate(exc: BaseException, path: Path | str | None = None, doing: str = "") -> DomainError:
    """A French error for a ``sqlite3`` error, for the callers above db/ (which never see sqlite3)."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, sqlite3.IntegrityError):
        return ConstraintError(detail=str(exc))
    name = f"« {Path(path).name} »" if path else "l'espace de travail"
    return WorkspaceError(f"Opération impossible sur {name} : erreur de la base de données ({exc}).")


@contextlib.contextmanager
def translated(path: Path | str | None = None, doing: str = "") -> Iterator[None]:
    """Run a block; a ``sqlite3.Error`` leaving it becomes a French error of this module."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path, doing) from exc
