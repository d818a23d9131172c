"""The application's log: a rotating file in the user's data folder (``paths.data_dir()``), named in the
About box so that a secretary can send it to support.

It receives the errors nobody expected, with their traceback, and the duration of long operations
(``timed``). Nothing is written until ``start_logging`` is called (the GUI does it at start); until then
the package's records go nowhere (no handler prints them on the console).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import time
from collections.abc import Iterator
from pathlib import Path

from crte_desktop.paths import data_dir

LOG_NAME = "crte-desktop.log"
MAX_BYTES = 1_000_000  # then crte-desktop.log.1 … .3: a few weeks of use, small enough to e-mail
BACKUPS = 3
LONG_OPERATION_S = 0.5  # the interface shows progress for any work over half a second

log = logging.getLogger("crte_desktop")
log.addHandler(logging.NullHandler())
_handler: logging.Handler | None = None


def log_file() -> Path:
    return data_dir() / LOG_NAME


def start_logging(path: Path | None = None) -> Path:
    """Send the package's records (INFO and above) to the rotating file ``path`` (default ``log_file()``).
    Safe to call twice. Returns the file's path."""
    global _handler  # one file handler per process
    path = path or log_file()
    if _handler is not None:
        return Path(getattr(_handler, "baseFilename", path))
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                                   delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _handler = handler
    return path


def stop_logging() -> None:
    global _handler
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
        _handler = None


@contextlib.contextmanager
def timed(what: str, logger: logging.Logger = log) -> Iterator[None]:
    """Log how long ``what`` took when it took longer than LONG_OPERATION_S (and its failure, with the
    traceback, when it raised something other than a user error)."""
    from crte_desktop.domain.errors import DomainError
    from crte_desktop.progress import Cancelled

    start = time.perf_counter()
    try:
        yield
    except (DomainError, Cancelled):
        raise
    except Exception:
        logger.exception("%s failed after %.2f s", what, time.perf_counter() - start)
        raise
    elapsed = time.perf_counter() - start
    if elapsed >= LONG_OPERATION_S:
        logger.info("%s: %.2f s", what, elapsed)
