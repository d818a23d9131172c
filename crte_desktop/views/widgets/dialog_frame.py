"""Pieces shared by the windows that edit records beside the main window: the undo/redo shortcuts on the
workspace's undo stack, a dialog of tabs over a Fermer button, and a form dialog with OK / Annuler."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from crte_desktop.domain.wording import redo_text, undo_text
from crte_desktop.views.widgets.form_feedback import message_label


class _StepAction(QAction):
    """An undo or redo action whose text follows the stack (a method slot: disconnected with the action)."""

    def __init__(self, parent: QObject, wording: Callable[[str], str], text: str):
        super().__init__(wording(text), parent)
        self._wording = wording

    def follow(self, text: str) -> None:
        self.setText(self._wording(text))


def undo_redo_actions(parent: QObject, undo_stack: QUndoStack) -> tuple[QAction, QAction]:
    """« Annuler la création de l'action D-24 » / « Rétablir … »: the undo stack's own actions would say
    « Annuler Création de l'action D-24 »; these put the article (``domain.wording.undo_text``)."""
    undo = _StepAction(parent, undo_text, undo_stack.undoText())
    redo = _StepAction(parent, redo_text, undo_stack.redoText())
    undo.setEnabled(undo_stack.canUndo())
    redo.setEnabled(undo_stack.canRedo())
    undo.triggered.connect(undo_stack.undo)
    redo.triggered.connect(undo_stack.redo)
    undo_stack.canUndoChanged.connect(undo.setEnabled)
    undo_stack.canRedoChanged.connect(redo.setEnabled)
    undo_stack.undoTextChanged.connect(undo.follow)
    undo_stack.redoTextChanged.connect(redo.follow)
    return undo, redo


def add_undo_redo_actions(widget: QWidget, undo_stack: QUndoStack) -> tuple[QAction, QAction]:
    """Annuler (Ctrl+Z) and Rétablir (Ctrl+Y) on ``undo_stack``, added to ``widget``."""
    undo, redo = undo_redo_actions(widget, undo_stack)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
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
