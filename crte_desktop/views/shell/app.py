"""Starting the application: the QApplication (French, Fusion style, light palette), then the file to
open — the one given, else the secretary's last one (never the demonstration), else the start screen,
which says what the demonstration is. A file that cannot be opened is never modified: its French reason is shown and
the start screen comes instead."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from crte_desktop import logs, paths
from crte_desktop.db.errors import STORAGE_ERRORS, WorkspaceError, translate
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural
from crte_desktop.reports.fonts import ensure_fonts
from crte_desktop.resources import ICON_SIZES, icon_bytes
from crte_desktop.views.shell import qt_french, tasks
from crte_desktop.views.shell.context import AppContext
from crte_desktop.views.shell.demo_banner import show_demo_banner
from crte_desktop.views.shell.file_actions import (add_recent, ask_new_path, ask_open_path, open_warning, recent_files,
                                             show_error)
from crte_desktop.views.shell.main_window import MainWindow, bring_to_front
from crte_desktop.views.shell.workspace_banners import banners_for, open_for_window

APP_NAME = paths.APP_NAME
FIRST_START_KEY = "first_start_done"
DEMO_FILE = "demo.crte"


def light_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: "#f3f4f6", role.WindowText: "#1f2328", role.Base: "#ffffff", role.AlternateBase: "#f6f8fa",
        role.ToolTipBase: "#ffffdc", role.ToolTipText: "#1f2328", role.PlaceholderText: "#6e7781",
        role.Text: "#1f2328", role.Button: "#eceef1", role.ButtonText: "#1f2328", role.BrightText: "#ffffff",
        role.Light: "#ffffff", role.Midlight: "#e6e8eb", role.Mid: "#c4c8cd", role.Dark: "#a0a5ab",
        role.Shadow: "#6e7781", role.Highlight: "#2f6fb3", role.HighlightedText: "#ffffff",
        role.Link: "#1f5fa8", role.LinkVisited: "#6f42c1",
    }
    for r, c in colors.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#8c959f"))
    p.setColor(group.Disabled, role.Base, QColor("#f3f4f6"))
    p.setColor(group.Inactive, role.Highlight, QColor("#cfe0f3"))
    p.setColor(group.Inactive, role.HighlightedText, QColor("#1f2328"))
    return p


def app_icon() -> QIcon:
    """The application icon (package data, every size), for the windows and the task bar."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(icon_bytes(size), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def configure_application(app: QApplication) -> None:
    """Names, icon, fonts, French locale and Qt's own French texts, Fusion style, light palette.

    No organisation name: the settings and data folders come from ``paths`` (one folder, never
    ``CRTE Desktop/CRTE Desktop``)."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(paths.APP_ID)  # Wayland/X11: the window belongs to crte-desktop.desktop (its icon)
    app.setWindowIcon(app_icon())
    ensure_fonts(app)
    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    QLocale.setDefault(french)
    if not getattr(app, "_crte_translator", None):
        translator = QTranslator(app)
        if translator.load(french, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
            app._crte_translator = translator  # kept alive with the application
            app._crte_missing_french = qt_french.install(app)  # the texts qtbase_fr lacks ("Look in:"…)
    if "fusion" in [k.lower() for k in QStyleFactory.keys()]:  # noqa: SIM118 - a Qt list, not a dict
        app.setStyle("Fusion")
    app.setPalette(light_palette())


def default_data_dir() -> Path:
    return paths.data_dir()


def default_settings() -> QSettings:
    """The user's settings file (``paths.settings_file``), INI format on every system."""
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


