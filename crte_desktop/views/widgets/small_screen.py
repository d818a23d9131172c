"""Layouts that let every screen fit a small laptop (1366×768, or 1280×720) instead of forcing the window
larger than the screen: a row of buttons that wraps onto a second line when narrow, and a column that scrolls
vertically when short, a one-line label that ends in "…" rather than widening the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QFrame, QLabel, QLayout, QLayoutItem, QScrollArea, QSizePolicy, QWidget,
                               QWidgetItem)


class FlowLayout(QLayout):
    """Items left to right, wrapping when they do not fit; `align_right` packs each line to the right
    (validation buttons). Its minimum width is the widest item's, its height follows the width."""

    def __init__(self, parent: QWidget | None = None, align_right: bool = False, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._align_right = align_right
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    @classmethod
    def of(cls, widgets, align_right: bool = False) -> "FlowLayout":
        layout = cls(align_right=align_right)
        for w in widgets:
            layout.addWidget(w)
        return layout

    # -- QLayout ---------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt naming
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        visible = self._visible()
        if not visible:
            return QSize(0, 0)
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * (len(visible) - 1)
        height = max(i.sizeHint().height() for i in visible)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing ---------------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._visible():
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(h.height() for _i, h in line)
            used = sum(h.width() for _i, h in line) + self._spacing * (len(line) - 1)
            x = area.x() + (max(0, area.width() - used) if self._align_right else 0)
            for item, hint in line:
                if apply:
                    width = min(hint.width(), area.width())
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), QSize(width, hint.height())))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + m.top() + m.bottom() if y > area.y() else 0


def flow_row(widgets, align_right: bool = False) -> QWidget:
    """A widget holding a wrapping row (a widget, so that it can be put in any box layout)."""
    holder = QWidget()
    holder.setLayout(FlowLayout.of(widgets, align_right))
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder


class VerticalScroll(QScrollArea):
    """Shows `widget` at the full width, scrolling vertically when the window is too short for it; its minimum
    width stays the widget's (no horizontal scrolling)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        inner = self.widget().minimumSizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), min(inner.height(), 120))


class ElidedLabel(QLabel):
    """A one-line label cut with "…" at the right when narrow; text() stays whole (set a tooltip for it)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(min(60, super().sizeHint().width()), super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), self.palette(),
                                  self.isEnabled(), text, self.foregroundRole())


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a dialog its preferred size, shrunk to leave room for its title bar and the desktop's panels on a
    small screen (a 680 px tall dialog does not fit 1280×720 once framed)."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 40), min(height, room.height() - 80)
    window.resize(width, height)
