"""Pieces shared by the windows that edit records beside the main window: the undo/redo shortcuts on the
workspace's undo stack, a dialog of tabs over a Fermer button, and a form dialog with OK / Annuler."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from crte_desktop.views.widgets.form_feedback import message_label


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


def lay_out_form_dialog(dialog: QDialog, form: QFormLayout) -> tuple[QLabel, QDialogButtonBox]:
    """Lay ``dialog`` out: ``form``, a message line (``form_feedback.message_label``) and OK / Annuler wired to
    accept / reject. Returns the message line and the buttons."""
    message = message_label()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(message)
    layout.addWidget(buttons)
    return message, buttons
