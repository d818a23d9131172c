"""The workspace: one ``.crte`` file, one SQLite database, opened in one place."""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import NewerVersionError, WorkspaceError, translate
from crte_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from crte_desktop.domain.text import fold

APPLICATION_ID = 0x43525445  # "CRTE"
SQLITE_HEADER = b"SQLite format 3\x00"
EXTENSION = ".crte"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        return "inconnu"


def _connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        conn.execute("PRAGMA foreign_keys = ON")
        # A rollback journal keeps the file whole on USB keys and network shares (WAL does not).
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def inspect(path: Path) -> int:
    """Check, without writing anything, that ``path`` is a readable workspace; return its version.

    Raises WorkspaceError (or NewerVersionError) with a French message.
    """
    name = path.name
    if not path.exists():
        raise WorkspaceError(f"Le fichier « {name} » n'existe pas.")
    if path.is_dir():
        raise WorkspaceError(f"« {name} » est un dossier, pas un espace de travail.")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise WorkspaceError(f"Impossible de lire « {name} » : {exc.strerror}.") from exc
    if not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(f"« {name} » n'est pas un espace de travail CRTE Desktop.")
    try:
        conn = _connect(path, read_only=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"« {name} » est endommagé et ne peut pas être ouvert ({exc}).") from exc
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"« {name} » est une base SQLite, mais pas un espace de travail CRTE Desktop.")
    if check != "ok":
        raise WorkspaceError(f"« {name} » est endommagé ({check}). Restaurez une sauvegarde.")
    if version > LATEST_VERSION:
        raise NewerVersionError(
            f"« {name} » a été enregistré par une version plus récente de CRTE Desktop "
            f"(schéma {version}, cette version lit jusqu'au schéma {LATEST_VERSION}). "
            "Mettez l'application à jour pour l'ouvrir ; le fichier n'a pas été modifié."
        )
    return version


def finish_interrupted_write(path: Path) -> None:
    """A write cut short (application killed, power cut) leaves a hot "-journal" beside the file, which
    the read-only ``inspect`` cannot roll back ("attempt to write a readonly database"). Let SQLite roll
    it back, restoring the last saved state — only for a file that says it is a workspace."""
    journal = path.with_name(path.name + "-journal")
    if not (path.is_file() and journal.is_file() and journal.stat().st_size):
        return
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_HEADER) or header[68:72] != APPLICATION_ID.to_bytes(4, "big"):
        return
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # a read rolls the journal back
        finally:
            conn.close()


def refuse_read_only(path: Path) -> None:
    """A workspace is edited in place: the file and its folder (where SQLite writes its journal) must be
    writable. Said before anything is written, rather than failing at the first save."""
    if not os.access(path, os.W_OK):
        raise WorkspaceError(f"« {path.name} » est en lecture seule : il ne peut pas être modifié. "
                             "Copiez-le dans un dossier où vous pouvez écrire, puis ouvrez la copie.")
    if not os.access(path.parent, os.W_OK):
        raise WorkspaceError(f"Le dossier de « {path.name} » est en lecture seule : CRTE Desktop ne peut pas y "
                             "enregistrer ses modifications. Copiez le fichier dans un dossier où vous pouvez écrire.")


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.sauvegarde-v{version}-{stamp}{path.suffix or EXTENSION}")


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Run the numbered migrations from the file's version up to ``target``, each in one transaction."""
    target = LATEST_VERSION if target is None else target  # read now, not frozen at import
    done: list[int] = []
    while True:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= target:
            return done
        step = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(version + 1)


