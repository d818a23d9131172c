"""Where exports go and what follows them: the last folder remembered per kind of export (convocation,
dossier de séance, classeur, graphique…), the Documents folder the first time, and « Ouvrir » /
« Ouvrir le dossier » after each export (links in a message line, or buttons in a message box)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

OPEN_FILE = "open-file"
OPEN_FOLDER = "open-folder"


def is_hidden_folder(path: str | Path) -> bool:
    """A folder the user does not see in the file manager: a dot folder, or the application's own data
    folder (where the demonstration lives)."""
    p = Path(path).resolve()
    if any(part.startswith(".") for part in p.parts[1:]):
        return True
    for location in (QStandardPaths.StandardLocation.AppDataLocation,
                     QStandardPaths.StandardLocation.AppLocalDataLocation,
                     QStandardPaths.StandardLocation.GenericDataLocation):
        found = QStandardPaths.writableLocation(location)
        if found and (p == Path(found).resolve() or Path(found).resolve() in p.parents):
            return True
    return False


def documents_dir() -> Path:
    """The user's Documents folder (never a hidden folder); the home folder when there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    if not path.is_dir() or is_hidden_folder(path):
        return Path.home()
    return path


def _key(kind: str) -> str:
    return f"exports/{kind}/last_dir"


def last_dir(settings: QSettings | None, kind: str) -> Path:
    """The folder of the last export of this kind, if it still exists; else the Documents folder."""
    value = settings.value(_key(kind), "") if settings is not None else ""
    return Path(str(value)) if value and os.path.isdir(str(value)) and not is_hidden_folder(str(value)) \
        else documents_dir()


def remember_dir(settings: QSettings | None, kind: str, path: str | Path) -> None:
    if settings is not None:
        settings.setValue(_key(kind), str(Path(path).parent))


def safe_name(name: str) -> str:
    """A file name without the characters some systems refuse ("/", ":"…)."""
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name).strip()


def ask_export_path(parent: QWidget | None, settings: QSettings | None, kind: str, title: str, default_name: str,
                    file_filter: str = "") -> str | None:
    """A save dialog in the last folder used for ``kind``, proposing ``default_name`` (whose suffix is added
    when the user leaves it out); the folder is remembered. None when cancelled."""
    suffix = Path(default_name).suffix
    start = last_dir(settings, kind) / safe_name(default_name)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if not path:
        return None
    if suffix and not path.lower().endswith(suffix.lower()):
        path += suffix
    remember_dir(settings, kind, path)
    return path


# -- after an export --------------------------------------------------------------------------------------
def open_file(path: str | Path) -> bool:
    """Open the file with the program the system associates with it; False when none could be started."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


def open_folder(path: str | Path) -> bool:
    """Open the folder holding ``path`` in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))


def open_links(text: str, path: str | Path) -> str:
    """``text`` followed by « Ouvrir · Ouvrir le dossier » links, as rich text for a QLabel."""
    from html import escape

    return (f"{escape(text)} — <a href='{OPEN_FILE}'>Ouvrir</a> · <a href='{OPEN_FOLDER}'>Ouvrir le dossier</a>")


def show_written(label: QLabel, text: str, path: str | Path) -> None:
    """A success line (green) in ``label`` with « Ouvrir » and « Ouvrir le dossier » for ``path``."""
    label.setStyleSheet("color: #1b5e20;")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(open_links(text, path))
    label.setProperty("written_path", str(path))
    if not label.property("open_links_connected"):
        label.setProperty("open_links_connected", True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.linkActivated.connect(lambda link, lbl=label: _follow(lbl, link))
    label.setVisible(True)


def _follow(label: QLabel, link: str) -> None:
    path = label.property("written_path")
    if not path:
        return
    ok = open_file(path) if link == OPEN_FILE else open_folder(path)
    if not ok:
        QMessageBox.warning(label.window(), "CRTE Desktop",
                            f"Aucun programme n'a pu ouvrir {'ce fichier' if link == OPEN_FILE else 'ce dossier'} "
                            f"sur cet ordinateur. Le fichier est ici : {path}")


def written_box(parent: QWidget | None, title: str, text: str, path: str | Path) -> QMessageBox:
    """A non-blocking message box saying what was written, with « Ouvrir », « Ouvrir le dossier » and
    « Fermer » buttons (returned open)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    open_button = box.addButton("Ouvrir", QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton("Ouvrir le dossier", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Fermer", QMessageBox.ButtonRole.RejectRole)
    open_button.clicked.connect(lambda: open_file(path))
    folder_button.clicked.connect(lambda: open_folder(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
