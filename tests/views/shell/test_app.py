import importlib
"""Starting the application and opening files: the file given, the last one, the demonstration on the
first start, the start screen otherwise; refused files keep their bytes and the user reads why."""

import os
import sqlite3

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from crte_desktop.views.shell import tasks
from crte_desktop.views.shell.app import FIRST_START_KEY, Shell, configure_application, light_palette
from crte_desktop.views.shell.file_actions import MAX_RECENT, RecentFilesMenu, add_recent, recent_files
from tests.views.shell_workspace import answer_message_box, settings_at, write


@pytest.fixture
def shell(qapp, tmp_path):
    s = Shell(settings_at(tmp_path), data_dir=tmp_path / "donnees")
    yield s
    qapp.processEvents()
    if s.window is not None:
        for form in s.window.open_forms():
            s.window._remove_tab(form)
    s.close()
    qapp.processEvents()


@pytest.fixture
def valenciennois(tmp_path):
    path = tmp_path / "valenciennois.crte"
    write(path)
    return path


def test_open_a_text_file_renamed_crte_shows_the_reason_and_keeps_the_file(shell, tmp_path, digest):
    bad = tmp_path / "notes.crte"
    bad.write_text("Compte rendu du COPIL du 12 mars\n", encoding="utf-8")
    before = digest(bad)
    seen = []
    answer_message_box("OK", seen)
    shell.start(str(bad))
    assert seen == ["« notes.crte » n'est pas un espace de travail CRTE Desktop."]
    assert digest(bad) == before
    assert shell.window is None
    assert shell.start_screen is not None and shell.start_screen.isVisible()
    assert recent_files(shell.settings) == []  # a refused file is not remembered


def test_open_a_newer_or_foreign_database_is_refused_unchanged(shell, tmp_path, digest):
    other = tmp_path / "autre.crte"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = digest(other)
    seen = []
    answer_message_box("OK", seen)
    assert not shell.open_path(other)
    assert "pas un espace de travail CRTE Desktop" in seen[0]
    assert digest(other) == before


def test_open_a_good_file_remembers_it(shell, valenciennois):
    assert shell.open_path(valenciennois)
    assert shell.window.isVisible()
    assert shell.window.windowTitle() == "valenciennois.crte"
    assert recent_files(shell.settings) == [str(valenciennois)]
    assert shell.window.actions_model.rowCount() == 6


def test_a_bad_file_while_a_workspace_is_open_keeps_the_workspace(shell, valenciennois, tmp_path, digest):
    shell.open_path(valenciennois)
    window = shell.window
    bad = tmp_path / "vide.crte"
    bad.write_bytes(b"")
    seen = []
    answer_message_box("OK", seen)
    assert not shell.open_path(bad)
    assert shell.window is window and window.isVisible()
    assert seen and "vide.crte" in seen[0]
    assert bad.read_bytes() == b""


def test_open_another_file_replaces_the_window(shell, valenciennois, tmp_path, qtbot):
    shell.open_path(valenciennois)
    first = shell.window
    other = tmp_path / "douaisis.crte"
    write(other)
    with qtbot.waitSignal(first.destroyed, timeout=2000):
        assert shell.open_path(other)
    assert shell.window.windowTitle() == "douaisis.crte"
    assert recent_files(shell.settings)[:2] == [str(other), str(valenciennois)]


def test_start_opens_the_last_file(shell, valenciennois):
    add_recent(shell.settings, valenciennois)
    shell.settings.setValue(FIRST_START_KEY, True)
    shell.start(None)
    assert shell.window is not None
    assert shell.ctx.store.path == valenciennois


def test_start_with_a_vanished_last_file_shows_the_start_screen(shell, tmp_path):
    add_recent(shell.settings, tmp_path / "parti.crte")
    shell.settings.setValue(FIRST_START_KEY, True)
    shell.start(None)
    assert shell.window is None
    screen = shell.start_screen
    assert screen.isVisible()
    assert screen.recent_list.count() == 1
    assert screen.recent_list.item(0).text() == f"parti.crte — {tmp_path}  (introuvable)"


