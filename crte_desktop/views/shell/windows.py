"""The windows the main window opens, listed once: their title, whether there is one per contract, the
title of their tab, and how to build them.

Each factory imports its window when it is first opened: a plain import statement (bundlers follow it),
kept inside the function so that starting the application does not load matplotlib, openpyxl or the PDF
renderer before a window needs them (the main window opens in well under a second).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from crte_desktop.views.shell.main_window import MainWindow


@dataclass(frozen=True)
class Window:
    """Built with ``factory(ctx, contract_id, parent)`` when there is one per contract, else
    ``factory(ctx, parent)``; shown in a tab titled ``tab_title`` (``{contract}``: its name) unless it is a
    dialog; ``connect(main_window, widget)`` wires its own signals."""

    title: str
    factory: Callable[..., QWidget]
    per_contract: bool
    tab_title: str
    connect: Callable[[MainWindow, QWidget], None] | None = None


def contract_form(ctx, contract_id: int | None, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.contracts.contract_form import ContractForm

    return ContractForm(ctx, contract_id, parent)


def directory_dialog(ctx, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.directory.directory_dialog import DirectoryDialog

    return DirectoryDialog(ctx, parent)


def reference_dialog(ctx, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.reference.reference_dialog import ReferenceDialog

    return ReferenceDialog(ctx, parent)


def dashboard_page(ctx, contract_id: int, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.dashboard.dashboard_page import DashboardPage

    return DashboardPage(ctx, contract_id, parent)


def meetings_page(ctx, contract_id: int, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.meetings.meetings_page import MeetingsPage

    return MeetingsPage(ctx, contract_id, parent)


def campaigns_page(ctx, contract_id: int, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.campaigns.campaigns_page import CampaignsPage

    return CampaignsPage(ctx, contract_id, parent)


def first_import_dialog(ctx, contract_id: int, parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.imports.first_import_dialog import FirstImportDialog

    return FirstImportDialog(ctx, contract_id, parent)


def action_form(ctx, action_id: int | None, contract_id: int, section_id: int | None,
                parent: QWidget | None = None) -> QWidget:
    from crte_desktop.views.actions.action_form import ActionForm

    return ActionForm(ctx, action_id, contract_id, section_id, parent)


WINDOWS: dict[str, Window] = {
    "contract": Window("Contrat", contract_form, True, "Contrat — {contract}"),
    "directory": Window("Annuaire", directory_dialog, False, "Annuaire"),
    "reference": Window("Données de référence", reference_dialog, False, "Données de référence"),
    "dashboard": Window("Tableau de bord", dashboard_page, True, "Tableau de bord — {contract}"),
    "meetings": Window("Comités et séances", meetings_page, True, "Séances — {contract}"),
    "campaigns": Window("Revue de projets", campaigns_page, True, "Revue de projets — {contract}"),
    "first_import": Window("Importer un tableau existant", first_import_dialog, True, "Importer un tableau existant",
                           lambda window, widget: window._show_import_summary(widget)),
}
