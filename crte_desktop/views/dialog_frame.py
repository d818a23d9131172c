"""Pieces shared by the windows that edit records beside the main window: the undo/redo shortcuts on the
workspace's undo stack, and a dialog of tabs over a Fermer button."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget


def add_undo_redo_actions(widget: QWidget, undo_stack: QUndoStack) -> tuple[QAction, QAction]:
    """Annuler (Ctrl+Z) and Rétablir (Ctrl+Y) on ``undo_stack``, added to ``widget``."""
    undo = undo_stack.createUndoAction(widget, "Annuler")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = undo_stack.createRedoAction(widget, "Rétablir")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    widget.addActions([undo, redo])
    return undo, redo


class TabbedDialog(QDialog):
    """Tabs (``self.tabs``, filled by the subclass) over a Fermer button, with undo and redo."""

    def __init__(self, ctx, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.tabs = QTabWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        add_undo_redo_actions(self, ctx.undo_stack)