class Store:
    """An open workspace. Create with ``Store.open`` or ``Store.create``; close with ``close``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.user = _user()
        self._depth = 0
        self._listeners: list[Callable[[Changes], None]] = []
        self._pending: Changes | None = None  # notices held until the outer transaction commits
        self.history_context = ""  # e.g. "Décision du COPIL du 12/03/2024", recorded with history
        self.backup: Path | None = None  # set when opening migrated an older file

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> "Store":
        """Open a workspace: refuse a non-workspace, a corrupt or a newer file without touching it;
        back up then migrate an older one."""
        path = Path(path)
        if path.is_file():
            refuse_read_only(path)
        finish_interrupted_write(path)
        version = inspect(path)
        backup = None
        if version < LATEST_VERSION:
            backup = backup_path(path, version)
            shutil.copy2(path, backup)
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"Impossible d'ouvrir « {path.name} » en écriture ({exc}).") from exc
        try:
            migrate(conn)
        except Exception as exc:
            conn.close()
            raise WorkspaceError(f"La mise à jour de « {path.name} » a échoué ({exc}). L'original est sauvegardé "
                                 f"dans « {backup.name if backup else path.name} ».") from exc
        store = cls(path, conn)
        store.backup = backup
        return store

    @classmethod
    def open_read_only(cls, path: Path | str) -> "Store":
        """Open a workspace for reading only (``check``, ``summary``): nothing is ever written,
        not even a migration. An older workspace is refused: the application updates it when it opens it."""
        path = Path(path)
        journal = path.with_name(path.name + "-journal")
        if path.is_file() and journal.is_file() and journal.stat().st_size:
            raise WorkspaceError(
                f"« {path.name} » garde la trace d'un enregistrement interrompu. Ouvrez-le dans l'application, "
                "qui le remettra dans son dernier état enregistré ; le fichier n'a pas été modifié.")
        version = inspect(path)
        if version < LATEST_VERSION:
            raise WorkspaceError(
                f"« {path.name} » a été enregistré par une version antérieure de CRTE Desktop (schéma {version}). "
                "Ouvrez-le une fois dans l'application pour le mettre à jour (une sauvegarde est faite) ; "
                "le fichier n'a pas été modifié.")
        try:
            conn = _connect(path, read_only=True)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"Impossible de lire « {path.name} » ({exc}).") from exc
        return cls(path, conn)

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> "Store":
        """Create a new empty workspace atomically (written beside, then renamed)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise WorkspaceError(f"Le fichier « {path.name} » existe déjà.")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".tmp", dir=path.parent, prefix=f".{path.stem}-")
        os.close(fd)
        os.unlink(tmp)
        try:
            conn = _connect(tmp)
            migrate(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("INSERT INTO meta(key, value) VALUES ('workspace_uuid', ?)", (str(uuid.uuid4()),))
            conn.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)", (datetime.now().isoformat(timespec="seconds"),))
            conn.close()
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return cls.open(path)

    def reader(self) -> "Store":
        """The same file through a new read-only connection, for a worker thread (close it there)."""
        return Store(self.path, _connect(self.path, read_only=True))

    @property
    def is_open(self) -> bool:
        return self.conn is not None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- metadata ----------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def workspace_uuid(self) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'workspace_uuid'").fetchone()
        return row[0] if row else ""

    # -- transactions and change notices ----------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action = one transaction. Nested calls join the outer one."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._pending = None  # nothing was written: nothing to announce
                self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):  # sqlite3 never leaves db/ (docs/architecture.md)
                    raise translate(exc, self.path, "writing") from exc
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")
            pending, self._pending = self._pending, None
            if pending:
                self._emit(pending)

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextlib.contextmanager
    def context(self, text: str) -> Iterator[None]:
        """Record ``text`` (e.g. the meeting that decided) with the history written inside."""
        previous, self.history_context = self.history_context, text
        try:
            yield
        finally:
            self.history_context = previous

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def notify(self, changes: Changes) -> Changes:
        """Tell the listeners what a write changed. Inside a transaction the notices are merged and
        sent once, after the commit (none after a rollback): a bulk operation refreshes the views once."""
        if not changes:
            return changes
        if self._depth > 0:
            self._pending = (self._pending or Changes()).merge(changes)
        else:
            self._emit(changes)
        return changes

    def _emit(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # -- copies ------------------------------------------------------------------------------
    def save_copy(self, target: Path | str) -> Path:
        """Write a consistent copy of the workspace to ``target`` (atomically). Raises WorkspaceError or OSError."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise WorkspaceError("La copie doit avoir un autre nom que l'espace de travail ouvert.")
        fd, tmp = tempfile.mkstemp(suffix=".tmp", dir=target.parent, prefix=f".{target.stem}-")
        os.close(fd)
        try:
            dest = sqlite3.connect(tmp)
            with dest:
                self.conn.backup(dest)
            dest.close()
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, sqlite3.Error):
                raise WorkspaceError(f"La copie n'a pas pu être écrite ({exc}).") from exc
            raise
        return target
