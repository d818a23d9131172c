"""A second window on the demo: the shell opens it read-only while a first Store holds it (a colleague, or
the same secretary's other window); the file is the same byte for byte when the test ends."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

from crte_desktop.db.store import Store
from crte_desktop.views.shell.app import Shell
from crte_desktop.views.shell.main_window import MainWindow
from tests.cli.conftest import demo_master  # noqa: F401 - fixture
from tests.views.shell_workspace import settings_at


@dataclass
class ReadOnlyWindow:
    window: MainWindow
    holder: str  # who writes the file: named in every reason

    def assert_locked(self, *controls) -> None:
        """Each control shows without writing (a text field read-only, anything else disabled) and says why."""
        for control in controls:
            name = getattr(control, "text", lambda: "")() or type(control).__name__
            if isinstance(control, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
                assert control.isReadOnly(), name
            else:
                assert not control.isEnabled(), name
            tip = control.toolTip()
            assert tip.startswith("Lecture seule") and self.holder in tip, (name, tip)

    @staticmethod
    def assert_available(*controls) -> None:
        for control in controls:
            assert control.isEnabled(), getattr(control, "text", lambda: "")()
            assert not control.toolTip().startswith("Lecture seule")


@pytest.fixture
def read_only(qapp, demo_master, tmp_path, digest):  # noqa: F811
    path = shutil.copy2(demo_master, tmp_path / "demo.crte")
    first = Store.open(path)
    shell = Shell(settings_at(tmp_path), data_dir=tmp_path / "donnees")
    try:
        assert shell.open_path(path) and shell.ctx.store.read_only
        before = digest(path)
        shell.window.resize(1366, 740)
        shell.window.show()
        yield ReadOnlyWindow(shell.window, first.user)
        qapp.processEvents()
        assert digest(path) == before
    finally:
        qapp.processEvents()
        shell.close()
        qapp.processEvents()
        first.close()
