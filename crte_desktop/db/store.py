"""The workspace: one ``.crte`` file, one SQLite database, opened in one place.

Opening for writing (``Store.open``) takes the claim (``db/claim.py``: one writer at a time), deals with a
journal left by a crash (``db/journal.py``), checks the file's integrity within a time bound
(``db/integrity.py``), backs up then migrates an older file (all steps in one transaction), and snapshots
into ``NAME.versions/`` before the first change of each day (``db/versions.py``). Opening read-only
(``Store.open_read_only``) writes nothing at all, not even to play a leftover journal back.
Every ``sqlite3`` error leaving a transaction becomes a French ``WorkspaceError`` (``db/errors.py``).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from crte_desktop.db import claim as claims
from crte_desktop.db import journal, versions
from crte_desktop.db.atomic import sweep_temporaries, write_atomically
from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import (DamagedWorkspaceError, DiskFullError, NewerVersionError, WorkspaceError,
                                    translate)
from crte_desktop.db.integrity import IntegrityReport, connection_report
from crte_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.text import fold

log = logging.getLogger(__name__)

APPLICATION_ID = 0x43525445  # "CRTE"
SQLITE_HEADER = b"SQLite format 3\x00"
EXTENSION = ".crte"
BUSY_TIMEOUT_MS = 3000


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        return "inconnu"


def _connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        conn.execute("PRAGMA foreign_keys = ON")
        # A rollback journal keeps the file whole on USB keys and network shares (WAL does not):
        # see README « Données » and docs/safety.md.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        # a large cache keeps a long write (an import) from spilling to the file before its commit,
        # which would lock readers out for its whole duration
        conn.execute("PRAGMA cache_size = -65536")
    return conn


def _read_header(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise WorkspaceError(f"Le fichier « {name} » n'existe pas.")
    if path.is_dir():
        raise WorkspaceError(f"« {name} » est un dossier, pas un espace de travail.")
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except OSError as exc:
        raise WorkspaceError(f"Impossible de lire « {name} » : {exc.strerror}.") from exc


def inspect(path: Path, *, db_path: Path | None = None) -> int:
    """Check, without writing anything, that ``path`` is a readable workspace; return its version.

    Raises WorkspaceError (or NewerVersionError, DamagedWorkspaceError) with a French message.
    ``db_path``: the file actually read, when it is a rolled-back copy of ``path``."""
    name = path.name
    header = _read_header(db_path or path)
    if not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(f"« {name} » n'est pas un espace de travail CRTE Desktop.")
    try:
        conn = _connect(db_path or path, read_only=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        log.warning("Cannot read %s: %r", path, exc)
        raise DamagedWorkspaceError(f"« {name} » est endommagé et ne peut pas être lu : revenez à une version "
                                    "antérieure ou à une sauvegarde. Le fichier n'a pas été modifié.",
                                    readable=False) from exc
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"« {name} » est une base SQLite, mais pas un espace de travail CRTE Desktop.")
    if version > LATEST_VERSION:
        raise NewerVersionError(
            f"« {name} » a été enregistré par une version plus récente de CRTE Desktop "
            f"(schéma {version}, cette version lit jusqu'au schéma {LATEST_VERSION}). "
            "Mettez l'application à jour pour l'ouvrir ; le fichier n'a pas été modifié.")
    return version


def check_integrity(path: Path, *, db_path: Path | None = None, budget_s: float | None = None) -> IntegrityReport:
    """The integrity report of a workspace (read-only), within ``budget_s`` seconds."""
    conn = _connect(db_path or path, read_only=True)
    try:
        if budget_s is None:
            return connection_report(conn, budget_s=None)
        return connection_report(conn, budget_s=budget_s)
    finally:
        conn.close()


def _open_budget() -> float:
    from crte_desktop.db.integrity import OPEN_BUDGET_S

    return OPEN_BUDGET_S


def _journal_is_hot(path: Path) -> bool:
    """SQLite's own verdict: a read-only reader cannot go past a hot journal (SQLITE_READONLY_ROLLBACK);
    the journal of a write in progress elsewhere is not hot."""
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return False
    except sqlite3.Error as exc:
        return getattr(exc, "sqlite_errorcode", None) == 776 or "readonly" in str(exc).lower()
    finally:
        conn.close()


def _copy_without_journal(path: Path) -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="crte-lecture-"))
    try:
        shutil.copyfile(path, folder / path.name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder / path.name, folder


def _damaged(path: Path, report: IntegrityReport) -> DamagedWorkspaceError:
    return DamagedWorkspaceError(report.summary(path.name), readable=True, items=report.items(), count=report.count)


def settle_journal(path: Path) -> list[str]:
    """Deal with a journal a crash left beside ``path`` before opening it for writing: one that belongs is
    played back by SQLite (the last saved state comes back); one that does not belong (this file was put
    back from a copy) is set aside, never played back. Returns French notices for the user.
    Call it holding the claim: no one else is writing."""
    if not journal.has_journal(path):
        leftover = journal.journal_path(path)
        if leftover.is_file():  # empty or headerless: a write killed before it wrote anything to undo
            with contextlib.suppress(OSError):
                leftover.unlink()
        return []
    if not journal.belongs(path):
        moved = journal.set_aside(path, versions.versions_folder(path))
        return [f"Un fichier « {journal.journal_path(path).name} » laissé par un autre fichier (une copie a été "
                f"remise à la place de l'original ?) a été mis de côté dans « {moved.parent.name}/{moved.name} » "
                "au lieu d'être appliqué : il aurait endommagé l'espace de travail."]
    try:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # a read plays the journal back
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise WorkspaceError(
            f"« {path.name} » garde la trace d'un enregistrement interrompu qui n'a pas pu être annulé "
            f"({translate(exc, path, 'rolling a journal back')}). Copiez « {path.name} » et "
            f"« {journal.journal_path(path).name} » ensemble dans un dossier où vous pouvez écrire, puis ouvrez "
            "la copie.") from exc
    return ["Le dernier enregistrement avait été interrompu (arrêt brutal) : le fichier a été remis dans son "
            "dernier état enregistré."]


def finish_interrupted_write(path: Path) -> None:
    """A write cut short leaves a hot "-journal" beside the file: let SQLite roll it back (or set it aside
    when it belongs to another file) — only for a file that says it is a workspace."""
    if not path.is_file():
        return
    with path.open("rb") as fh:
        header = fh.read(100)
    if header.startswith(SQLITE_HEADER) and header[68:72] == APPLICATION_ID.to_bytes(4, "big"):
        with contextlib.suppress(WorkspaceError):
            settle_journal(path)


def refuse_read_only(path: Path) -> None:
    """A workspace is edited in place: the file and its folder (where SQLite writes its journal) must be
    writable. Said before anything is written, rather than failing at the first save."""
    if not os.access(path, os.W_OK):
        raise ReadOnlyFileError(f"« {path.name} » est en lecture seule : il ne peut pas être modifié. "
                                "Copiez-le dans un dossier où vous pouvez écrire, puis ouvrez la copie.")
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyFileError(f"Le dossier de « {path.name} » est en lecture seule : CRTE Desktop ne peut pas "
                                "y enregistrer ses modifications. Copiez le fichier dans un dossier où vous "
                                "pouvez écrire.")


class ReadOnlyFileError(WorkspaceError):
    """The file or its folder cannot be written: it can still be opened read-only."""


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.sauvegarde-v{version}-{stamp}{path.suffix or EXTENSION}")


def write_backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """The copy kept before a migration: written to a temporary name, checked, renamed; nothing left on
    failure, and a French reason (« la clé USB est pleine… »)."""
    target = backup_path(path, version)
    try:  # the file's own bytes (no one else writes it: we hold the claim and its journal is settled)
        return write_atomically(target, lambda tmp: shutil.copyfile(path, tmp), check=versions.check_copy)
    except (DomainError, sqlite3.Error, OSError) as exc:
        reason = str(exc) if isinstance(exc, DomainError) else str(translate(exc, target, "backing up"))
        if isinstance(exc, sqlite3.Error) and "full" in str(exc).lower() or "plein" in reason:
            reason = ("la clé USB (ou le disque) est pleine : libérez de la place (au moins deux fois la taille "
                      "du fichier) puis rouvrez-le")
        raise DiskFullError(
            f"« {path.name} » doit être mis à jour pour cette version de CRTE Desktop, mais la copie de sécurité "
            f"n'a pas pu être écrite : {reason}. Le fichier n'a pas été modifié.") from exc


def mark_journal(conn: sqlite3.Connection) -> None:
    """At the start of a write: rewrite page 1 unchanged, so that it is the first page the journal keeps.
    Its change counter then tells whether a journal left by a crash belongs to the file it is found beside
    (``journal.belongs``): a copy of another day put back in its place is never damaged by it."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {int(version)}")


