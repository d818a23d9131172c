"""Where the application keeps its own files, without Qt: one folder per kind, never doubled.

- settings: ``settings_file()`` — an INI file (QSettings reads it in IniFormat), the same format everywhere;
- data (the demo workspace written at first start, the log file): ``data_dir()``.

Windows: ``%APPDATA%\\CRTE Desktop\\`` (settings, roams with the profile) and ``%LOCALAPPDATA%\\CRTE Desktop\\``
(data); macOS: ``~/Library/Preferences/CRTE Desktop/`` and ``~/Library/Application Support/CRTE Desktop/``;
Linux and other Unix: ``$XDG_CONFIG_HOME/crte-desktop/`` and ``$XDG_DATA_HOME/crte-desktop/`` (by default
``~/.config`` and ``~/.local/share``). ``CRTE_DESKTOP_HOME`` puts both in one folder (tests, portable use).
The workspaces themselves (``.crte``) live wherever the user saves them; nothing here ever touches them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CRTE Desktop"  # shown to the user; the Windows and macOS folder name
APP_ID = "crte-desktop"  # the Unix folder name, executable, .desktop and MIME names
SETTINGS_FILE = "reglages.ini"


def _base(kind: str) -> Path:
    home = os.environ.get("CRTE_DESKTOP_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        variable = "APPDATA" if kind == "config" else "LOCALAPPDATA"
        root = os.environ.get(variable) or str(Path.home() / "AppData" / ("Roaming" if kind == "config" else "Local"))
        return Path(root) / APP_NAME
    if sys.platform == "darwin":
        sub = "Preferences" if kind == "config" else "Application Support"
        return Path.home() / "Library" / sub / APP_NAME
    variable, default = (("XDG_CONFIG_HOME", ".config") if kind == "config" else ("XDG_DATA_HOME", ".local/share"))
    root = os.environ.get(variable)
    return (Path(root) if root and os.path.isabs(root) else Path.home() / default) / APP_ID


def config_dir() -> Path:
    """The folder of the settings file (not created here)."""
    return _base("config")


def settings_file() -> Path:
    """The settings (recent files, window layouts, first start…), an INI file."""
    return config_dir() / SETTINGS_FILE


def data_dir() -> Path:
    """The application's own data: the demo workspace, the log file (not created here)."""
    return _base("data")
