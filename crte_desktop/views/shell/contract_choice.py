"""« Pour quel contrat ? »: asked when a page belongs to one contract (tableau de bord, comités…) and the
navigation tree, which says which contract is current, is hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from crte_desktop.domain.contract import Contract


def ask_contract(parent: QWidget | None, contracts: list[Contract], question: str,
                 current_id: int | None = None) -> int | None:
    """The id of the contract the user picks (``question``: "Tableau de bord de quel contrat ?"), None when
    cancelled."""
    names = [c.name for c in contracts]
    start = next((i for i, c in enumerate(contracts) if c.id == current_id), 0)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Choisir le contrat")
    dialog.setLabelText(question)
    dialog.setComboBoxItems(names)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(names[start])
    dialog.setOkButtonText("Ouvrir")
    dialog.setCancelButtonText("Annuler")
    if not dialog.exec():
        return None
    chosen = dialog.textValue()
    return next((c.id for c in contracts if c.name == chosen), None)
