"""Issue 9 in the window: a second window opens the workspace read-only with a banner naming who holds it
and « Ouvrir une copie »; a damaged file opens read-only with « Récupérer… »; Fichier → Versions
antérieures… lists the versions with their figures, compares one with today and restores a deleted action."""

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from crte_desktop.db import versions
from crte_desktop.db.store import Store
from crte_desktop.editing.actions import ActionService
from crte_desktop.views.shell.app import Shell
from crte_desktop.views.shell.workspace_banners import open_copy_at
from tests.views.shell_workspace import settings_at, write


@pytest.fixture
def shell(qapp, tmp_path):
    s = Shell(settings_at(tmp_path), data_dir=tmp_path / "donnees")
    yield s
    qapp.processEvents()
    s.close()
    qapp.processEvents()


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "valenciennois.crte"
    write(p)
    return p


def _banner_texts(window):
    return [b.text for b in window.banners()]


def test_second_window_is_read_only_with_the_holder_and_opens_a_copy(shell, path, tmp_path, digest):
    first = Store.open(path)  # the first window (or a colleague)
    try:
        before = digest(path)
        assert shell.open_path(path)
        window = shell.window
        assert shell.ctx.store.read_only
        [banner] = window.banners()
        assert "Lecture seule" in banner.text and first.user in banner.text and "depuis le" in banner.text
        assert "Ouvrir une copie" in banner.buttons
        assert "(lecture seule)" in window.windowTitle()
        assert not window.act_new_action.isEnabled() and not window.act_import_xlsx.isEnabled()
        assert digest(path) == before
        copy = tmp_path / "ma copie.crte"
        assert open_copy_at(window, shell.ctx.store, str(copy), shell.open_path)
        assert shell.ctx.store.path == copy and not shell.ctx.store.read_only
        assert _banner_texts(shell.window) == []
    finally:
        first.close()


def test_damaged_file_opens_read_only_with_recover(shell, path, tmp_path, qtbot, digest):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX financing_funder ON financing(year)'"
                 " WHERE name = 'financing_funder'")
    conn.commit()
    conn.close()
    before = digest(path)
    assert shell.open_path(path)
    window = shell.window
    [banner] = window.banners()
    assert "est endommagé" in banner.text and "Récupérer…" in banner.buttons
    assert digest(path) == before
    from crte_desktop.views.shell.workspace_banners import recover_into_copy

    target = tmp_path / "réparé.crte"
    assert recover_into_copy(window, path, shell.open_path, str(target))
    box = window.findChild(QMessageBox, "recovery_report")
    assert "Copie récupérée" in box.text()
    box.close()
    assert Store.open(target).close() is None


def test_versions_dialog_lists_compares_and_restores_a_deleted_action(shell, path, qtbot):
    assert shell.open_path(path)
    store = shell.ctx.store
    service = ActionService(store)
    victim = service.actions.all()[0]
    store.snapshot("manuel")
    service.delete(victim.id)
    from crte_desktop.views.versions.versions_dialog import VersionsDialog

    dialog = VersionsDialog(shell.ctx, shell.window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(versions.list_snapshots(path)) >= 1
    assert "actions" in dialog.table.item(0, 4).text()
    dialog.table.selectRow([s.reason for s in dialog.snapshots].index("manuel"))
    dialog.compare_selected()
    assert f"− {victim.reference} — {victim.title}" in dialog.details.toPlainText()
    assert dialog.restore_one_action(victim.id)
    assert service.actions.get(victim.id) is not None
    assert "restaurée" in dialog.details.toPlainText()
    dialog.grab().save(str(path.with_name("versions.png")))
