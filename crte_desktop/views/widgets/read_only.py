"""Writing controls in a window whose workspace is open read-only (a second window on the same file, a
damaged file): disabled, their tooltip saying why and what to do.

``enable_writing`` for one control whose state follows the screen (a selection, a choice);
``lock_writing`` for whole forms and lists of controls, once built: text fields become read-only (their text
can still be selected and copied), choices, tick boxes and buttons are disabled and stay so whatever the
screen does afterwards, tables are no longer edited in place. Controls that only read or write out (export,
print, copy, search, close) are passed in ``keep`` and stay as they are. A composite control may lock itself
with a ``lock_for_reading(reason)`` method (a checkable list whose search field still searches)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPalette, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QGroupBox, QLineEdit, QPlainTextEdit, QScrollBar, QTabBar, QTextEdit, QWidget)

# the property a locked control keeps its reason in
_LOCKED = "crte_read_only_reason"


def read_only_reason(store) -> str | None:
    """Why nothing can be written to ``store``, in French; None when it is open for writing."""
    if not store.read_only:
        return None
    name = store.path.name
    if store.damage is not None:
        return f"Lecture seule : « {name} » est endommagé. Fichier → Récupérer… en écrit une copie réparée."
    if store.holder is not None and not store.holder.is_stale:
        return (f"Lecture seule : « {name} » est ouvert en modification par {store.holder.holder}. Pour travailler "
                "de votre côté, ouvrez une copie (bandeau en haut de la fenêtre).")
    return f"Lecture seule : « {name} » ne peut pas être modifié ici. Ouvrez une copie pour travailler."


def enable_writing(store, widget: QWidget | QAction, enabled: bool, tip: str = "") -> None:
    """Enable a control that writes when ``enabled`` and the workspace can be written; in a read-only window
    it stays disabled and its tooltip says why (else ``tip``)."""
    reason = read_only_reason(store)
    widget.setEnabled(enabled and reason is None)
    widget.setToolTip(reason or tip)


class _StaysDisabled(QObject):
    """Put back a locked control's disabled (or read-only) state and reason when the screen changes them (a
    selection enabling « Supprimer », reopened minutes making their notes writable)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        reason = watched.property(_LOCKED)
        if reason:
            if kind == QEvent.Type.EnabledChange and watched.isEnabled() and not _is_a_field(watched):
                watched.setEnabled(False)
            elif kind == QEvent.Type.ReadOnlyChange and not watched.isReadOnly():
                watched.setReadOnly(True)
            elif kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and _is_a_field(watched):
                _grey(watched)  # a red border set then taken off (a date checked) brings the white back
            elif kind == QEvent.Type.ToolTipChange and not watched.toolTip().startswith(reason):
                tip = watched.toolTip()  # what the screen says of it (a name cut short), after the reason
                watched.setToolTip(reason + ("\n" + tip if tip else ""))
        return False


class _ActionStaysDisabled(QObject):
    def __init__(self, action: QAction, reason: str):
        super().__init__(action)
        self._reason = reason
        action.changed.connect(self._put_back)

    def _put_back(self) -> None:
        action = self.parent()
        if action.isEnabled():
            action.setEnabled(False)
        if action.toolTip() != self._reason:
            action.setToolTip(self._reason)


def _is_a_field(widget: QObject) -> bool:
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


def _grey(field: QWidget) -> None:
    """The window's grey behind the text: shown, not to be typed into."""
    palette = field.palette()
    if palette.color(QPalette.ColorRole.Base) != palette.color(QPalette.ColorRole.Window):
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        field.setPalette(palette)


def _pin(widget: QWidget, reason: str) -> None:
    """Keep ``widget`` locked and its reason in its tooltip whatever the screen does afterwards."""
    widget.setProperty(_LOCKED, reason)
    widget.setToolTip(reason)
    if widget.findChild(_StaysDisabled, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        widget.installEventFilter(_StaysDisabled(widget))


def _lock_one(widget: QWidget, reason: str) -> None:
    if _is_a_field(widget):
        if isinstance(widget, QLineEdit):
            for action in widget.actions():  # the calendar of a date field, a clear button
                action.setEnabled(False)
        widget.setReadOnly(True)
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.setPlaceholderText("")  # « ex. 59178 », « jj/mm/aaaa »: hints for typing, none to give here
        _grey(widget)
        _pin(widget, reason)
    elif isinstance(widget, QAbstractItemView):  # shown and selected, not edited in place nor dragged
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        viewport = widget.viewport()
        if viewport.findChild(_LocksNewCells, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
            viewport.installEventFilter(_LocksNewCells(viewport, reason))
    elif _is_a_choice(widget):
        widget.setEnabled(False)
        _pin(widget, reason)


def _is_a_choice(widget: QWidget) -> bool:
    """A button, a list to choose from, a tick box, a slider, a group box that is ticked."""
    if isinstance(widget, QAbstractSlider):
        return not isinstance(widget, QScrollBar)
    if isinstance(widget, QGroupBox):
        return widget.isCheckable()
    return isinstance(widget, (QComboBox, QAbstractButton))


def lock_writing(store, widgets: Iterable[QWidget | QAction], keep: Iterable[QWidget | QAction] = ()) -> None:
    """In a read-only window, lock every control in ``widgets`` and inside them (forms, tabs, panels) except
    those of ``keep`` and what is inside them; nothing when the workspace can be written."""
    reason = read_only_reason(store)
    if reason is None:
        return
    kept = list(keep)
    kept_ids = {id(k) for k in kept}

    def is_kept(w) -> bool:
        return any(id(w) == id(k) or (isinstance(k, QWidget) and k.isAncestorOf(w)) for k in kept)

    for item in widgets:
        if id(item) in kept_ids:
            continue
        if isinstance(item, QAction):
            item.setEnabled(False)
            item.setToolTip(reason)
            _ActionStaysDisabled(item, reason)
            continue
        _lock_tree(item, reason, is_kept)


def _lock_tree(item: QWidget, reason: str, is_kept=lambda _w: False) -> None:
    for shortcut in item.findChildren(QShortcut):  # Suppr, Alt+Haut… on a locked list write as its buttons
        if not is_kept(shortcut.parent()):
            shortcut.setEnabled(False)
    own_lock: list[QWidget] = []  # controls that lock themselves (``lock_for_reading``), and their insides
    for widget in [item, *item.findChildren(QWidget)]:
        if is_kept(widget) or _is_inner_part(widget) or any(o.isAncestorOf(widget) for o in own_lock):
            continue
        if callable(getattr(widget, "lock_for_reading", None)):
            widget.lock_for_reading(reason)
            own_lock.append(widget)
        else:
            _lock_one(widget, reason)


class _LocksNewCells(QObject):
    """The choices a table puts in its cells when it is filled again (a signatory's organisation, a
    presence) are locked as they come."""

    def __init__(self, viewport: QWidget, reason: str):
        super().__init__(viewport)
        self._reason = reason

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished and event.child().isWidgetType():
            _lock_tree(event.child(), self._reason)
        return False


def _is_inner_part(widget: QWidget) -> bool:
    """The inner line edit of a combo box or spin box, the scroll arrows of a tab bar, the corner button of
    a table: they go with their control."""
    parent = widget.parentWidget()
    if isinstance(parent, (QTabBar, QAbstractItemView)) and isinstance(widget, QAbstractButton):
        return True
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False
