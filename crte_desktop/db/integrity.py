"""SQLite-level integrity of a workspace: page structure, indexes and foreign keys, within a time bound,
reported in French with a count and the first few items (used when opening and by ``check``)."""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # db/store.py imports this module
    from crte_desktop.db.store import Store

FIRST_ITEMS = 5  # how many items a report shows; the rest is counted
MAX_ERRORS = 200  # integrity_check stops after this many
OPEN_BUDGET_S = 1.0  # time allowed to the full check when opening a workspace


@dataclass(frozen=True)
class ForeignKeyViolation:
    table: str
    rowid: int | None
    parent: str

    @property
    def message(self) -> str:
        return (f"Table « {self.table} », ligne {self.rowid} : elle renvoie à un enregistrement absent "
                f"de la table « {self.parent} ».")


@dataclass
class IntegrityReport:
    """What the checks found. ``complete`` is False when the time bound stopped the full check (the
    quick check, which reads every page but not the indexes, then stands in for it)."""

    errors: list[str] = field(default_factory=list)  # in French
    error_count: int = 0
    foreign_keys: list[ForeignKeyViolation] = field(default_factory=list)
    complete: bool = True
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.foreign_keys

    @property
    def count(self) -> int:
        return self.error_count + len(self.foreign_keys)

    def items(self) -> list[str]:
        return self.errors + [v.message for v in self.foreign_keys]

    def summary(self, name: str) -> str:
        """« « X.crte » est endommagé : 12 problèmes, dont : … »."""
        if self.ok:
            return f"« {name} » est intact."
        n = self.count
        more = "au moins " if self.error_count >= MAX_ERRORS else ""
        first = self.items()[:FIRST_ITEMS]
        text = f"« {name} » est endommagé : {more}{n} problème{'s' if n > 1 else ''} détecté{'s' if n > 1 else ''}"
        text += " ; les premiers :" if n > len(first) else " :"
        return text + "".join(f"\n  – {item}" for item in first)


_PATTERNS = [
    (re.compile(r"row (\d+) missing from index (\S+)"), r"ligne \1 absente de l'index « \2 »"),
    (re.compile(r"wrong # of entries in index (\S+)"), r"nombre d'entrées incorrect dans l'index « \1 »"),
    (re.compile(r"NULL value in (\S+)"), r"valeur vide interdite dans « \1 »"),
    (re.compile(r"non-unique entry in index (\S+)"), r"doublon dans l'index unique « \1 »"),
    (re.compile(r"CHECK constraint failed in (\S+)"), r"règle de contrôle non respectée dans « \1 »"),
    (re.compile(r"Page (\d+): never used"), r"page \1 inutilisée"),
    (re.compile(r"Page (\d+) is never used"), r"page \1 inutilisée"),
    (re.compile(r".*Page (\d+).*"), r"page \1 : structure endommagée"),
    (re.compile(r".*Tree (\d+) page (\d+).*"), r"page \2 : structure endommagée"),
    (re.compile(r".*Freelist.*", re.I), "liste des pages libres endommagée"),
]


def in_french(item: str) -> str:
    """One line of ``PRAGMA integrity_check`` in French (the original stays in the log)."""
    item = item.replace("*** in database main ***", "").strip()
    for pattern, replacement in _PATTERNS:
        match = pattern.search(item)
        if match:
            return match.expand(replacement)
    return "structure du fichier endommagée"


def foreign_key_violations(conn: sqlite3.Connection) -> list[ForeignKeyViolation]:
    """Every row pointing to a missing parent (``PRAGMA foreign_key_check``)."""
    return [ForeignKeyViolation(r[0], r[1], r[2]) for r in conn.execute("PRAGMA foreign_key_check")]


def _pragma_rows(conn: sqlite3.Connection, pragma: str, deadline: float | None) -> list[str] | None:
    """Rows of a checking pragma, or None when the deadline stopped it."""
    if deadline is not None:
        conn.set_progress_handler(lambda: 1 if time.perf_counter() > deadline else 0, 10_000)
    try:
        return [r[0] for r in conn.execute(pragma)]
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return None
        raise
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, 0)


def integrity_report(store: Store, budget_s: float | None = OPEN_BUDGET_S) -> IntegrityReport:
    """``connection_report`` of an open workspace (``check``)."""
    return connection_report(store.conn, budget_s)


def connection_report(conn: sqlite3.Connection, budget_s: float | None = OPEN_BUDGET_S) -> IntegrityReport:
    """Run ``integrity_check`` (pages, indexes, constraints) then ``foreign_key_check``, within ``budget_s``
    seconds (None: no bound). A damaged file may make the pragmas themselves fail: that is reported too."""
    start = time.perf_counter()
    deadline = None if budget_s is None else start + budget_s
    report = IntegrityReport()
    try:
        rows = _pragma_rows(conn, f"PRAGMA integrity_check({MAX_ERRORS})", deadline)
        if rows is None:
            report.complete = False
            rows = _pragma_rows(conn, f"PRAGMA quick_check({MAX_ERRORS})", None)
        if rows != ["ok"]:
            report.error_count = len(rows)
            report.errors = [in_french(r) for r in rows[:FIRST_ITEMS * 4]]
        if not report.errors:
            report.foreign_keys = foreign_key_violations(conn)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        report.error_count = max(report.error_count, 1)
        report.errors.append(f"le fichier ne peut pas être lu en entier ({in_french(str(exc))})"
                             if "malformed" not in str(exc) else "le fichier ne peut pas être lu en entier")
    report.seconds = time.perf_counter() - start
    return report