class Shell(QObject):
    """Which workspace is open, in which window; the start screen when none is."""

    def __init__(self, settings: QSettings | None = None, data_dir: Path | None = None):
        super().__init__()
        self.settings = settings or default_settings()
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.ctx = None
        self.window = None
        self.start_screen = None
        self.demo_op = None

    @property
    def demo_path(self) -> Path:
        return self.data_dir / DEMO_FILE

    def is_demo(self, path: str | os.PathLike) -> bool:
        return os.path.abspath(os.fspath(path)) == os.path.abspath(self.demo_path)

    # -- starting -------------------------------------------------------------------------------------
    def start(self, path: str | None) -> None:
        first_start = not self.settings.value(FIRST_START_KEY, False, type=bool)
        self.settings.setValue(FIRST_START_KEY, True)
        if path:
            if not self.open_path(path):
                self.show_start_screen()
            return
        # the secretary's last workspace; the demonstration is never reopened as if it were theirs
        last = next((p for p in recent_files(self.settings) if not self.is_demo(p)), None)
        if last and os.path.exists(last):
            if not self.open_path(last):
                self.show_start_screen()
            return
        self.show_start_screen()  # on the first start too: it says what the demonstration is
        if first_start and self.start_screen is not None:
            self.start_screen.new_button.setDefault(True)

    def show_start_screen(self) -> None:
        from crte_desktop.views.shell.start_screen import StartScreen

        if self.start_screen is None:
            self.start_screen = StartScreen(self.settings)
            self.start_screen.demo_requested.connect(self.open_demo)
            self.start_screen.new_requested.connect(lambda: self.ask_new(self.start_screen))
            self.start_screen.open_requested.connect(lambda: self.ask_open(self.start_screen))
            self.start_screen.open_path_requested.connect(self.open_path)
        self.start_screen.refresh()
        bring_to_front(self.start_screen)

    def _hide_start_screen(self) -> None:
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen.deleteLater()
            self.start_screen = None

    def _dialog_parent(self) -> QWidget | None:
        return self.window or self.start_screen

    # -- opening ------------------------------------------------------------------------------------
    def open_path(self, path: str | os.PathLike) -> bool:
        """Open the workspace at ``path`` in the window. On refusal, say why and change nothing."""
        path = os.path.abspath(os.fspath(path))
        if self.ctx is not None and os.path.abspath(self.ctx.store.path) == path:
            bring_to_front(self.window)
            return True
        try:
            store = open_for_window(path, self._dialog_parent())  # read-only when it cannot be written
        except (WorkspaceError, DomainError) as exc:
            show_error(self._dialog_parent(), str(exc), "Ouverture impossible")
            return False
        except Exception as exc:  # noqa: BLE001 - never crash on a bad file
            show_error(self._dialog_parent(), f"« {Path(path).name} » n'a pas pu être ouvert : {exc}",
                       "Ouverture impossible")
            return False
        return self._show_store(store)

    def create_workspace(self, path: str | os.PathLike) -> bool:
        """A new empty workspace at ``path`` (replacing a file the user agreed to overwrite)."""
        path = os.path.abspath(os.fspath(path))
        if self.ctx is not None and os.path.abspath(self.ctx.store.path) == path:
            show_error(self._dialog_parent(), "C'est l'espace de travail ouvert : choisissez un autre nom.")
            return False
        try:
            store = Store.create(path, overwrite=True)
        except (DomainError, OSError) as exc:
            show_error(self._dialog_parent(), f"L'espace de travail n'a pas pu être créé : {exc}")
            return False
        return self._show_store(store)

    def _show_store(self, store: Store) -> bool:
        if self.window is not None and not self.window.may_close():
            store.close()
            return False
        old_window, old_ctx = self.window, self.ctx
        self.ctx = AppContext.create(store, self.settings)
        self.window = MainWindow(self.ctx)
        self.window.open_path_requested.connect(self.open_path)
        self.window.new_workspace_requested.connect(self.create_workspace)
        self.window.demo_requested.connect(self.open_demo)
        self.window.window_closed.connect(self._window_closed)
        if self.is_demo(store.path):  # said on screen, and kept out of the recent files
            show_demo_banner(self.window, lambda: self.ask_new(self.window))
        else:
            add_recent(self.settings, store.path)
        self.window.show()
        self._hide_start_screen()
        if old_window is not None:
            old_window.window_closed.disconnect(self._window_closed)
            old_window._save_layout()
            old_window.hide()
            old_window.deleteLater()
            old_ctx.close()
        for banner in banners_for(store, self.window, self.open_path):
            self.window.add_banner(banner)
        return True

    def _window_closed(self) -> None:
        window, ctx = self.window, self.ctx
        self.window = self.ctx = None
        if window is not None:
            window.deleteLater()
        if ctx is not None:
            ctx.close()

    def ask_open(self, parent: QWidget | None = None) -> None:
        path = ask_open_path(parent or self._dialog_parent(), self.settings)
        if path:
            self.open_path(path)

    def ask_new(self, parent: QWidget | None = None) -> None:
        path = ask_new_path(parent or self._dialog_parent(), self.settings)
        if path:
            self.create_workspace(path)

    # -- the demonstration ------------------------------------------------------------------------------
    def open_demo(self) -> None:
        """Open the demo workspace, writing it first (off the GUI thread) when it does not exist yet."""
        if self.demo_path.exists():
            if not self.open_path(self.demo_path) and self.window is None:
                self.show_start_screen()
            return
        if self.demo_op is not None and self.demo_op.is_running:
            return
        try:
            from crte_desktop.demo.builder import write_demo
        except Exception as exc:  # noqa: BLE001
            show_error(self._dialog_parent(), f"La démonstration n'est pas disponible dans cette version ({exc}).")
            if self.window is None:
                self.show_start_screen()
            return
        target = self.demo_path

        def work(control):
            return write_demo(target)  # atomic: the demo appears whole or not at all

        def failed(exc: BaseException) -> None:
            show_error(self._dialog_parent(), f"La démonstration n'a pas pu être préparée : {exc}")
            if self.window is None:
                self.show_start_screen()

        self.demo_op = tasks.ReadOp(self._dialog_parent(), work, self._demo_written).failure(failed)
        self.demo_op.with_progress("Préparation de l'espace de démonstration…", cancellable=False)
        self.demo_op.run_in_background()

    def _demo_written(self, path: Path) -> None:
        if not self.open_path(path) and self.window is None:
            self.show_start_screen()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        self._hide_start_screen()