def test_later_start_without_recent_file_shows_the_start_screen(shell):
    shell.settings.setValue(FIRST_START_KEY, True)
    shell.start(None)
    screen = shell.start_screen
    assert screen.isVisible() and shell.window is None
    assert [b.text() for b in (screen.demo_button, screen.new_button, screen.open_button)] == [
        "Ouvrir la démonstration", "Nouvel espace de travail…", "Ouvrir…"]
    assert screen.empty_label.isVisible()


def test_start_screen_recent_file_opens(shell, valenciennois, qtbot):
    add_recent(shell.settings, valenciennois)
    shell.settings.setValue(FIRST_START_KEY, True)
    os.rename(valenciennois, valenciennois.with_suffix(".bak"))
    shell.start(None)  # the last file is missing: start screen
    os.rename(valenciennois.with_suffix(".bak"), valenciennois)
    shell.start_screen.refresh()
    item = shell.start_screen.recent_list.item(0)
    shell.start_screen.recent_list.itemActivated.emit(item)
    assert shell.window is not None and shell.start_screen is None


def test_first_start_shows_the_start_screen_that_says_what_the_demo_is(shell, qtbot):
    importlib.import_module("crte_desktop.demo.builder")
    shell.start(None)
    screen = shell.start_screen
    assert screen is not None and screen.isVisible() and shell.window is None
    assert "espace de travail d'exemple, séparé du vôtre" in screen.demo_label.text()
    assert "Valenciennois" in screen.demo_label.text()
    assert shell.settings.value(FIRST_START_KEY, type=bool)
    screen.demo_button.click()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20000)
    assert shell.ctx.store.path == shell.demo_path and shell.demo_path.exists()
    assert shell.window.actions_model.rowCount() > 10
    banner = shell.window.demo_banner
    assert banner.isVisible() and "Démonstration" in banner.findChild(QLabel).text()
    assert shell.window.windowTitle().endswith("(démonstration)")
    qtbot.waitUntil(lambda: tasks.running_count() == 0, timeout=5000)


def test_the_demo_is_never_silently_reopened(shell, qtbot, valenciennois):
    importlib.import_module("crte_desktop.demo.builder")
    shell.settings.setValue(FIRST_START_KEY, True)
    shell.open_demo()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20000)
    assert not any(shell.is_demo(p) for p in recent_files(shell.settings))
    shell.close()
    shell.start(None)  # the next day: the start screen, not the demo
    assert shell.window is None and shell.start_screen.isVisible()
    shell.open_path(valenciennois)
    shell.close()
    shell.settings.setValue("recent_files", [str(shell.demo_path), str(valenciennois)])  # an older version's list
    shell.start(None)
    assert shell.ctx.store.path == valenciennois  # the secretary's file, not the demo listed first
    assert not hasattr(shell.window, "demo_banner")


