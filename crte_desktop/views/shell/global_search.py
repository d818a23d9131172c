"""« Rechercher partout » (Ctrl+K): one field, the matching actions, meetings, decisions, follow-ups and
persons as one types; Entrée or a double click opens the record where it lives."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate,
                               QVBoxLayout, QWidget)

from crte_desktop.search.global_search import Hit
from crte_desktop.views.widgets.small_screen import resize_within_screen

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DELAY_MS = 150  # typing pauses this long before the search runs


class HitDelegate(QStyledItemDelegate):
    """Two lines per hit: « Séance · COPIL du 05/01/2027 » in bold, the detail underneath in grey."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(option.rect.width(), option.fontMetrics.height() * 2 + 10)

    def paint(self, painter, option, index) -> None:
        hit: Hit = index.data(HIT_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        top = option.rect.adjusted(6, 4, -6, 0)
        line = option.fontMetrics.height()
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        title = f"{hit.kind_label} · {hit.title}"
        painter.drawText(QRect(top.left(), top.top(), top.width(), line), Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, top.width()))
        painter.setFont(option.font)
        if not selected:
            painter.setPen(QColor("#546e7a"))
        painter.drawText(QRect(top.left() + 12, top.top() + line + 2, top.width() - 12, line), Qt.AlignmentFlag.AlignLeft,
                         option.fontMetrics.elidedText(hit.detail, Qt.TextElideMode.ElideRight, top.width() - 12))
        painter.restore()


class GlobalSearchDialog(QDialog):
    chosen = Signal(object)  # the Hit to open

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Rechercher partout")
        self.field = QLineEdit()
        self.field.setPlaceholderText("Action, séance, décision, suite à donner, personne… (tous les mots)")
        self.field.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAlternatingRowColors(True)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.status = QLabel("Tapez un ou plusieurs mots : référence, titre, description, financeur, lieu, nom…")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.field.installEventFilter(self)
        resize_within_screen(self, 820, 560)

    def eventFilter(self, watched, event) -> bool:
        """Up and down in the field move in the results, as in a launcher."""
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def run_search(self) -> list[Hit]:
        self._timer.stop()
        hits = self.ctx.workspace.search(self.field.text())
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.kind_label} · {hit.title}\n{hit.detail}" if hit.detail
                                   else f"{hit.kind_label} · {hit.title}")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.title)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        text = self.field.text().strip()
        if not text:
            self.status.setText("Tapez un ou plusieurs mots : référence, titre, description, financeur, lieu, nom…")
        elif not hits:
            self.status.setText(f"Rien ne contient « {text} ».")
        else:
            self.status.setText(f"{len(hits)} résultat{'s' if len(hits) > 1 else ''} — Entrée ou double-clic "
                                "pour ouvrir.")
        return hits

    def open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen.emit(item.data(HIT_ROLE))
        self.accept()
