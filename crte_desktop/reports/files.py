"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from crte_desktop.domain.errors import DomainError


def write_atomically(target: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` on a temporary file beside ``target``, then rename it to ``target``.
    On failure the temporary file is removed and ``target`` is left as it was."""
    target = Path(target)
    if target.is_dir():
        raise DomainError(f"« {target} » est un dossier : indiquez un nom de fichier.")
    if not target.parent.exists():
        raise DomainError(f"Le dossier « {target.parent} » n'existe pas.")
    fd, tmp = tempfile.mkstemp(suffix=target.suffix + ".tmp", dir=target.parent, prefix=f".{target.stem}-")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DomainError(f"Impossible d'écrire « {target.name} » : {exc.strerror or exc}.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def write_text(target: Path | str, text: str) -> Path:
    return write_atomically(target, lambda p: p.write_bytes(text.encode("utf-8")))


def write_bytes(target: Path | str, data: bytes) -> Path:
    return write_atomically(target, lambda p: p.write_bytes(data))