def test_new_proposes_the_documents_folder_never_a_hidden_one(shell, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from crte_desktop.views.widgets.export_files import documents_dir, is_hidden_folder

    hidden = tmp_path / ".local" / "share" / "CRTE Desktop"
    hidden.mkdir(parents=True)
    shell.settings.setValue("last_directory", str(hidden))  # left by an older version after the demo
    proposed = []

    def fake_dialog(parent, title, start, filters):  # the native dialog cannot run headless
        proposed.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    shell.ask_new()
    assert os.path.dirname(proposed[0]) == str(documents_dir())
    assert not is_hidden_folder(documents_dir()) and is_hidden_folder(hidden)


def test_create_a_new_empty_workspace(shell, tmp_path):
    path = tmp_path / "nouveau.crte"
    assert shell.create_workspace(path)
    assert path.exists()
    assert shell.window.navigation.topLevelItem(0).text(0) == "Aucun contrat"
    seen = []
    answer_message_box("OK", seen)
    assert not shell.create_workspace(path)  # the open one
    assert "autre nom" in seen[0]


def test_recent_files_are_deduplicated_and_limited(tmp_path):
    settings = settings_at(tmp_path)
    for i in range(10):
        add_recent(settings, tmp_path / f"f{i}.crte")
    add_recent(settings, tmp_path / "f3.crte")
    files = recent_files(settings)
    assert len(files) == MAX_RECENT
    assert files[0] == str(tmp_path / "f3.crte") and files.count(str(tmp_path / "f3.crte")) == 1


def test_recent_menu_lists_the_files(qapp, tmp_path, valenciennois):
    settings = settings_at(tmp_path)
    add_recent(settings, tmp_path / "absent.crte")
    add_recent(settings, valenciennois)
    menu = RecentFilesMenu(settings)
    menu.rebuild()
    actions = [a for a in menu.actions() if a.text()]
    assert actions[0].text().startswith("&1  valenciennois.crte — ") and actions[0].isEnabled()
    assert actions[1].text().endswith("(introuvable)") and not actions[1].isEnabled()
    opened = []
    menu.open_path.connect(opened.append)
    actions[0].trigger()
    assert opened == [str(valenciennois)]
    actions[-1].trigger()  # "Effacer la liste"
    assert recent_files(settings) == []


def test_configure_application_is_french_fusion_light(qapp):
    configure_application(qapp)
    # no organisation name: settings and data live in crte_desktop.paths' single folders
    assert qapp.applicationName() == "CRTE Desktop" and qapp.organizationName() == ""
    assert qapp.style().name().lower() == "fusion"
    assert QLocale().language() == QLocale.Language.French
    assert qapp.palette().color(qapp.palette().ColorRole.Base) == light_palette().color(light_palette().ColorRole.Base)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_run_gui_opens_the_file_and_returns_when_closed(qapp, tmp_path, valenciennois, monkeypatch):

    from crte_desktop.views.shell import app

    monkeypatch.setattr(app, "default_settings", lambda: settings_at(tmp_path))
    monkeypatch.setenv("CRTE_DESKTOP_HOME", str(tmp_path / "profil"))
    seen = {}

    def close_it():
        window = QApplication.activeWindow() or next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle().endswith(".crte")), None)
        seen["title"] = window.windowTitle() if window else None
        if window is not None:
            window.close()
        else:
            qapp.quit()

    QTimer.singleShot(300, close_it)
    assert app.run_gui(str(valenciennois)) == 0
    assert seen["title"] == "valenciennois.crte"


def test_demo_that_cannot_be_written_says_why_and_shows_the_start_screen(qapp, qtbot, tmp_path):
    importlib.import_module("crte_desktop.demo.builder")
    blocker = tmp_path / "pas_un_dossier"
    blocker.write_text("x")
    shell = Shell(settings_at(tmp_path), data_dir=blocker)  # the data folder is a file: writing fails
    seen = []
    answer_message_box("OK", seen, tries=1000)
    shell.open_demo()
    qtbot.waitUntil(lambda: shell.start_screen is not None, timeout=20000)
    assert "La démonstration n'a pas pu être préparée" in seen[0]
    assert shell.window is None
    shell.close()


def test_an_uncaught_error_is_told_to_the_user(qapp, qtbot, monkeypatch):
    import sys

    from crte_desktop.domain.errors import DomainError
    from crte_desktop.views.shell.app import install_excepthook

    printed = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: printed.append(args[0]))
    install_excepthook()
    sys.excepthook(KeyError, KeyError("section"), None)
    sys.excepthook(DomainError, DomainError("Cette action n'existe plus."), None)
    for _ in range(500):  # a damaged file raising on every row: still one box (issue 9)
        sys.excepthook(sqlite3.DatabaseError, sqlite3.DatabaseError("database disk image is malformed"), None)
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")]
    assert len(boxes) == 1
    assert boxes[0].text().startswith("Une erreur inattendue s'est produite (KeyError")
    assert boxes[0].informativeText() == "Et 501 autres erreurs depuis ce message."
    assert printed[:2] == [KeyError, DomainError]  # still printed for the record
    for b in boxes:
        b.close()
    qapp.processEvents()
    sys.excepthook(sqlite3.DatabaseError, sqlite3.DatabaseError("database disk image is malformed"), None)
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")]
    assert len(boxes) == 1 and "est endommagé" in boxes[0].text() and "malformed" not in boxes[0].text()
    boxes[0].close()
    for b in boxes:
        b.close()
