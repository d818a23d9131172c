"""Render the main screens to docs/screenshots/*.png so that a person can look at them.

    xvfb-run -a -s "-screen 0 1366x800x24" .venv/bin/python scripts/screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR]

Uses the demonstration workspace (written to a temporary folder; the user's files and settings are
not touched). A screen whose window is not available in this version is skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1366, 768)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, condition, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return False


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def build_workspace(folder: Path) -> Path:
    path = folder / "demonstration.crte"
    try:
        from crte_desktop.demo.builder import write_demo
    except ImportError:
        from tests.views.shell_workspace import write

        write(path)
        print("  (demo builder missing: small test workspace used)")
        return path
    write_demo(path)
    return path


def first_action_with_financing(ctx) -> int | None:
    from crte_desktop.db.queries import action_table as q

    ids = ctx.workspace.tables.ids(q.ActionFilter(), "financed", descending=True)
    return ids[0] if ids else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from crte_desktop.db.store import Store
    from crte_desktop.views.shell.app import configure_application
    from crte_desktop.views.shell.context import AppContext
    from crte_desktop.views.shell.file_actions import add_recent
    from crte_desktop.views.shell.main_window import MainWindow
    from crte_desktop.views.shell.start_screen import StartScreen

    configure_application(app)
    tmp = Path(tempfile.mkdtemp(prefix="crte-screens-"))
    settings = QSettings(str(tmp / "reglages.ini"), QSettings.Format.IniFormat)
    print(f"Écrans rendus dans {out} (plate-forme Qt : {app.platformName()})")
    skipped: list[str] = []

    workspace = build_workspace(tmp)
    add_recent(settings, tmp / "CRTE Douaisis 2023.crte")  # a file that has since moved away
    add_recent(settings, workspace)
    start = StartScreen(settings)
    start.show()
    settle(app)
    save(start, out, "start_screen")
    start.close()

    ctx = AppContext.create(Store.open(workspace), settings)
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    settle(app, 0.5)
    save(window, out, "main_window")

    contract_item = window.navigation._first_contract_item()
    if contract_item is not None:
        first_section = contract_item.child(0)
        window.navigation.setCurrentItem(first_section or contract_item)
        if first_section is not None:
            first_section.setExpanded(True)
    settle(app)
    save(window, out, "main_window_section")
    window.apply_filter_now("renov")
    settle(app)
    save(window, out, "main_window_filter")
    window.apply_filter_now("")

    def shoot(name: str, make) -> QWidget | None:
        try:
            widget = make()
        except Exception:  # noqa: BLE001 - a broken screen must not stop the others
            skipped.append(f"{name} : {traceback.format_exc(limit=1).strip().splitlines()[-1]}")
            return None
        if widget is None:
            skipped.append(f"{name} : fenêtre non disponible")
        return widget

    action_id = first_action_with_financing(ctx)
    form = shoot("fiche action", lambda: window.open_action(action_id) if action_id else None)
    if form is not None:
        settle(app, 0.4)
        tabs = getattr(form, "tabs", None)
        names = ["general", "financing", "indicators", "assessment", "history"]
        for i in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(i)
            settle(app, 0.2)
            save(window, out, f"action_form_{names[i] if i < len(names) else i}")
        window._remove_tab(form)

    contract = shoot("contrat", lambda: window.open_window("contract"))
    if contract is not None:
        settle(app, 0.3)
        save(window, out, "contract_form")
        window._remove_tab(contract)

    dashboard = shoot("tableau de bord", lambda: window.open_window("dashboard"))
    if dashboard is not None:
        wait_for(app, lambda: getattr(dashboard, "dashboard", True) is not None, 20)
        settle(app, 0.8)
        tabs = getattr(dashboard, "tabs", None)
        for i in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(i)
            settle(app, 0.4)
            save(window, out, f"dashboard_{i + 1}")
        window._remove_tab(dashboard)

    meetings = shoot("séances", lambda: window.open_window("meetings"))
    if meetings is not None:
        settle(app, 0.4)
        if meetings.meetings.rowCount():
            meetings.meetings.selectRow(0)
        for i, name in enumerate(("meeting", "agenda", "attendance", "minutes")):
            meetings.meeting_tabs.setCurrentIndex(i)
            settle(app, 0.3)
            save(window, out, f"meetings_{name}")
        meetings.tabs.setCurrentIndex(1)
        settle(app, 0.3)
        save(window, out, "meetings_registers")
        window._remove_tab(meetings)

    for name, kind, file in (("annuaire", "directory", "directory"), ("données de référence", "reference", "reference_data")):
        dialog = shoot(name, lambda kind=kind: window.open_window(kind))
        if dialog is not None:
            dialog.resize(1100, 680)
            settle(app, 0.4)
            save(dialog, out, file)
            dialog.close()

    search = shoot("rechercher partout", window.open_search)
    if search is not None:
        search.field.setText("friche")
        search.run_search()
        settle(app, 0.3)
        save(search, out, "global_search")
        search.close()
    guide = shoot("guide", window.open_guide)
    if guide is not None:
        settle(app, 0.3)
        save(guide, out, "guide")
        guide.close()

    window.ctx.undo_stack.clear()
    window.close()
    settle(app)
    ctx.close()
    for note in skipped:
        print(f"  ignoré — {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
