"""Automatic versions of a workspace, to go back to: ``NAME.versions/`` beside ``NAME.crte``.

A version (snapshot) is a whole workspace file written with SQLite's online backup API — consistent even
while the workspace is open — through ``write_atomically`` (temporary name, flushed, ``quick_check``,
renamed), with a small JSON file beside it holding its reason and its figures so that listing the
versions opens no database. Snapshots are taken before every import, migration, restore and bulk
decision, and before the first change of each day (``Store.transaction``).

Retention rule (``RETENTION``): the 20 most recent versions are kept; beyond them, the most recent of
each day for 30 days, and the most recent of each month for 12 months; the others are removed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from crte_desktop.db.atomic import sweep_temporaries, write_atomically, write_text
from crte_desktop.db.errors import translated
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural

if TYPE_CHECKING:  # db/store.py imports this module
    from crte_desktop.db.store import Store

log = logging.getLogger(__name__)

SUFFIX = ".versions"
KEEP_LAST, KEEP_DAYS, KEEP_MONTHS = 20, 30, 12
RETENTION = (f"les {KEEP_LAST} dernières versions, puis une par jour pendant {KEEP_DAYS} jours, "
             f"puis une par mois pendant {KEEP_MONTHS} mois")

REASONS = {
    "quotidien": "avant la première modification du jour",
    "import": "avant un import",
    "migration": "avant la mise à jour du fichier",
    "restauration": "avant une restauration",
    "decision": "avant l'application de décisions",
    "recuperation": "avant une récupération",
    "manuel": "enregistrée à la demande",
}
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?-([a-z]+)\.crte$")


def versions_folder(workspace: Path | str) -> Path:
    workspace = Path(workspace)
    return workspace.with_name(workspace.stem + SUFFIX)


@dataclass
class Snapshot:
    ident: str  # "20261204-195300" (with "-2"… when two were taken in the same second)
    at: datetime
    reason: str
    path: Path
    size: int = 0
    figures: dict = field(default_factory=dict)
    schema: int | None = None

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def figures_line(self) -> str:
        f = self.figures
        if not f:
            return "chiffres non enregistrés"
        parts = [plural(f.get("actions", 0), "action"), plural(f.get("financing", 0), "ligne de financement"),
                 plural(f.get("meetings", 0), "séance")]
        return ", ".join(parts)

    @property
    def size_label(self) -> str:
        return f"{self.size / 1_048_576:.1f} Mo".replace(".", ",") if self.size >= 102_400 \
            else f"{max(1, round(self.size / 1024))} Ko"


def figures(conn: sqlite3.Connection) -> dict:
    """A line of figures for a workspace: actions, financing lines, meetings, contracts."""
    out = {}
    for key, table in (("contracts", "contract"), ("actions", "action"), ("financing", "financing"),
                       ("meetings", "meeting")):
        try:
            out[key] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        except sqlite3.Error:
            out[key] = 0
    return out


def _sidecar(snapshot_file: Path) -> Path:
    return snapshot_file.with_suffix(".json")


def check_copy(path: Path) -> None:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise DomainError(f"La copie « {path.name} » n'a pas pu être vérifiée ; elle n'a pas été gardée.")


def backup_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database of ``source`` into the new file ``target`` with the online backup API."""
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def write_copy(source: sqlite3.Connection, target: Path | str) -> Path:
    """A checked, atomic copy of the database of ``source`` at ``target`` (``Enregistrer une copie``,
    snapshots, backups)."""
    return write_atomically(target, lambda tmp: backup_into(source, tmp), check=check_copy)


def _new_ident(folder: Path, now: datetime) -> str:
    base = now.strftime("%Y%m%d-%H%M%S")
    taken = {s.ident for s in list_snapshots_in(folder)}
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def take(store: Store, reason: str, *, now: datetime | None = None, prune_after: bool = True) -> Snapshot:
    """Snapshot the open workspace ``store`` into its versions folder.

    Raises DomainError (French) when it cannot be written — the caller then refuses its operation."""
    return take_from(store.conn, store.path, reason, now=now, prune_after=prune_after)


def take_from(source: sqlite3.Connection, workspace: Path | str, reason: str, *, now: datetime | None = None,
              prune_after: bool = True) -> Snapshot:
    """``take`` on the connection of a workspace being opened, before its Store exists (``Store.open``)."""
    now = now or datetime.now()
    folder = versions_folder(workspace)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise DomainError(f"Le dossier des versions « {folder.name} » n'a pas pu être créé "
                          f"({exc.strerror or exc}).") from exc
    ident = _new_ident(folder, now)
    target = folder / f"{ident}-{reason}.crte"
    write_copy(source, target)
    schema = source.execute("PRAGMA user_version").fetchone()[0]
    snap = Snapshot(ident, now.replace(microsecond=0), reason, target, target.stat().st_size, figures(source), schema)
    try:
        write_text(_sidecar(target), json.dumps({"at": snap.at.isoformat(), "reason": reason, "figures": snap.figures,
                                                 "schema": schema, "workspace": Path(workspace).name}))
    except DomainError:  # the snapshot itself is whole; its figures will be read from it
        log.warning("Could not write the figures of %s", target, exc_info=True)
    if prune_after:
        prune(workspace, now=now)
    return snap


