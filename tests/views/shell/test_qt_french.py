"""Qt's own dialogs speak French: qtbase_fr, completed with the few texts it lacks."""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from crte_desktop.views.shell import qt_french


def test_file_dialog_and_message_box_read_french(qapp):
    qtbase = QTranslator()
    loaded = qtbase.load(QLocale(QLocale.Language.French), "qtbase", "_",
                         QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert loaded
    qapp.installTranslator(qtbase)
    missing = qt_french.install(qapp)
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans :"
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Nom de fichier\u00a0:"  # from qtbase_fr
        dialog = QFileDialog(None, "Ouvrir")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert "&Regarder dans :" in labels and "&Type de fichier :" in labels
        assert not [t for t in labels if "Look in" in t or "Files of" in t]
        dialog.deleteLater()
        box = QMessageBox(QMessageBox.Icon.Question, "Question", "Supprimer ?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
        assert sorted(b.text() for b in box.buttons()) == ["&Non", "&Oui", "Annuler"]
        box.deleteLater()
    finally:
        qapp.removeTranslator(missing)
        qapp.removeTranslator(qtbase)
