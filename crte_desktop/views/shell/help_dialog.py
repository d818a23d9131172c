"""Aide ▸ Guide de la journée (F1): the short French guide shipped inside the package
(``crte_desktop/resources/help/guide.html``, read with importlib.resources so that it is found in a wheel or
a bundle as well as in a checkout)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from crte_desktop.views.widgets.small_screen import resize_within_screen

GUIDE = ("resources", "help", "guide.html")


def guide_html() -> str:
    return resources.files("crte_desktop").joinpath(*GUIDE).read_text(encoding="utf-8")


class HelpDialog(QDialog):
    """The guide, not modal: the secretary can keep it beside the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Guide de CRTE Desktop")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDefaultStyleSheet(
            "h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14px; } kbd { font-family: monospace; "
            "background-color: #eceef1; } li { margin-bottom: 3px; }")
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 760, 680)