def _parse(path: Path) -> Snapshot | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    ident = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
    try:
        at = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return Snapshot(ident, at, m.group(3), path)


def list_snapshots_in(folder: Path, *, details: bool = False) -> list[Snapshot]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    snaps = [s for n in names if n.endswith(".crte") and (s := _parse(folder / n)) is not None]
    if details:
        for s in snaps:
            with contextlib.suppress(OSError):
                s.size = s.path.stat().st_size
            with contextlib.suppress(OSError, ValueError, TypeError):
                data = json.loads(_sidecar(s.path).read_text(encoding="utf-8"))
                s.figures = dict(data.get("figures") or {})
                s.schema = data.get("schema")
    snaps.sort(key=lambda s: (s.at, int(s.ident.rpartition("-")[2]) if s.ident.count("-") == 2 else 1), reverse=True)
    return snaps


def list_snapshots(workspace: Path | str) -> list[Snapshot]:
    """The versions of ``workspace``, newest first, with their reason, size and figures."""
    return list_snapshots_in(versions_folder(workspace), details=True)


def find(workspace: Path | str, ident: str) -> Snapshot:
    """The snapshot ``ident`` ("latest" or "dernière" for the newest). Raises DomainError."""
    snaps = list_snapshots(workspace)
    if not snaps:
        raise DomainError(f"« {Path(workspace).name} » n'a aucune version enregistrée "
                          f"(dossier « {versions_folder(workspace).name} » absent ou vide).")
    if ident in ("latest", "dernière", "derniere"):
        return snaps[0]
    for s in snaps:
        if s.ident == ident:
            return s
    raise DomainError(f"Aucune version « {ident} » pour « {Path(workspace).name} » : "
                      f"la liste est donnée par « crte-desktop snapshots {Path(workspace).name} ».")


def keep(snaps: list[Snapshot], now: datetime) -> set[str]:
    """The idents the retention rule keeps among ``snaps`` (newest first)."""
    kept = {s.ident for s in snaps[:KEEP_LAST]}
    days: set = set()
    months: set = set()
    for s in snaps:  # newest first: the first seen of each day/month is its most recent
        if now - s.at <= timedelta(days=KEEP_DAYS) and s.at.date() not in days:
            days.add(s.at.date())
            kept.add(s.ident)
        month = (s.at.year, s.at.month)
        if now - s.at <= timedelta(days=31 * KEEP_MONTHS) and month not in months:
            months.add(month)
            kept.add(s.ident)
    return kept


def prune(workspace: Path | str, *, now: datetime | None = None) -> list[Snapshot]:
    """Remove the versions the retention rule does not keep; returns them."""
    now = now or datetime.now()
    folder = versions_folder(workspace)
    sweep_temporaries(folder)
    snaps = list_snapshots_in(folder)
    kept = keep(snaps, now)
    removed = []
    for s in snaps:
        if s.ident not in kept:
            with contextlib.suppress(OSError):
                s.path.unlink()
                _sidecar(s.path).unlink(missing_ok=True)
                removed.append(s)
    return removed


def has_snapshot_on(workspace: Path | str, day) -> bool:
    return any(s.at.date() == day for s in list_snapshots_in(versions_folder(workspace)))


@contextlib.contextmanager
def version_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a version file (its SQLite errors in French)."""
    with translated(path, "reading a version"):
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()


def restore_into(store: Store, snapshot: Path) -> None:
    """Replace the whole content of the open workspace ``store`` by the version file ``snapshot`` (checked
    first; then migrated if it is of an older schema)."""
    from crte_desktop.db.store import migrate

    with version_connection(snapshot) as source, translated(snapshot, "restoring a version"):
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DomainError(f"La version « {Path(snapshot).name} » est endommagée : elle n'a pas été restaurée.")
        source.backup(store.conn)
        migrate(store.conn)


def restore_to(workspace: Path | str, ident: str, out: Path | str) -> tuple[Snapshot, Path]:
    """Write the version ``ident`` of ``workspace`` out as the workspace ``out`` (checked, atomic)."""
    snap = find(workspace, ident)
    out = Path(out)
    if out.exists() and out.resolve() == Path(workspace).resolve():
        raise DomainError("Le fichier à écrire doit être différent de l'espace de travail : choisissez un autre "
                          "nom (la version restaurée peut ensuite remplacer l'original si vous le souhaitez).")
    if out.exists():
        raise DomainError(f"Le fichier « {out.name} » existe déjà ; il n'a pas été modifié.")
    source = sqlite3.connect(snap.path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        write_copy(source, out)
    except sqlite3.Error as exc:
        raise DomainError(f"La version « {snap.ident} » est illisible ({exc}).") from exc
    finally:
        source.close()
    return snap, out
