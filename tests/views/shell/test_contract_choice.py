"""With the navigation tree hidden (Ctrl+B), Comités et séances and Tableau de bord ask which contract, instead
of silently opening the first; with the tree shown, the selected contract opens at once."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from tests.views.shell.test_global_search import demo_window  # noqa: F401 - the fixture


def answer_contract(name: str | None, seen: list) -> None:
    """Pick ``name`` in the next « quel contrat ? » dialog (None: cancel), recording its question."""

    def poll(left=200):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            seen.append((dialog.labelText(), dialog.comboBoxItems()))
            if name is None:
                dialog.reject()
            else:
                dialog.setTextValue(name)
                dialog.accept()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def test_hidden_tree_asks_which_contract(demo_window):  # noqa: F811
    window = demo_window
    window.set_navigation_visible(False)
    seen = []
    answer_contract("CRTE du Douaisis", seen)
    page = window.open_window("meetings")
    assert seen == [("Comités et séances de quel contrat ?", ["CRTE du Valenciennois", "CRTE du Douaisis"])]
    assert page is not None and window.tabs.tabText(window.tabs.currentIndex()) == "Séances — CRTE du Douaisis"
    answer_contract("CRTE du Douaisis", seen)
    window.open_window("dashboard")
    assert seen[-1][0] == "Tableau de bord de quel contrat ?"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Tableau de bord — CRTE du Douaisis"
    count = window.tabs.count()
    answer_contract(None, seen)  # cancelled: nothing opens
    assert window.open_window("dashboard") is None and window.tabs.count() == count


def test_shown_tree_opens_the_selected_contract_without_asking(demo_window):  # noqa: F811
    window = demo_window
    window.set_navigation_visible(True)
    page = window.open_window("meetings")
    assert page is not None and window.tabs.tabText(window.tabs.currentIndex()) == "Séances — CRTE du Valenciennois"