def install_excepthook() -> None:
    """An error nobody caught is logged and told to the user instead of passing unnoticed — in French (an
    SQLite error is translated), and in one box at a time: while it is open, further errors are only
    counted in it (a damaged file once raised hundreds of them)."""
    previous = sys.excepthook
    state: dict = {"box": None, "more": 0}

    def hook(kind, value, tb) -> None:
        previous(kind, value, tb)
        if QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
            return
        if not isinstance(value, DomainError):
            logs.log.error("Uncaught error", exc_info=(kind, value, tb))
        if isinstance(value, DomainError):
            text = str(value)
        elif isinstance(value, STORAGE_ERRORS) and not isinstance(value, OSError):
            text = str(translate(value))
        else:
            text = (f"Une erreur inattendue s'est produite ({kind.__name__} : {value}).\n"
                    "Si cela se reproduit, notez ce que vous faisiez pour le signaler.")
        box = state["box"]
        try:
            still_open = box is not None and box.isVisible()
        except RuntimeError:  # closed and deleted
            still_open = False
        if still_open:
            state["more"] += 1
            box.setInformativeText(f"Et {plural(state['more'], 'autre erreur')} depuis ce message.")
            return
        state["more"] = 0
        state["box"] = open_warning(QApplication.activeWindow(), text)

    sys.excepthook = hook


def run_gui(path: str | None) -> int:
    """The GUI entry point (``crte-desktop [FILE]``)."""
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    with contextlib.suppress(OSError):  # a data folder that cannot be written must not stop the application
        logs.start_logging()
    install_excepthook()
    shell = Shell()
    shell.start(path)
    code = app.exec()
    tasks.wait_for_writes()
    if shell.ctx is not None:
        shell.ctx.close()
    return code
