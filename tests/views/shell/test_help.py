"""Aide ▸ Guide de la journée (F1): a short French guide, shipped inside the package, opens beside the window."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crte_desktop.views.shell.help_dialog import GUIDE, HelpDialog
from tests.views.shell_workspace import main_window, small  # noqa: F401 - fixtures


def test_the_guide_is_package_data():
    guide = resources.files("crte_desktop").joinpath(*GUIDE)
    assert guide.is_file()
    text = guide.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text
    for task in ("Nouveau", "Plan de financement", "Ctrl+K", "Dossier de séance", "Compte rendu", "Ouvrir le dossier"):
        assert task in text


def test_f1_opens_the_guide_from_the_aide_menu(qtbot, main_window):  # noqa: F811
    window, _ctx, _info = main_window
    aide = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Aide")
    assert [a.text().replace("&", "") for a in aide.actions() if a.text()] == ["Guide de la journée",
                                                                             "À propos de CRTE Desktop"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window.actions_page.table, Qt.Key.Key_F1)
    dialog = window._windows.get("guide")
    assert isinstance(dialog, HelpDialog) and dialog.isVisible() and not dialog.isModal()
    text = dialog.browser.toPlainText()
    assert text.startswith("CRTE Desktop en une journée") and "Préparer un comité" in text
    dialog.close()
