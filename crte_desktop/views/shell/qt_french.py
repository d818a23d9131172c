"""The few texts of Qt's own dialogs that its French translation (qtbase_fr) leaves in English: the file dialog's
"Look in:" and "Files of type:", the kinds of entries, some of the print dialog's labels."""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

MISSING = {
    ("QFileDialog", "&Look in:"): "&Regarder dans :",
    ("QFileDialog", "Files of &type:"): "&Type de fichier :",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "File"): "Fichier",
    ("QUnixPrintWidget", "&Properties"): "&Propriétés",
    ("QUnixPrintWidget", "Printer"): "Imprimante",
    ("QPrintDialog", "Print current page"): "Imprimer la page courante",
}


class MissingFrench(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return MISSING.get((context, source))  # None (a null string): "not mine", the next translator answers

    def isEmpty(self) -> bool:  # noqa: N802 - Qt naming
        return False


def install(app: QApplication) -> MissingFrench:
    """Complete Qt's French texts (after qtbase_fr is installed: asked first, it answers only what it knows)."""
    translator = MissingFrench(app)
    app.installTranslator(translator)
    return translator
