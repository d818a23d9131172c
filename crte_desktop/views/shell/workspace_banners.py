"""Opening a workspace in the window whatever state it is in, and saying so in banners.

- someone else writes it (``ClaimedError``): it opens **read-only**, with a banner naming who and since
  when and « Ouvrir une copie »; an old claim of another machine may be taken over after confirmation;
- it is damaged but readable: read-only, with the report and « Récupérer… » (a repaired copy);
- the file or its folder is read-only: read-only, with « Ouvrir une copie »;
- it was updated (migration), or put back in its last saved state after a crash, or a stray journal was
  set aside: a banner that stays until dismissed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crte_desktop.db.claim import ClaimedError
from crte_desktop.db.errors import DamagedWorkspaceError, WorkspaceError
from crte_desktop.db.recover import recover_file
from crte_desktop.db.store import ReadOnlyFileError, Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.views.shell.file_actions import FILE_FILTER, show_error
from crte_desktop.views.widgets.banner import Banner


def open_for_window(path: str, parent: QWidget | None, *, ask: Callable[[str, str], bool] | None = None) -> Store:
    """Open ``path`` for writing, or read-only when it cannot be written (see the module docstring).
    Raises WorkspaceError/DomainError (French) when it cannot be opened at all. ``ask(title, text)``
    confirms taking over an old claim (a question box by default)."""
    ask = ask or (lambda title, text: _ask(parent, title, text))
    try:
        return Store.open(path)
    except ClaimedError as exc:
        if exc.can_take_over and ask("Reprendre la main ?", f"{exc}\n\nReprendre la main sur ce fichier ?"):
            return Store.open(path, take_over=True)
        store = Store.open_read_only(path, allow_damaged=True)
        store.holder = exc.claim
        return store
    except DamagedWorkspaceError as exc:
        if not exc.readable:
            raise
        return Store.open_read_only(path, allow_damaged=True)
    except ReadOnlyFileError as exc:
        store = Store.open_read_only(path, allow_damaged=True)
        store.notices.insert(0, str(exc))
        return store


def _ask(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("Reprendre la main", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Ouvrir en lecture seule", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


def banners_for(store: Store, window, open_path: Callable[[str], None]) -> list[Banner]:
    """The banners the window shows for ``store`` (see the module docstring)."""
    out = []
    name = store.path.name
    if store.read_only:
        if store.damage is not None:
            out.append(Banner(f"{store.damage} Il est ouvert en lecture seule.", "error",
                              [("Récupérer…", lambda: recover_into_copy(window, store.path, open_path))],
                              closable=False))
        elif store.holder is not None and not store.holder.is_stale:
            out.append(Banner(f"Lecture seule : « {name} » est ouvert en modification par {store.holder.holder}. "
                              "Vous pouvez le consulter ; pour travailler de votre côté, ouvrez une copie.",
                              "warning", [("Ouvrir une copie", lambda: open_a_copy(window, store, open_path))],
                              closable=False))
        else:
            out.append(Banner(f"« {name} » est ouvert en lecture seule.", "warning",
                              [("Ouvrir une copie", lambda: open_a_copy(window, store, open_path))], closable=False))
    for notice in store.notices:
        out.append(Banner(notice, "warning" if store.read_only else "info"))
    if store.backup is not None:
        out.append(Banner(f"« {name} » a été mis à jour pour cette version de CRTE Desktop ; l'ancienne version "
                          f"est sauvegardée dans « {store.backup.name} » (rappelé dans Aide → À propos).", "info"))
    return out


def open_a_copy(parent: QWidget | None, store: Store, open_path: Callable[[str], None]) -> bool:
    """Save a copy of the (read-only) workspace where the user says, then open that copy for writing."""
    folder = store.path.parent if os.access(store.path.parent, os.W_OK) else Path.home()
    suggested = folder / f"{store.path.stem} (copie){store.path.suffix}"
    path, _ = QFileDialog.getSaveFileName(parent, "Ouvrir une copie", str(suggested), FILE_FILTER)
    if not path:
        return False
    return open_copy_at(parent, store, path, open_path)


def open_copy_at(parent: QWidget | None, store: Store, path: str, open_path: Callable[[str], None]) -> bool:
    try:
        store.save_copy(path)
    except (DomainError, WorkspaceError) as exc:
        show_error(parent, str(exc), "Copie impossible")
        return False
    open_path(path)
    return True


def recover_into_copy(parent: QWidget | None, path: Path, open_path: Callable[[str], None],
                      target: str | None = None) -> bool:
    """« Récupérer… »: write what can be read of ``path`` into a new file, say what was lost, offer to open it."""
    if target is None:
        folder = path.parent if os.access(path.parent, os.W_OK) else Path.home()
        suggested = folder / f"{path.stem} (récupéré){path.suffix}"
        target, _ = QFileDialog.getSaveFileName(parent, "Récupérer dans un nouveau fichier", str(suggested),
                                                FILE_FILTER)
        if not target:
            return False
    try:
        report = recover_file(path, target)
    except (DomainError, OSError) as exc:
        show_error(parent, str(exc), "Récupération impossible")
        return False
    box = QMessageBox(QMessageBox.Icon.Information, "Récupération", "\n".join(report.lines()), parent=parent)
    open_button = box.addButton("Ouvrir la copie récupérée", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Fermer", QMessageBox.ButtonRole.RejectRole)
    box.setObjectName("recovery_report")
    box.buttonClicked.connect(lambda button: open_path(str(target)) if button is open_button else None)
    box.open()  # not blocking: the report stays readable beside the window
    return True
