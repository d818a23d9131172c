"""One writer per workspace: the claim file beside it (``NAME.crte.verrou``) says who writes it.

Opening a workspace for writing takes the claim: a small JSON file created exclusively beside the
workspace, naming the user, the machine, the process and since when. Anyone else who opens the file —
a second window of the same secretary, a colleague on the shared folder, a command-line import — finds
the claim and opens read-only (the window, with a banner naming the holder) or refuses (writing commands,
exit 1). SQLite's own locks still serialise the writes themselves; the claim says *who* before anything
is attempted, which SQLite's locks cannot (and they are unreliable on some network shares).

A claim is stale when its process no longer runs on this machine (taken over silently), or, when it
was taken on another machine, when it is older than ``STALE_AFTER`` and the user confirms
(``take_over=True``). The claim file is removed when the workspace is closed.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from crte_desktop.db.atomic import pid_alive
from crte_desktop.db.errors import WorkspaceError

SUFFIX = ".verrou"
STALE_AFTER = timedelta(hours=12)


def claim_path(workspace: Path | str) -> Path:
    workspace = Path(workspace)
    return workspace.with_name(workspace.name + SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment
        return "inconnu"


def _machine() -> str:
    return socket.gethostname() or "poste inconnu"


@dataclass(frozen=True)
class Claim:
    user: str
    machine: str
    pid: int
    since: datetime
    token: str

    @property
    def on_this_machine(self) -> bool:
        return self.machine == _machine()

    @property
    def is_stale(self) -> bool:
        """Its holder is known to be gone: a process of this machine that no longer runs."""
        return self.on_this_machine and not pid_alive(self.pid)

    @property
    def is_old(self) -> bool:
        return datetime.now() - self.since > STALE_AFTER

    @property
    def holder(self) -> str:
        """« marie sur PC-SECRETARIAT depuis le 04/12/2026 à 09:12 »."""
        where = "ce poste" if self.on_this_machine else f"le poste {self.machine}"
        return f"{self.user} sur {where} depuis le {self.since:%d/%m/%Y à %H:%M}"

    def to_json(self) -> str:
        return json.dumps({"user": self.user, "machine": self.machine, "pid": self.pid,
                           "since": self.since.isoformat(timespec="seconds"), "token": self.token})

    @classmethod
    def from_json(cls, text: str) -> "Claim":
        data = json.loads(text)
        return cls(str(data["user"]), str(data["machine"]), int(data["pid"]),
                   datetime.fromisoformat(data["since"]), str(data.get("token", "")))


class ClaimedError(WorkspaceError):
    """The workspace is being written by someone else. ``claim``: who. ``can_take_over``: the claim is old
    enough (on another machine) that the user may take it over after confirming."""

    def __init__(self, path: Path, claim: Claim):
        self.path = path
        self.claim = claim
        self.can_take_over = not claim.on_this_machine and claim.is_old
        text = (f"« {path.name} » est ouvert en modification par {claim.holder}. "
                "Il ne peut être modifié que par une personne à la fois ; le fichier n'a pas été modifié.")
        if self.can_take_over:
            text += (" Ce verrou date de plus de 12 heures : si vous êtes sûr que personne ne l'utilise, "
                     "vous pouvez reprendre la main.")
        super().__init__(text)


def read_claim(workspace: Path | str) -> Claim | None:
    """The current claim on ``workspace``, or None (no claim, or an unreadable claim file)."""
    try:
        return Claim.from_json(claim_path(workspace).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_exclusive(path: Path, claim: Claim) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(claim.to_json())
        fh.flush()
        with contextlib.suppress(OSError):
            os.fsync(fh.fileno())
    return True


def acquire(workspace: Path | str, *, take_over: bool = False) -> Claim:
    """Take the claim on ``workspace`` or raise ClaimedError naming its holder.

    A stale claim (its process gone on this machine) is taken over; an old one of another machine only
    with ``take_over``. A folder where the claim cannot be written (read-only) raises WorkspaceError."""
    workspace = Path(workspace)
    path = claim_path(workspace)
    mine = Claim(_user(), _machine(), os.getpid(), datetime.now().replace(microsecond=0), uuid.uuid4().hex)
    for _attempt in range(3):
        try:
            if _write_exclusive(path, mine):
                return mine
        except OSError as exc:
            raise WorkspaceError(f"« {workspace.name} » ne peut pas être réservé en écriture : son dossier "
                                 f"n'accepte pas de nouveau fichier ({exc.strerror or exc}).") from exc
        held = read_claim(workspace)
        if held is None:
            # unreadable: being written this instant, or garbage left by a crash
            with contextlib.suppress(OSError):
                if path.stat().st_size == 0 or _attempt > 0:
                    path.unlink()
            continue
        if held.is_stale or (take_over and not held.on_this_machine and held.is_old):
            _remove_if_same(path, held)
            continue
        raise ClaimedError(workspace, held)
    held = read_claim(workspace)
    if held is not None:
        raise ClaimedError(workspace, held)
    raise WorkspaceError(f"« {workspace.name} » n'a pas pu être réservé en écriture ; réessayez.")


def _remove_if_same(path: Path, claim: Claim) -> None:
    current = None
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        current = Claim.from_json(path.read_text(encoding="utf-8"))
    if current is not None and current.token == claim.token:
        with contextlib.suppress(OSError):
            path.unlink()


def release(workspace: Path | str, claim: Claim) -> None:
    """Remove the claim file if it is still ours."""
    _remove_if_same(claim_path(workspace), claim)


def still_ours(workspace: Path | str, claim: Claim) -> bool:
    held = read_claim(workspace)
    return held is not None and held.token == claim.token


def refuse_if_claimed(workspace: Path | str) -> None:
    """For a command that is about to write ``workspace``: raise ClaimedError (French, the holder's name)
    when someone holds it. ``Store.open`` does this itself; use this before any other kind of write."""
    held = read_claim(workspace)
    if held is not None and not held.is_stale:
        raise ClaimedError(Path(workspace), held)


@contextlib.contextmanager
def claimed(workspace: Path | str) -> Iterator[Claim]:
    """Hold the claim on ``workspace`` for the duration of a block (a command writing the file)."""
    claim = acquire(workspace)
    try:
        yield claim
    finally:
        release(workspace, claim)
