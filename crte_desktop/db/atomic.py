"""Writing a file whole or not at all: every file the application writes goes through ``write_atomically``.

The content is written to a temporary name in the target's folder (``.NAME.HOST-PID.xxxx.tmp``), flushed
to the disk, optionally checked, given the usual permissions (those of the umask, as any program's
files, not 0600), then renamed over the target in one step. On any failure the temporary is removed and
the target is left as it was. A temporary left by a process that was killed is recognised by its name
(this machine, a process that no longer runs) and removed by ``sweep_temporaries``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from crte_desktop.domain.errors import DomainError

TMP_SUFFIX = ".tmp"
# ".NAME.HOST-PID.random.tmp", or a helper file of it ".NAME.HOST-PID.random.raw.tmp"
_TMP_NAME = re.compile(r"\.([A-Za-z0-9]{1,20})-(\d+)\.[A-Za-z0-9_]+(?:\.[a-z]+)?\.tmp(?:-journal)?$")
_umask_lock = threading.Lock()


def _host() -> str:
    return "".join(c for c in socket.gethostname().split(".")[0] if c.isalnum())[:20] or "poste"


def current_umask() -> int:
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def usual_mode() -> int:
    """The permissions a new file gets from ``open()`` under the current umask (typically 0644 or 0664)."""
    return 0o666 & ~current_umask()


def temporary_name(target: Path) -> Path:
    """A new, empty temporary file beside ``target``, named so that a leftover can be recognised."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{_host()}-{os.getpid()}.", suffix=TMP_SUFFIX,
                               dir=target.parent)
    os.close(fd)
    return Path(tmp)


def fsync_path(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def os_error_message(target: Path, exc: OSError) -> str:
    """The French sentence for an OS error while writing ``target``."""
    name = target.name
    if exc.errno == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return (f"Impossible d'écrire « {name} » : la clé USB (ou le disque) est pleine. Libérez de la place "
                "puis recommencez ; aucun fichier incomplet n'a été laissé.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Impossible d'écrire « {name} » : accès refusé (dossier en lecture seule, ou fichier ouvert "
                "dans un autre programme).")
    return f"Impossible d'écrire « {name} » : {exc.strerror or exc}."


def write_atomically(target: Path | str, write: Callable[[Path], None],
                     check: Callable[[Path], None] | None = None) -> Path:
    """Call ``write(tmp_path)`` on a temporary file beside ``target``, flush it, ``check(tmp_path)`` it
    (which raises to refuse), then rename it to ``target``. On failure the temporary file is removed and
    ``target`` is left as it was; an ``OSError`` becomes a French ``DomainError``."""
    target = Path(target)
    if target.is_dir():
        raise DomainError(f"« {target} » est un dossier : indiquez un nom de fichier.")
    if not target.parent.exists():
        raise DomainError(f"Le dossier « {target.parent} » n'existe pas.")
    sweep_temporaries(target.parent)
    tmp: Path | None = None
    try:
        tmp = temporary_name(target)
        write(tmp)
        fsync_path(tmp)
        if check is not None:
            check(tmp)
        os.chmod(tmp, usual_mode())
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise DomainError(os_error_message(target, exc)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def write_text(target: Path | str, text: str) -> Path:
    return write_atomically(target, lambda p: p.write_bytes(text.encode("utf-8")))


def write_bytes(target: Path | str, data: bytes) -> Path:
    return write_atomically(target, lambda p: p.write_bytes(data))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine."""
    return _pid_alive(pid)


def sweep_temporaries(folder: Path | str) -> list[Path]:
    """Remove the temporaries this machine's killed processes left in ``folder``; returns them."""
    folder = Path(folder)
    host = _host()
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith((TMP_SUFFIX, TMP_SUFFIX + "-journal"))]
    except OSError:
        return removed
    for name in names:
        match = _TMP_NAME.search(name)
        if match is None or match.group(1) != host or _pid_alive(int(match.group(2))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
            removed.append(folder / name)
    return removed
