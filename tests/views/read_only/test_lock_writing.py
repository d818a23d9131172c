"""views/widgets/read_only.lock_writing on plain widgets: over a writable workspace it changes nothing; over a
read-only one fields turn read-only, buttons and choices disabled — and stay so when the screen enables them
again —, kept controls are left alone, and a cell choice added later is locked as it comes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTableWidget, QVBoxLayout, QWidget

from crte_desktop.views.widgets.read_only import lock_writing


def _panel():
    panel = QWidget()
    field, save, export, table = QLineEdit("texte"), QPushButton("Enregistrer"), QPushButton("Exporter…"), \
        QTableWidget(1, 1)
    save.setToolTip("Enregistrer (Ctrl+S)")
    layout = QVBoxLayout(panel)
    for w in (field, save, export, table):
        layout.addWidget(w)
    return panel, field, save, export, table


def test_a_writable_workspace_changes_nothing(qtbot, ctx):
    panel, field, save, export, table = _panel()
    qtbot.addWidget(panel)
    lock_writing(ctx.store, [panel], keep=[export])
    assert not field.isReadOnly() and save.isEnabled() and save.toolTip() == "Enregistrer (Ctrl+S)"


def test_a_read_only_workspace_locks_and_keeps_locked(qtbot, read_only):
    store = read_only.window.ctx.store
    panel, field, save, export, table = _panel()
    qtbot.addWidget(panel)
    panel.show()
    lock_writing(store, [panel], keep=[export])
    read_only.assert_locked(field, save)
    read_only.assert_available(export)
    save.setEnabled(True)  # the screen's own rule (something changed): the reason wins
    field.setReadOnly(False)
    save.setToolTip("Enregistrer (Ctrl+S)")
    read_only.assert_locked(field, save)
    assert save.toolTip().endswith("Enregistrer (Ctrl+S)")
    combo = QComboBox()
    table.setCellWidget(0, 0, combo)  # a row filled again
    qtbot.waitUntil(lambda: not combo.isEnabled())
    read_only.assert_locked(combo)