def _migration_reason(exc: BaseException, path: Path) -> str:
    """A storage failure (disk full, I/O…) in French; a failing migration step (a bug) with its own text,
    which support needs."""
    if isinstance(exc, sqlite3.Error):
        translated = translate(exc, path, "migrating")
        if type(translated) is not WorkspaceError:
            return str(translated).rstrip(".")
    return str(exc)


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Run the numbered migrations from the file's version up to ``target``, all in one transaction:
    the file is either at its old version or at ``target``, never in between."""
    target = LATEST_VERSION if target is None else target  # read now, not frozen at import
    done: list[int] = []
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= target:
        return done
    conn.execute("BEGIN IMMEDIATE")
    try:
        mark_journal(conn)
        while version < target:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            done.append(version)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return done


class Store:
    """An open workspace. Create with ``Store.open``, ``Store.open_read_only`` or ``Store.create``;
    close with ``close``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False,
                 claim: claims.Claim | None = None, db_path: Path | None = None,
                 cleanup: Path | None = None):
        self.path = path
        self.conn = conn
        self.user = _user()
        self.read_only = read_only
        self.claim = claim  # ours, when opened for writing
        self.holder: claims.Claim | None = None  # who writes it, when opened read-only because of them
        self.damage: DamagedWorkspaceError | None = None  # when opened read-only because it is damaged
        self.notices: list[str] = []  # French notices of the opening (journal played back or set aside…)
        self.migrated_from: int | None = None
        self.auto_snapshots = not read_only  # before the first change of each day
        self._snapshot_day: date | None = None
        self._db_path = db_path or path  # the file read: a rolled-back private copy for a read-only opening
        self._cleanup = cleanup
        self._depth = 0
        self._listeners: list[Callable[[Changes], None]] = []
        self._pending: Changes | None = None  # notices held until the outer transaction commits
        self.history_context = ""  # e.g. "Décision du COPIL du 12/03/2024", recorded with history
        self.backup: Path | None = None  # set when opening migrated an older file

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, take_over: bool = False) -> "Store":
        """Open a workspace for writing: take the claim (ClaimedError names who holds it), settle a leftover
        journal, refuse a non-workspace, a newer or a damaged file without touching it (DamagedWorkspaceError:
        open it read-only and recover it), back up then migrate an older one."""
        path = Path(path)
        if not path.is_file():
            inspect(path)  # the French reason (missing, a folder…)
        refuse_read_only(path)
        sweep_temporaries(path.parent)
        sweep_temporaries(versions.versions_folder(path))
        claim = claims.acquire(path, take_over=take_over)
        try:
            notices = settle_journal(path)
            version = inspect(path)
            report = check_integrity(path, budget_s=_open_budget())
            if not report.ok:
                raise _damaged(path, report)
            try:
                conn = _connect(path)
            except sqlite3.Error as exc:
                raise translate(exc, path, "opening for writing") from exc
            backup = None
            try:
                if version < LATEST_VERSION:
                    backup = write_backup(conn, path, version)
                    with contextlib.suppress(DomainError):
                        versions.take_from(conn, path, "migration")
                    try:
                        migrate(conn)
                    except Exception as exc:
                        log.exception("Migration of %s failed", path)
                        raise WorkspaceError(
                            f"La mise à jour de « {path.name} » a échoué ({_migration_reason(exc, path)}). Le fichier "
                            f"n'a pas été modifié. L'original est sauvegardé dans « {backup.name} ».") from exc
            except BaseException:
                conn.close()
                raise
        except BaseException:
            claims.release(path, claim)
            raise
        store = cls(path, conn, claim=claim)
        store.backup = backup
        if backup is not None:
            store._record_migration(version, backup)
        store.notices = notices
        store.migrated_from = version if version < LATEST_VERSION else None
        return store

    @classmethod
    def sibling(cls, store: "Store") -> "Store":
        """Another connection of this process to ``store``'s workspace (a worker thread's, for a long
        write): it shares the claim (released only by ``store``) and skips the opening checks ``store``
        made. Refused when ``store`` is read-only."""
        if store.read_only or store.claim is None:
            raise WorkspaceError(f"« {store.path.name} » est ouvert en lecture seule : il ne peut pas être modifié.")
        try:
            conn = _connect(store.path)
        except sqlite3.Error as exc:
            raise translate(exc, store.path, "opening a second connection") from exc
        other = cls(store.path, conn)
        other.auto_snapshots = store.auto_snapshots
        other._snapshot_day = store._snapshot_day
        return other

    @classmethod
    def open_read_only(cls, path: Path | str, *, allow_damaged: bool = False) -> "Store":
        """Open a workspace for reading only (``check``, ``summary``, a second window): nothing is ever
        written, not even a migration. A journal left by a crash is played back in a private copy, never
        in the file itself. An older workspace is refused: the application updates it when it opens it.
        ``allow_damaged``: open a damaged but readable file (its report in ``store.damage``)."""
        path = Path(path)
        db_path, cleanup = path, None
        if path.is_file() and journal.has_journal(path) and _journal_is_hot(path):
            if journal.belongs(path):
                try:
                    db_path, cleanup = journal.rolled_back_copy(path)
                except (OSError, sqlite3.Error) as exc:
                    raise translate(exc, path, "reading past a journal") from exc
            else:
                db_path, cleanup = _copy_without_journal(path)
        try:
            version = inspect(path, db_path=db_path)
            if version < LATEST_VERSION:
                raise WorkspaceError(
                    f"« {path.name} » a été enregistré par une version antérieure de CRTE Desktop (schéma "
                    f"{version}). Ouvrez-le une fois dans l'application pour le mettre à jour (une sauvegarde est "
                    "faite) ; le fichier n'a pas été modifié.")
            damage = None
            if allow_damaged:
                report = check_integrity(path, db_path=db_path, budget_s=_open_budget())
                damage = None if report.ok else _damaged(path, report)
            try:
                conn = _connect(db_path, read_only=True)
            except sqlite3.Error as exc:
                raise translate(exc, path, "opening read-only") from exc
        except BaseException:
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)
            raise
        store = cls(path, conn, read_only=True, db_path=db_path, cleanup=cleanup)
        store.damage = damage
        store.holder = claims.read_claim(path)
        return store

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> "Store":
        """Create a new empty workspace atomically (written beside, then renamed)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise WorkspaceError(f"Le fichier « {path.name} » existe déjà.")
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            claims.refuse_if_claimed(path)
        def write(tmp: Path) -> None:
            os.unlink(tmp)
            conn = _connect(tmp)
            try:
                migrate(conn)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute("INSERT INTO meta(key, value) VALUES ('workspace_uuid', ?)", (str(uuid.uuid4()),))
                conn.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)",
                             (datetime.now().isoformat(timespec="seconds"),))
            finally:
                conn.close()

        write_atomically(path, write)
        store = cls.open(path)
        store.auto_snapshots = False  # nothing to go back to in a new file (its first day)
        store._snapshot_day = date.today()
        return store

    def reader(self) -> "Store":
        """The same file through a new read-only connection, for a worker thread (close it there)."""
        other = Store(self.path, _connect(self._db_path, read_only=True), read_only=True, db_path=self._db_path)
        other.holder = self.holder
        return other

    @property
    def is_open(self) -> bool:
        return self.conn is not None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.claim is not None:
            claims.release(self.path, self.claim)
            self.claim = None
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)
            self._cleanup = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the last update of the file's schema (shown in the About box) -------------------------------
    def _record_migration(self, version: int, backup: Path) -> None:
        import json

        value = json.dumps({"from": version, "to": LATEST_VERSION, "at": datetime.now().isoformat(timespec="seconds"),
                            "backup": backup.name})
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_migration', ?)", (value,))

    def migration_notice(self) -> str:
        """« Mis à jour du schéma 3 au schéma 4 le 04/12/2026 à 20:10 ; copie de l'original : … », or ""."""
        import json

        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'last_migration'").fetchone()
            data = json.loads(row[0]) if row else None
            if not data:
                return ""
            at = datetime.fromisoformat(data["at"])
            return (f"Fichier mis à jour du schéma {data['from']} au schéma {data['to']} le {at:%d/%m/%Y à %H:%M} ; "
                    f"copie de l'original : « {data['backup']} ».")
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return ""

    # -- versions ----------------------------------------------------------------------------
    def snapshot(self, reason: str = "manuel") -> "versions.Snapshot":
        """Snapshot the workspace into its versions folder now (before an import, a restore, a bulk
        decision…). Raises DomainError when it cannot be written: the caller refuses its operation."""
        if self.in_transaction:
            raise RuntimeError("snapshot() inside a transaction")
        snap = versions.take(self, reason)
        self._snapshot_day = snap.at.date()
        return snap

    def snapshot_before(self, reason: str) -> "versions.Snapshot | None":
        """The snapshot taken before an import, a restore, a bulk decision: none inside a transaction (the
        outer operation took it) or for a store that takes none (new file, read-only). Raises DomainError
        when it cannot be written, so that the operation is refused rather than done without a way back."""
        if self.in_transaction or self.read_only or not self.auto_snapshots:
            return None
        return self.snapshot(reason)

    def _daily_snapshot(self) -> None:
        today = date.today()
        if self._snapshot_day == today or not self.auto_snapshots or self.read_only:
            return
        self._snapshot_day = today
        if versions.has_snapshot_on(self.path, today):
            return
        try:
            versions.take(self, "quotidien")
        except (DomainError, sqlite3.Error, OSError):  # the edit goes on; the failure is logged
            log.warning("Daily snapshot of %s failed", self.path, exc_info=True)

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
        """One user action = one transaction. Nested calls join the outer one. The first change of the day
        is preceded by a snapshot; an SQLite error leaves as a French WorkspaceError (cause logged)."""
        if self._depth == 0:
            if self.read_only:
                raise WorkspaceError(f"« {self.path.name} » est ouvert en lecture seule : cette modification "
                                     "n'a pas été faite.")
            self._daily_snapshot()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                mark_journal(self.conn)
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise translate(exc, self.path, "starting a write") from exc
        self._depth += 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._pending = None  # nothing was written: nothing to announce
                if self.conn.in_transaction:  # SQLite may have rolled back already (disk full, I/O error)
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):  # sqlite3 never leaves db/ (docs/architecture.md)
                    raise translate(exc, self.path, "writing") from exc
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._pending = None
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise translate(exc, self.path, "committing") from exc
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
        """Write a consistent copy of the workspace to ``target`` (checked, atomically)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise WorkspaceError("La copie doit avoir un autre nom que l'espace de travail ouvert.")
        try:
            return versions.write_copy(self.conn, target)
        except sqlite3.Error as exc:
            raise translate(exc, target, "writing a copy") from exc
