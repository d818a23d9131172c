"""Files of the user: the recent files list (remembered in the settings), the file dialogs of the
Fichier menu, and the message box that tells why a file was refused."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from crte_desktop.db.store import EXTENSION
from crte_desktop.views.widgets.export_files import documents_dir, is_hidden_folder

RECENT_KEY = "recent_files"
LAST_DIR_KEY = "last_directory"
MAX_RECENT = 8
FILE_FILTER = f"Espaces de travail CRTE (*{EXTENSION});;Tous les fichiers (*)"


# -- recent files -------------------------------------------------------------------------------------
def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-element list (INI format)
        value = [value]
    return [str(v) for v in (value or []) if v][:MAX_RECENT]


def add_recent(settings: QSettings, path: str | Path) -> list[str]:
    """Put ``path`` first in the list (without duplicates), keep the last eight."""
    path = os.path.abspath(str(path))
    files = [f for f in recent_files(settings) if os.path.abspath(f) != path]
    files.insert(0, path)
    files = files[:MAX_RECENT]
    settings.setValue(RECENT_KEY, files)
    settings.setValue(LAST_DIR_KEY, os.path.dirname(path))
    return files


def remove_recent(settings: QSettings, path: str | Path) -> list[str]:
    path = os.path.abspath(str(path))
    files = [f for f in recent_files(settings) if os.path.abspath(f) != path]
    settings.setValue(RECENT_KEY, files)
    return files


def clear_recent(settings: QSettings) -> None:
    settings.setValue(RECENT_KEY, [])


def recent_label(path: str) -> str:
    """"valenciennois.crte — /home/marie/Documents" for menus and lists."""
    p = Path(path)
    return f"{p.name} — {p.parent}"


class RecentFilesMenu(QMenu):
    """"Ouvrir récent ▸": rebuilt from the settings each time it opens."""

    open_path = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__("Ouvrir &récent", parent)
        self._settings = settings
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        files = recent_files(self._settings)
        if not files:
            self.addAction("Aucun fichier récent").setEnabled(False)
            return
        for i, path in enumerate(files, start=1):
            exists = os.path.exists(path)
            text = f"&{i}  {recent_label(path)}" + ("" if exists else "  (introuvable)")
            action = self.addAction(text)
            action.setToolTip(path)
            action.setData(path)
            action.setEnabled(exists)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path.emit(p))
        self.addSeparator()
        self.addAction("Effacer la liste", self._clear)

    def _clear(self) -> None:
        clear_recent(self._settings)
        self.rebuild()


# -- dialogs ----------------------------------------------------------------------------------------
def _start_dir(settings: QSettings) -> str:
    """The folder of the last workspace opened, unless it is hidden (the demonstration's data folder…):
    then the Documents folder."""
    value = settings.value(LAST_DIR_KEY, "")
    if value and os.path.isdir(str(value)) and not is_hidden_folder(str(value)):
        return str(value)
    return str(documents_dir())


def _with_extension(path: str) -> str:
    return path if path.lower().endswith(EXTENSION) else path + EXTENSION


def ask_open_path(parent: QWidget | None, settings: QSettings) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Ouvrir un espace de travail", _start_dir(settings), FILE_FILTER)
    return path or None


def ask_new_path(parent: QWidget | None, settings: QSettings) -> str | None:
    start = os.path.join(_start_dir(settings), f"Nouvel espace de travail{EXTENSION}")
    path, _ = QFileDialog.getSaveFileName(parent, "Nouvel espace de travail", start, FILE_FILTER)
    return _with_extension(path) if path else None


def ask_copy_path(parent: QWidget | None, settings: QSettings, current: Path) -> str | None:
    start = os.path.join(_start_dir(settings), f"{current.stem} (copie){EXTENSION}")
    path, _ = QFileDialog.getSaveFileName(parent, "Enregistrer une copie de l'espace de travail", start, FILE_FILTER)
    return _with_extension(path) if path else None


_open_boxes: set[QMessageBox] = set()  # a parentless box would be destroyed with its Python reference


def open_warning(parent: QWidget | None, text: str, title: str = "CRTE Desktop") -> QMessageBox:
    """A warning box that does not wait for the user (for code that must not block, e.g. callbacks)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    _open_boxes.add(box)
    box.finished.connect(lambda _result, b=box: (_open_boxes.discard(b), b.deleteLater()))
    box.open()
    return box


def show_error(parent: QWidget | None, text: str, title: str = "CRTE Desktop") -> None:
    """A warning box with the French reason (modal: the user reads it before going on)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()
