"""Recovering a damaged workspace: a new file holding everything that can still be read (« Récupérer… »).

The damaged file is only read (``immutable``: not even its journal is touched). Its schema is taken from
its own ``sqlite_master`` (or, if that is unreadable, from the application's migrations); every table is
copied row by row — when a read fails in the middle of a table, the rows after the damaged pages are
fetched one ``rowid`` at a time — then indexes and triggers are rebuilt, rows left pointing to a lost
parent are removed (they would break the foreign keys), and the result is checked and written atomically.
The report says, per table, how many rows were kept and how many were lost.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from crte_desktop.db.atomic import write_atomically
from crte_desktop.db.versions import check_copy
from crte_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)
_MAX_PROBES = 5_000  # rowids tried one by one past damage, per table
_PROBE_SECONDS = 1.0  # and for at most this long


@dataclass
class TableRecovery:
    name: str
    kept: int = 0
    unreadable: int = 0  # rows known or estimated lost to damaged pages
    orphans: int = 0  # rows removed because they pointed to a lost record


@dataclass
class RecoveryReport:
    source: Path
    target: Path
    tables: list[TableRecovery] = field(default_factory=list)
    schema_from_application: bool = False

    @property
    def lost(self) -> int:
        return sum(t.unreadable + t.orphans for t in self.tables)

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.tables)

    def lines(self) -> list[str]:
        out = [f"Copie récupérée écrite dans « {self.target.name} » : {self.kept} enregistrements repris."]
        if not self.lost:
            out.append("Rien n'a été perdu : tout ce que le fichier contenait a pu être lu.")
        else:
            out.append(f"Perdus : {self.lost} enregistrement{'s' if self.lost > 1 else ''} illisible"
                       f"{'s' if self.lost > 1 else ''} ou rattaché{'s' if self.lost > 1 else ''} à un "
                       "enregistrement illisible :")
            for t in self.tables:
                if t.unreadable or t.orphans:
                    parts = []
                    if t.unreadable:
                        parts.append(f"{t.unreadable} illisible{'s' if t.unreadable > 1 else ''}")
                    if t.orphans:
                        parts.append(f"{t.orphans} sans parent")
                    out.append(f"  – {_LABELS.get(t.name, t.name)} : {', '.join(parts)} ({t.kept} repris)")
        out.append(f"« {self.source.name} » n'a pas été modifié.")
        return out


_LABELS = {"action": "actions", "financing": "lignes de financement", "indicator": "indicateurs",
           "measurement": "mesures", "history": "historique", "meeting": "séances", "contract": "contrats",
           "section": "sections", "organisation": "organisations", "person": "personnes",
           "agenda_item": "points de l'ordre du jour", "decision": "décisions", "attendance": "présences"}


def _schema(src: sqlite3.Connection, version: int) -> tuple[list[tuple[str, str, str]], bool]:
    """(type, name, sql) of every table, index and trigger; True when taken from the application — always
    for a version it knows (its migrations give the sound schema of that version), else from the file."""
    from crte_desktop.db.migrations import LATEST_VERSION
    from crte_desktop.db.store import migrate

    if not 1 <= version <= LATEST_VERSION:
        try:
            rows = src.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                               " AND name NOT LIKE 'sqlite_%'").fetchall()
            if any(r[0] == "table" for r in rows):
                return rows, False
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            log.warning("sqlite_master unreadable", exc_info=True)
        version = LATEST_VERSION
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    migrate(fresh, target=version)
    rows = fresh.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                         " AND name NOT LIKE 'sqlite_%'").fetchall()
    fresh.close()
    return rows, True


def _copy_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> TableRecovery:
    result = TableRecovery(table)
    wanted = [r[1] for r in dst.execute(f'PRAGMA table_info("{table}")')]
    try:
        present = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        present = set()
    columns = [c for c in wanted if c in present] if present else wanted
    cols = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}"(rowid, {cols}) VALUES (?, {", ".join("?" * len(columns))})'
    last = None
    try:
        cursor = src.execute(f'SELECT rowid, {cols} FROM "{table}" ORDER BY rowid')
        while True:
            rows = cursor.fetchmany(500)
            if not rows:
                return result
            dst.executemany(insert, rows)
            result.kept += len(rows)
            last = rows[-1][0]
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        log.info("Table %s unreadable after rowid %s: probing row by row", table, last)
    # past the damage: one rowid at a time, up to the largest rowid still readable
    high = None
    for query in (f'SELECT max(rowid) FROM "{table}"', f'SELECT rowid FROM "{table}" ORDER BY rowid DESC LIMIT 1'):
        try:
            high = src.execute(query).fetchone()[0]
            break
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            continue
    start = (last or 0) + 1
    if high is None:
        high = start + 10_000
    high = min(high, start + _MAX_PROBES)
    deadline = time.perf_counter() + _PROBE_SECONDS
    for rowid in range(start, high + 1):
        if time.perf_counter() > deadline:
            break
        try:
            row = src.execute(f'SELECT rowid, {cols} FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            result.unreadable += 1
            continue
        if row is not None:
            dst.execute(insert, row)
            result.kept += 1
    try:  # a better estimate of what was lost, when the count can still be read
        total = src.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        result.unreadable = max(0, total - result.kept)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        result.unreadable = max(result.unreadable, 1)
    return result


def _remove_orphans(dst: sqlite3.Connection, report: RecoveryReport) -> None:
    by_name = {t.name: t for t in report.tables}
    for _round in range(10):  # removing a row may orphan its own children (ON DELETE is not applied here)
        violations = dst.execute("PRAGMA foreign_key_check").fetchall()
        if not violations:
            return
        for table, rowid, _parent, _fk in violations:
            if rowid is None:
                continue
            dst.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            entry = by_name.setdefault(table, TableRecovery(table))
            entry.orphans += 1
            entry.kept -= 1


def recover_file(source: Path | str, target: Path | str) -> RecoveryReport:
    """Write into ``target`` what can be read of the damaged workspace ``source``; returns what was lost."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise DomainError(f"Le fichier « {source.name} » n'existe pas.")
    if target.exists():
        raise DomainError(f"Le fichier « {target.name} » existe déjà ; choisissez un autre nom.")
    with source.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        raise DomainError(f"« {source.name} » n'est pas un espace de travail : rien ne peut en être récupéré.")
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    report = RecoveryReport(source, target)

    def write(tmp: Path) -> None:
        tmp.unlink()
        src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            schema, report.schema_from_application = _schema(src, user_version)
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.execute("BEGIN")
            for kind, _name, sql in schema:
                if kind == "table":
                    dst.execute(sql)
            for kind, name, _sql in schema:
                if kind == "table":
                    report.tables.append(_copy_table(src, dst, name))
            for kind, name, sql in schema:
                if kind in ("index", "trigger", "view"):
                    try:
                        dst.execute(sql)
                    except (sqlite3.DatabaseError, UnicodeDecodeError):  # e.g. a unique index broken by duplicates
                        log.warning("Could not rebuild %s %s", kind, name, exc_info=True)
            _remove_orphans(dst, report)
            dst.execute(f"PRAGMA user_version = {int(user_version)}")
            dst.execute(f"PRAGMA application_id = {int(application_id)}")
            dst.execute("COMMIT")
        finally:
            src.close()
            dst.close()

    try:
        write_atomically(target, write, check=check_copy)
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # (a damaged schema text is not even UTF-8)
        log.exception("Recovery of %s failed", source)
        raise DomainError(f"La récupération de « {source.name} » a échoué : le fichier est trop endommagé pour en "
                          "tirer une copie utilisable. Revenez à une version antérieure ou à une sauvegarde. "
                          f"« {source.name} » n'a pas été modifié.") from exc
    return report
