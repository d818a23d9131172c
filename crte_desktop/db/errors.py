"""Errors of the store, with French messages for the user, and the translation of SQLite's own errors.

Nothing above ``db/`` should see a ``sqlite3`` exception: ``translate`` turns one into a
``WorkspaceError`` whose text a secretary can act on (locked, busy, I/O, disk full, read-only, damaged),
and logs the real cause with its traceback.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from crte_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)


class WorkspaceError(DomainError):
    """The file cannot be opened as a workspace (not one, corrupt, newer version…)."""


class NewerVersionError(WorkspaceError):
    """The workspace was written by a newer version of the application."""


class WorkspaceBusyError(WorkspaceError):
    """Another program holds SQLite's lock on the file for longer than we waited."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """The file or its folder cannot be written."""


class DiskFullError(WorkspaceError):
    """No space left where the file is (a full USB key)."""


class DamagedWorkspaceError(WorkspaceError):
    """The file is damaged: it may still be readable (``readable``), then it opens read-only."""

    def __init__(self, message: str, *, readable: bool = True, items: list[str] | None = None, count: int = 0):
        super().__init__(message)
        self.readable = readable
        self.items = items or []
        self.count = count


class ConstraintError(DomainError):
    """A write broke one of the database's own constraints (a record still in use, a missing link…);
    nothing was written."""

    def __init__(self, message: str = "", *, detail: str = ""):
        super().__init__(message or "L'enregistrement a échoué : un élément lié n'existe plus, ou est encore "
                                    "utilisé ailleurs.")
        self.detail = detail  # SQLite's own words, e.g. "FOREIGN KEY constraint failed"


class ConcurrentChangeError(DomainError):
    """A record changed elsewhere since it was loaded: the save (or undo) is refused."""


# what ``translate`` turns into French, for the last-resort handlers above db/ (the command line, the window)
STORAGE_ERRORS = (sqlite3.Error, OSError, UnicodeDecodeError)

# SQLite's primary result codes (https://sqlite.org/rescode.html)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    text = str(exc).lower()  # Python < 3.11 or an error raised without a code
    for words, c in (("database is locked", _BUSY), ("locked", _LOCKED), ("readonly", _READONLY),
                     ("read-only", _READONLY), ("disk i/o", _IOERR), ("malformed", _CORRUPT),
                     ("database or disk is full", _FULL), ("unable to open", _CANTOPEN),
                     ("not a database", _NOTADB)):
        if words in text:
            return c
    return None


def translate(exc: BaseException, path: Path | str | None = None, doing: str = "") -> DomainError:
    """A French ``WorkspaceError`` for a ``sqlite3`` (or OS) error; the real cause goes to the log."""
    name = f"« {Path(path).name} »" if path else "l'espace de travail"
    log.warning("SQLite error on %s while %s: %r", path, doing or "working", exc, exc_info=exc)
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, sqlite3.IntegrityError):
        return ConstraintError(detail=str(exc))
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        import errno

        if exc.errno == errno.ENOSPC:
            return DiskFullError(f"La clé USB (ou le disque) où se trouve {name} est pleine : libérez de la place, "
                                 "puis recommencez. Les données déjà enregistrées ne sont pas touchées.")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyWorkspaceError(f"{name} ne peut pas être écrit ici (dossier ou fichier en lecture seule).")
        return WorkspaceError(f"Erreur d'accès au disque pour {name} ({exc.strerror or exc}).")
    code = _code(exc) if isinstance(exc, sqlite3.Error) else None
    if code in (_BUSY, _LOCKED):
        return WorkspaceBusyError(
            f"{name} est en cours d'enregistrement par une autre fenêtre ou un autre poste : réessayez dans un "
            "instant. Rien n'a été modifié.")
    if code == _READONLY:
        return ReadOnlyWorkspaceError(
            f"{name} ne peut pas être modifié (fichier, dossier ou clé en lecture seule, ou ouvert en lecture "
            "seule). Enregistrez une copie dans un dossier où vous pouvez écrire.")
    if code == _FULL:
        return DiskFullError(f"La clé USB (ou le disque) où se trouve {name} est pleine : libérez de la place, "
                             "puis recommencez. La dernière modification n'a pas été enregistrée ; "
                             "les précédentes sont intactes.")
    if code == _IOERR:
        return WorkspaceError(
            f"Erreur de lecture ou d'écriture sur le disque de {name} (clé USB retirée, partage réseau coupé ?). "
            "Rebranchez-le puis rouvrez le fichier ; la dernière modification n'a pas été enregistrée.")
    if code in (_CORRUPT, _NOTADB) or isinstance(exc, UnicodeDecodeError):
        return DamagedWorkspaceError(
            f"{name} est endommagé. Ouvrez-le pour le récupérer (Fichier → Récupérer…) ou revenez à une "
            "version antérieure (Fichier → Versions antérieures…).")
    if code == _CANTOPEN:
        return WorkspaceError(f"{name} ne peut pas être ouvert (fichier déplacé, dossier inaccessible ?).")
    return WorkspaceError(f"Opération impossible sur {name} : erreur de la base de données. Le détail est "
                          "dans le journal de l'application.")


@contextlib.contextmanager
def translated(path: Path | str | None = None, doing: str = "") -> Iterator[None]:
    """Run a block; a ``sqlite3.Error`` (or an ``OSError``) leaving it becomes a French ``WorkspaceError``."""
    try:
        yield
    except (sqlite3.Error, OSError, UnicodeDecodeError) as exc:  # (a damaged file's text may not be UTF-8)
        raise translate(exc, path, doing) from exc
