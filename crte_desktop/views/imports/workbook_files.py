"""Where the workbooks go: the folder last used (remembered in the settings) and the file name filter."""

from __future__ import annotations

from pathlib import Path

LAST_DIR_KEY = "excel/last_dir"
XLSX_FILTER = "Classeur Excel (*.xlsx)"


def safe_name(name: str) -> str:
    """``name`` without the characters a file name cannot hold on Windows."""
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name).strip()


def start_dir(settings) -> Path:
    return Path(str(settings.value(LAST_DIR_KEY, "") or Path.home()))
