"""The rollback journal (``NAME.crte-journal``) left beside a workspace by a write cut short.

SQLite keeps, during a write, the original content of every page it changes in the journal; after a
crash that "hot" journal is played back at the next opening to return to the last saved state. Two
traps (issue 9): a read-only opening cannot play it back (``check`` then failed), and a journal played
back into *another* file — yesterday's copy put back in place — damages it. Here:

- ``belongs``: a journal belongs to a file when the copy of page 1 it holds carries the file's change
  counter (SQLite writes counter+1 at commit, so the file shows the journal's counter or the next one);
  a copy from another day carries another counter;
- ``set_aside``: a journal that does not belong is moved into the versions folder, never played back;
- ``rolled_back_copy``: for a read-only opening, the file and its journal are copied to a private
  temporary folder and played back there; the original is not touched.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

MAGIC = bytes.fromhex("d9d505f920a163d7")
_MAX_RECORDS_SCANNED = 1_000_000  # page numbers only: reading them is cheap


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_journal(path: Path) -> bool:
    """A journal with content (and SQLite's header) beside ``path``: a write was cut short — or is running."""
    journal = journal_path(path)
    try:
        if not journal.is_file() or journal.stat().st_size < 28:
            return False
        with journal.open("rb") as fh:
            return fh.read(8) == MAGIC
    except OSError:
        return False


def _page_one_counter(journal: Path) -> tuple[int, int, int | None] | None:
    """(page size, database size in pages before the write, change counter of the copy of page 1 held by
    ``journal`` — None if it holds none), or None for an unreadable journal."""
    with journal.open("rb") as fh:
        header = fh.read(28)
        if len(header) < 28 or header[:8] != MAGIC:
            return None
        original_pages = int.from_bytes(header[16:20], "big")
        sector = int.from_bytes(header[20:24], "big")
        page_size = int.from_bytes(header[24:28], "big")
        if not (512 <= page_size <= 65536) or not (32 <= sector <= 65536):
            return None
        offset = sector
        for _ in range(_MAX_RECORDS_SCANNED):
            fh.seek(offset)
            pgno = fh.read(4)
            if len(pgno) < 4:
                break
            if int.from_bytes(pgno, "big") == 1:
                page = fh.read(page_size)
                if len(page) < 100:
                    break
                return page_size, original_pages, int.from_bytes(page[24:28], "big")
            offset += 4 + page_size + 4
    return page_size, original_pages, None


def belongs(path: Path) -> bool:
    """Whether the journal beside ``path`` was written for this very file (see the module docstring). Without
    a copy of page 1 in the journal, page 1 was not rewritten yet: the file's header must then still give
    the size in pages the journal started from."""
    journal = journal_path(path)
    try:
        found = _page_one_counter(journal)
        if found is None:
            return True
        page_size, original_pages, journal_counter = found
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return True
    if len(header) < 100:
        return False
    file_page_size = int.from_bytes(header[16:18], "big")
    file_page_size = 65536 if file_page_size == 1 else file_page_size
    counter = int.from_bytes(header[24:28], "big")
    if file_page_size != page_size:
        return False
    if journal_counter is None:
        return int.from_bytes(header[28:32], "big") == original_pages
    return counter in (journal_counter, (journal_counter + 1) & 0xFFFFFFFF)


def set_aside(path: Path, folder: Path) -> Path:
    """Move the journal beside ``path`` into ``folder`` under a dated name; returns its new path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"journal-écarté-{datetime.now():%Y%m%d-%H%M%S}.crte-journal"
    shutil.move(str(journal_path(path)), str(target))
    log.warning("Journal that does not belong to %s set aside as %s", path, target)
    return target


def rolled_back_copy(path: Path) -> tuple[Path, Path]:
    """Copy ``path`` and its journal into a new private folder and let SQLite play the journal back there.
    Returns (the rolled-back copy, its folder — to remove when done). The original is not touched."""
    folder = Path(tempfile.mkdtemp(prefix="crte-lecture-"))
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        journal = journal_path(path)
        if journal.is_file():
            shutil.copyfile(journal, journal_path(copy))
        conn = sqlite3.connect(str(copy))
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reading plays the journal back
        finally:
            conn.close()
        if journal_path(copy).exists():
            os.unlink(journal_path(copy))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy, folder
