"""The one question asked before leaving something with unsaved changes: « … a des modifications non
enregistrées. Voulez-vous les enregistrer ? » — Enregistrer / Ne pas enregistrer / Annuler."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from crte_desktop.domain.wording import CANCEL, DISCARD, SAVE, UNSAVED_QUESTION, UNSAVED_TITLE, unsaved_text


def ask_to_save(parent: QWidget, what: str, *, can_save: bool = True) -> bool | None:
    """Ask about the unsaved changes of ``what`` (« la fiche « 2021-1 » », « la séance COTECH du … »).

    True: save them; False: leave without saving; None: stay (Annuler, Échap). ``can_save`` False greys
    out Enregistrer (a rule is broken)."""
    box = QMessageBox(QMessageBox.Icon.Warning, UNSAVED_TITLE, unsaved_text(what), parent=parent)
    box.setInformativeText(UNSAVED_QUESTION)
    save = box.addButton(SAVE, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(CANCEL, QMessageBox.ButtonRole.RejectRole)
    save.setEnabled(can_save)
    box.setDefaultButton(save if can_save else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return True
    if clicked is discard:
        return False
    return None
