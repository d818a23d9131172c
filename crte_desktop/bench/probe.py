"""The measured scenarios, run in a fresh process by ``bench`` (``python -m crte_desktop.bench.probe``) so
that the timings and the peak memory are those of a user opening the file.

Prints one JSON object on its last line of output: seconds for each scenario, peak memory in kB,
and ``gui_skipped`` with the reason when the main window could not be measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

FILTER_WORD = "avenue"  # typed one key at a time: "a", "av", "ave"…
WINDOW_TIMEOUT_S = 30.0


def measure_window(path: Path, result: dict) -> None:
    """Open the file and show the main window until the actions table has its first rows; then type
    the filter one key at a time."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start_imports = time.perf_counter()
    try:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from crte_desktop.views.shell.context import AppContext
        from crte_desktop.views.shell.main_window import MainWindow
    except ImportError as exc:
        result["gui_skipped"] = f"fenêtre principale indisponible ({exc})"
        return
    from crte_desktop.db.store import Store

    app = QApplication.instance() or QApplication(["crte-desktop-bench"])
    result["imports_s"] = time.perf_counter() - start_imports
    with tempfile.TemporaryDirectory() as settings_dir:  # never touch the user's own settings
        settings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
        start = time.perf_counter()
        store = Store.open(path)
        ctx = AppContext.create(store, settings=settings)
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        model = window.actions_model
        deadline = start + WINDOW_TIMEOUT_S
        while time.perf_counter() < deadline:
            app.processEvents()
            if model.rowCount() > 0 and model.data(model.index(0, 0)):
                break
        app.processEvents()
        result["window_s"] = time.perf_counter() - start
        result["window_rows"] = model.rowCount()

        timings = []
        for length in range(1, len(FILTER_WORD) + 1):
            t = time.perf_counter()
            window.apply_filter_now(FILTER_WORD[:length])
            app.processEvents()  # the table repaints and fetches its first rows
            timings.append(time.perf_counter() - t)
        result["filter_s"] = timings
        result["filter_rows"] = model.rowCount()
        window.close()
        app.processEvents()
        ctx.close()


def measure_preview_fill(preview, result: dict) -> None:
    """The first import's preview table (views/imports) filled with ``preview``, already computed: from the
    preview being ready to the table painted, offscreen, as the dialog does it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from crte_desktop.views.imports.first_import_tables import PreviewTable
    except ImportError as exc:
        result["fill_skipped"] = f"tableau indisponible ({exc})"
        return
    app = QApplication.instance() or QApplication(["crte-desktop-bench"])
    table = PreviewTable()
    table.resize(1300, 600)
    table.show()
    app.processEvents()
    start = time.perf_counter()
    table.load(preview)
    app.processEvents()
    result["fill_s"] = time.perf_counter() - start
    result["fill_rows"] = table.model().rowCount()
    table.close()


def measure_summary(path: Path, result: dict) -> None:
    from crte_desktop.db.store import Store
    from crte_desktop.summary.report import summary_lines

    start = time.perf_counter()
    with Store.open_read_only(path) as store:
        summary_lines(store)
    result["summary_s"] = time.perf_counter() - start


def measure_dashboard(path: Path, result: dict) -> None:
    """The dashboard of each contract, unfiltered (what the page computes on every refresh)."""
    from datetime import date

    from crte_desktop.dashboard.compute import compute_dashboard
    from crte_desktop.dashboard.model import DashboardFilter
    from crte_desktop.db.repos.contract import ContractRepository
    from crte_desktop.db.store import Store

    timings = []
    with Store.open_read_only(path) as store:
        for contract in ContractRepository(store).contracts():
            start = time.perf_counter()
            compute_dashboard(store, DashboardFilter(contract.id), date.today())
            timings.append(time.perf_counter() - start)
    result["dashboard_s"] = timings


def measure_check(path: Path, result: dict) -> None:
    from crte_desktop.check.report import check_workspace

    start = time.perf_counter()
    report = check_workspace(path)
    result["check_s"] = time.perf_counter() - start
    result["check_errors"] = len(report.errors)


def peak_memory_kb() -> int | None:
    """Peak resident memory of this process in kB; None where the platform does not say (``resource`` is
    Unix-only: on Windows the Win32 call is used)."""
    try:
        import resource
    except ImportError:
        return _windows_peak_kb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, kB on Linux


def _windows_peak_kb() -> int | None:
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
                (name, ctypes.c_size_t) for name in (
                    "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage", "QuotaPagedPoolUsage",
                    "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return None
        return counters.PeakWorkingSetSize // 1024
    except (AttributeError, OSError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crte_desktop.bench.probe")
    parser.add_argument("file")
    parser.add_argument("--no-gui", action="store_true")
    args = parser.parse_args(argv)
    path = Path(args.file)
    result: dict = {}
    if not args.no_gui:
        measure_window(path, result)
    measure_summary(path, result)
    measure_dashboard(path, result)
    # the peak memory is the user's: window and summary, not the check run last for information
    result["maxrss_kb"] = peak_memory_kb()
    measure_check(path, result)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
