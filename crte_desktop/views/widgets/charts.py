"""A matplotlib figure inside a window, with an "Exporter en PNG…" button.

The figure comes from a factory (one of ``crte_desktop.dashboard.charts``): the window shows it at the
widget's size, the export draws a fresh one at its own size, as the workbook and the meeting pack do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from crte_desktop.dashboard.charts import save_png, stamp
from crte_desktop.domain.errors import DomainError
from crte_desktop.views.shell.file_actions import show_error
from crte_desktop.views.widgets.export_files import last_dir, remember_dir, written_box

EXPORT_KIND = "Graphique"


class ChartView(QWidget):
    """Shows ``factory()``'s figure; ``set_factory`` redraws it with new data."""

    exported = Signal(str)  # the path written

    def __init__(self, file_name: str, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.file_name = file_name  # suggested name of the PNG, without extension
        self._settings = settings
        self.caption = ""  # written at the foot of the exported image: the contract and the date
        self._factory: Callable[[], Figure] | None = None
        self._stale = False  # a new figure waits to be shown
        self.canvas: FigureCanvasQTAgg | None = None
        self.file_dialog: QFileDialog | None = None
        self.written_box = None  # the message box after an export (« Ouvrir », « Ouvrir le dossier »)

        self.export_button = QPushButton("Exporter en PNG…")
        self.export_button.setToolTip("Enregistrer ce graphique comme image PNG")
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._placeholder = QLabel("Calcul en cours…")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._placeholder, 1)
        self._layout.addLayout(bar)

    @property
    def figure(self) -> Figure | None:
        """The figure on screen (None before the chart was first shown)."""
        return self.canvas.figure if self.canvas is not None and not self._stale else None

    def set_factory(self, factory: Callable[[], Figure]) -> None:
        """Show a new figure: drawn now when visible, else when next shown (drawing costs a tenth of a second)."""
        self._factory = factory
        self._stale = True
        self.export_button.setEnabled(True)
        if self.isVisible():
            self._build()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self._factory is not None:
            self._build()

    def _build(self) -> None:
        self._stale = False
        figure = self._factory()
        width, height = figure.get_size_inches() * figure.dpi
        canvas = FigureCanvasQTAgg(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setMinimumSize(int(min(width, 380)), int(height))  # shrinks (never scrolls sideways) at 1280 px
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if self.canvas is not None:
            self._layout.replaceWidget(self.canvas, canvas)
            self.canvas.hide()
            self.canvas.figure.clear()
            self.canvas.deleteLater()
        else:
            self._layout.replaceWidget(self._placeholder, canvas)
            self._placeholder.deleteLater()
        self.canvas = canvas

    # -- export ----------------------------------------------------------------------------------
    def export_figure(self) -> Figure:
        """The chart drawn afresh at its own size, the contract and date at its foot."""
        if self._factory is None:
            raise RuntimeError("no chart yet")
        return stamp(self._factory(), self.caption)

    def export_png(self, path: str | Path) -> Path:
        """Write the chart, drawn afresh at its own size, as a PNG file."""
        if self._factory is None:
            raise RuntimeError("no chart yet")
        written = save_png(self.export_figure(), path)
        remember_dir(self._settings, EXPORT_KIND, written)
        self.exported.emit(str(written))
        return written

    def ask_export(self) -> None:
        """Ask where to save, then export (the dialog is window-modal and does not block)."""
        start = last_dir(self._settings, EXPORT_KIND)
        dialog = QFileDialog(self, "Exporter le graphique en PNG", str(start / f"{self.file_name}.png"),
                             "Image PNG (*.png)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._export_to)
        self.file_dialog = dialog
        dialog.open()

    def _export_to(self, path: str) -> None:
        self.file_dialog = None
        try:
            written = self.export_png(path)
        except DomainError as exc:
            show_error(self, f"Le graphique n'a pas pu être enregistré. {exc}")
            return
        self.written_box = written_box(self, "Export du graphique", f"Graphique enregistré : {written}", written)
