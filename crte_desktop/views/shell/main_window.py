"""The main window: navigation tree on the left, tabs in the centre (the actions table, then the action
forms, the dashboard… opened on demand), menus, toolbar and status bar.

The windows it opens are listed once, in ``windows.WINDOWS`` (title, one per contract or not, factory); a
window that fails to open gives a French message instead of stopping the application.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QMainWindow, QMessageBox, QSplitter, QStyle, QTabWidget, QToolBar,
                               QVBoxLayout, QWidget, QTabBar)

from crte_desktop import __version__
from crte_desktop.logs import log_file
from crte_desktop.db.queries.action_table import ActionTotals
from crte_desktop.domain.errors import DomainError
from crte_desktop.views.actions.actions_table import ActionsPage, ElidedLabel, totals_text
from crte_desktop.views.shell.file_actions import RecentFilesMenu, ask_copy_path, ask_new_path, ask_open_path, show_error
from crte_desktop.views.shell.navigation import NavigationTree, Scope
from crte_desktop.views.shell.undoable import push_done
from crte_desktop.views.shell.windows import WINDOWS, action_form, contract_form
from crte_desktop.views.shell.workspace_banners import recover_into_copy
from crte_desktop.views.versions.versions_dialog import VersionsDialog
from crte_desktop.views.widgets.dialog_frame import undo_redo_actions
from crte_desktop.views.widgets.unsaved import ask_to_save

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
NAVIGATION_KEY = "main_window/navigation_visible"

log = logging.getLogger(__name__)


# asked when the tree, which says which contract is current, is hidden (Ctrl+B) and there are several
CONTRACT_QUESTIONS = {
    "contract": "Modifier quel contrat ?",
    "dashboard": "Tableau de bord de quel contrat ?",
    "meetings": "Comités et séances de quel contrat ?",
    "campaigns": "Revue de projets de quel contrat ?",
    "first_import": "Importer le tableau dans quel contrat ?",
}


def bring_to_front(widget: QWidget) -> None:
    """Show a window above the others (the offscreen platform of the tests has no stacking order)."""
    widget.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
        widget.activateWindow()


class MainWindow(QMainWindow):
    open_path_requested = Signal(str)  # the shell opens the file (Fichier ▸ Ouvrir…, Ouvrir récent)
    new_workspace_requested = Signal(str)  # the shell creates it (Fichier ▸ Nouveau…)
    demo_requested = Signal()
    window_closed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # the file's name only: Windows and X11 add « — CRTE Desktop » (the application's display name) themselves
        self.setWindowTitle(ctx.store.path.name + (" (lecture seule)" if ctx.store.read_only else ""))
        self._forms: dict[int, QWidget] = {}  # action id → its form tab
        self._windows: dict[str, QWidget] = {}  # "dashboard:1", "directory"… → tab page or dialog

        self.navigation = NavigationTree(ctx)
        self.actions_page = ActionsPage(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.addTab(self.actions_page, "Actions")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.banner_area = QVBoxLayout()  # banners (read-only, updated, damaged…): views/shell/workspace_banners.py
        self.banner_area.setContentsMargins(4, 4, 4, 0)
        column.addLayout(self.banner_area)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.totals_label = ElidedLabel()
        self.statusBar().addWidget(self.totals_label, 1)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()

        self.navigation.scope_selected.connect(self._apply_scope)
        self.navigation.action_clicked.connect(self.actions_page.select_action)
        self.navigation.action_activated.connect(self.open_action)
        self.actions_page.action_activated.connect(self.open_action)
        self.actions_page.selection_changed.connect(self._update_actions)
        self.actions_model.totals_changed.connect(self._show_totals)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())
        if self.navigation.scope is not None:
            self._apply_scope(self.navigation.scope)
        self._show_totals(self.actions_model.totals)
        self._restore_layout()
        self._update_actions()

    # -- for the benchmark and the tests ----------------------------------------------------------
    @property
    def actions_model(self):
        return self.actions_page.model

    def apply_filter_now(self, text: str) -> None:
        """Filter the actions table at once (typing waits 150 ms after the last key)."""
        self.actions_page.apply_filter_now(text)

    # -- actions, menus, toolbar ----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_new_workspace = self._action("&Nouveau…", self.new_workspace, tip="Créer un espace de travail vide")
        self.act_open = self._action("&Ouvrir…", self.open_workspace, QKeySequence.StandardKey.Open,
                                     "Ouvrir un espace de travail (.crte)", sp.SP_DirOpenIcon)
        self.act_demo = self._action("Ouvrir la &démonstration", self.demo_requested.emit)
        self.act_save = self._action("&Enregistrer la fiche", self.save_current, QKeySequence.StandardKey.Save,
                                     "Enregistrer la fiche ouverte (les autres changements sont enregistrés aussitôt)",
                                     sp.SP_DialogSaveButton)
        self.act_save_copy = self._action("Enregistrer une &copie…", self.save_copy,
                                          tip="Copier l'espace de travail (clé USB, partage, sauvegarde)")
        self.act_versions = self._action("&Versions antérieures…", self.open_versions,
                                         tip="Les versions enregistrées automatiquement : comparer, restaurer")
        self.act_recover = self._action("&Récupérer…", self.recover,
                                        tip="Écrire une copie réparée d'un espace de travail endommagé")
        self.act_import_spreadsheet = self._action("&Importer un tableau existant…", lambda: self.open_window("first_import"),
                                                   tip="Importer les actions et financements d'un tableau de suivi "
                                                       "(.xlsx, .csv) dans le contrat choisi")
        self.act_export_xlsx = self._action("E&xporter le classeur Excel…", self.export_workbook,
                                            tip="Le tableau de bord du contrat en classeur .xlsx pour les partenaires")
        self.act_import_xlsx = self._action("&Réimporter un classeur modifié…", self.reimport_workbook,
                                            tip="Reprendre les mises à jour des partenaires, avec l'aperçu de chaque "
                                                "changement")
        self.act_print = self._action("&Imprimer…", self.print_current, QKeySequence.StandardKey.Print,
                                      "Imprimer la page affichée")
        self.act_close_tab = self._action("&Fermer l'onglet", lambda: self.close_tab(self.tabs.currentIndex()),
                                          ["Ctrl+W", "Ctrl+F4"])
        self.act_quit = self._action("&Quitter", self.close, "Ctrl+Q")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_undo, self.act_redo = undo_redo_actions(self, self.ctx.undo_stack)
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_undo.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.setIcon(self.style().standardIcon(sp.SP_ArrowForward))
        self.act_find = self._action("&Rechercher", self.focus_filter, QKeySequence.StandardKey.Find,
                                     "Filtrer les actions : référence, intitulé, description, maître d'ouvrage, "
                                     "financeur, dispositif")
        self.act_search = self._action("Rechercher &partout…", self.open_search, "Ctrl+K",
                                       "Actions, séances, décisions, suites à donner et personnes")

        self.act_new_action = self._action("&Nouvelle action", self.new_action, QKeySequence.StandardKey.New,
                                           "Créer une fiche action dans la section choisie", sp.SP_FileIcon)
        self.act_open_action = self._action("&Ouvrir", self.open_selected, ["Return", "Enter"],
                                            "Ouvrir la fiche de l'action", sp.SP_FileDialogDetailedView)
        self.act_delete_action = self._action("&Supprimer…", self.delete_selected, QKeySequence.StandardKey.Delete,
                                              "Supprimer l'action (annulable avec Ctrl+Z)", sp.SP_TrashIcon)
        for a in (self.act_open_action, self.act_delete_action):
            # Entrée and Suppr act on the table only (not while typing in a form)
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.act_edit_contract = self._action("&Modifier le contrat…", lambda: self.open_window("contract"),
                                              tip="Territoire, signataires, avenants, sections")
        self.act_new_contract = self._action("&Nouveau contrat…", self.new_contract)
        self.act_directory = self._action("&Annuaire des organisations et personnes…", lambda: self.open_window("directory"))
        self.act_reference = self._action("&Données de référence…", lambda: self.open_window("reference"),
                                          tip="Financeurs, dispositifs, statuts et leurs couleurs")
        self.act_dashboard = self._action("&Tableau de bord", lambda: self.open_window("dashboard"),
                                          tip="Taux de réalisation, financements, indicateurs et alertes du contrat",
                                          icon=sp.SP_FileDialogInfoView)
        self.act_meetings = self._action("Comités et &séances", lambda: self.open_window("meetings"),
                                         tip="COPIL, COTECH : séances, ordres du jour, comptes rendus, dossiers de séance",
                                         icon=sp.SP_FileDialogDetailedView)
        self.act_guide = self._action("&Guide de la journée", self.open_guide, "F1",
                                      "Les tâches d'une journée de secrétariat, pas à pas")
        self.act_campaigns = self._action("&Revue de projets", lambda: self.open_window("campaigns"),
                                          tip="Campagnes de revue de projets : un classeur par maître d'ouvrage, suivi "
                                              "des envois et des retours", icon=sp.SP_FileDialogListView)
        self.act_about = self._action("À &propos de CRTE Desktop", self.about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        for a in (self.act_new_action, self.act_open_action, self.act_delete_action):
            self.actions_page.table.addAction(a)
        self.actions_page.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&Fichier")
        m.addAction(self.act_new_workspace)
        m.addAction(self.act_open)
        self.recent_menu = RecentFilesMenu(self.ctx.settings, self)
        self.recent_menu.open_path.connect(self.open_path_requested)
        m.addMenu(self.recent_menu)
        m.addAction(self.act_demo)
        m.addSeparator()
        m.addAction(self.act_save)
        m.addAction(self.act_save_copy)
        m.addAction(self.act_versions)
        m.addAction(self.act_recover)
        m.addSeparator()
        m.addAction(self.act_import_spreadsheet)
        m.addAction(self.act_export_xlsx)
        m.addAction(self.act_import_xlsx)
        m.addSeparator()
        m.addAction(self.act_print)
        m.addSeparator()
        m.addAction(self.act_close_tab)
        m.addAction(self.act_quit)

        m = bar.addMenu("&Édition")
        m.addAction(self.act_undo)
        m.addAction(self.act_redo)
        m.addSeparator()
        m.addAction(self.act_find)
        m.addAction(self.act_search)

        m = bar.addMenu("&Actions")
        m.addAction(self.act_new_action)
        m.addAction(self.act_open_action)
        m.addAction(self.act_delete_action)

        m = bar.addMenu("&Contrat")
        m.addAction(self.act_edit_contract)
        m.addAction(self.act_new_contract)
        m.addSeparator()
        m.addAction(self.act_directory)
        m.addAction(self.act_reference)

        m = bar.addMenu("Affic&hage")
        m.addAction(self.act_dashboard)
        m.addAction(self.act_meetings)
        m.addAction(self.act_campaigns)
        m.addSeparator()
        self.act_navigation = self._action("&Panneau de navigation",
                                           lambda: self.set_navigation_visible(self.act_navigation.isChecked()), "Ctrl+B",
                                           "Afficher ou masquer l'arbre du contrat (plus de place pour les pages)")
        self.act_navigation.setCheckable(True)
        self.act_navigation.setChecked(True)
        m.addAction(self.act_navigation)
        self.columns_menu = m.addMenu("&Colonnes du tableau")
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)

        m = bar.addMenu("Ai&de")
        m.addAction(self.act_guide)
        m.addSeparator()
        m.addAction(self.act_about)

    def _fill_columns_menu(self) -> None:
        self.actions_page.table.fill_column_menu(self.columns_menu)

    def _build_toolbar(self) -> None:
        tb = QToolBar("Barre d'outils")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.act_new_action, self.act_open_action, self.act_delete_action):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        tb.addAction(self.act_dashboard)
        tb.addAction(self.act_meetings)
        tb.addAction(self.act_campaigns)
        self.addToolBar(tb)
        self.toolbar = tb

    def _update_actions(self) -> None:
        page = self.tabs.currentWidget()
        on_table = page is self.actions_page
        has_selection = bool(self.actions_page.selected_ids())
        self.act_open_action.setEnabled(on_table and has_selection)
        self.act_delete_action.setEnabled((on_table and has_selection) or self._form_action_id(page) is not None)
        self.act_save.setEnabled(callable(getattr(page, "save", None)))
        self.act_print.setEnabled(callable(getattr(page, "print_", None)))
        self.act_close_tab.setEnabled(not on_table)
        self.totals_label.setVisible(on_table)  # the totals are those of the table
        has_contract = self.navigation.current_contract_id() is not None
        self.act_edit_contract.setEnabled(has_contract)
        self.act_dashboard.setEnabled(has_contract)
        self.act_meetings.setEnabled(has_contract)
        self.act_campaigns.setEnabled(has_contract)
        if self.ctx.store.read_only:  # consulted, not modified (someone else writes it, or it is damaged)
            for a in (self.act_new_action, self.act_delete_action, self.act_save, self.act_import_spreadsheet,
                      self.act_import_xlsx, self.act_new_contract):
                a.setEnabled(False)

    # -- scope, filter, totals -----------------------------------------------------------------------
    def _apply_scope(self, scope: Scope) -> None:
        sections = self.ctx.workspace.tables.section_subtree(scope.section_id) if scope.section_id is not None else None
        self.actions_page.set_scope(scope.contract_id, sections, scope.without_section, scope.label, scope.path)
        self._update_actions()

    def focus_filter(self) -> None:
        self.tabs.setCurrentWidget(self.actions_page)
        self.actions_page.focus_filter()

    def _show_totals(self, totals: ActionTotals) -> None:
        self.totals_label.setText(totals_text(totals))

    # -- workspace files -----------------------------------------------------------------------------
    def open_workspace(self) -> None:
        path = ask_open_path(self, self.ctx.settings)
        if path:
            self.open_path_requested.emit(path)

    def new_workspace(self) -> None:
        path = ask_new_path(self, self.ctx.settings)
        if path:
            self.new_workspace_requested.emit(path)

    def save_copy(self) -> None:
        path = ask_copy_path(self, self.ctx.settings, self.ctx.store.path)
        if path:
            self.save_copy_to(path)

    def save_copy_to(self, path: str) -> bool:
        try:
            self.ctx.store.save_copy(path)
        except DomainError as exc:
            show_error(self, str(exc))
            return False
        except OSError as exc:
            show_error(self, f"La copie n'a pas pu être enregistrée : {exc}")
            return False
        self.statusBar().showMessage(f"Copie enregistrée : {path}", 6000)
        return True

    def open_versions(self) -> None:
        VersionsDialog(self.ctx, self).exec()

    def recover(self) -> None:
        recover_into_copy(self, self.ctx.store.path, self.open_path_requested.emit)

    def add_banner(self, banner: QWidget) -> None:
        self.banner_area.addWidget(banner)
        banner.show()

    def banners(self) -> list[QWidget]:
        """The banners shown (not dismissed)."""
        widgets = [self.banner_area.itemAt(i).widget() for i in range(self.banner_area.count())]
        return [w for w in widgets if w is not None and not w.isHidden()]

    # -- pages and windows ---------------------------------------------------------------------------
    def _create(self, what: str, factory):
        try:
            return factory()
        except DomainError as exc:
            show_error(self, str(exc))
        except Exception as exc:  # noqa: BLE001 - a window that cannot open must not stop the application
            log.exception("The window %s could not open", what)
            show_error(self, f"La fenêtre « {what} » n'a pas pu s'ouvrir : {exc}")
        return None

    def _present(self, key: str, widget: QWidget, title: str) -> QWidget:
        """A dialog is shown on its own; any other widget goes in a tab."""
        self._windows[key] = widget
        widget.destroyed.connect(lambda *_a, k=key: self._windows.pop(k, None))
        if isinstance(widget, QDialog):
            widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            bring_to_front(widget)
        else:
            self._take_over_shortcuts(widget)
            self.tabs.setCurrentIndex(self.tabs.addTab(widget, title))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), title)
            if hasattr(widget, "closed"):  # the page's own "Fermer" button
                widget.closed.connect(lambda w=widget: self._remove_tab(w))
        if hasattr(widget, "open_action"):  # e.g. the dashboard's list of the actions behind a figure
            widget.open_action.connect(self.open_action)
        return widget

    def _focus_existing(self, key: str) -> QWidget | None:
        widget = self._windows.get(key)
        if widget is None:
            return None
        if self.tabs.indexOf(widget) >= 0:
            self.tabs.setCurrentWidget(widget)
        else:
            bring_to_front(widget)
        return widget

    def _contract_or_say(self, question: str = "") -> int | None:
        """The contract selected in the tree; with the tree hidden and several contracts, the one the user
        picks when ``question`` is given (None when cancelled); a message when there is none."""
        contract_id = self.navigation.current_contract_id()
        if contract_id is None:
            show_error(self, "Cet espace de travail ne contient encore aucun contrat : créez-en un avec "
                             "Contrat ▸ Nouveau contrat…")
            return None
        if question and not self.navigation.isVisibleTo(self):
            contracts = self.ctx.workspace.contracts.contracts()
            if len(contracts) > 1:
                from crte_desktop.views.shell.contract_choice import ask_contract

                return ask_contract(self, contracts, question, contract_id)
        return contract_id

    def _contract_name(self, contract_id: int) -> str:
        contract = self.ctx.workspace.contracts.contract(contract_id)
        return contract.name if contract else ""

    def open_window(self, kind: str, contract_id: int | None = None) -> QWidget | None:
        """Open the window ``kind`` of WINDOWS (for ``contract_id``, else the current contract, when it is one
        per contract — with the tree hidden, the user says which), or bring it forward when it is open already."""
        window = WINDOWS[kind]
        if window.per_contract:
            contract_id = contract_id or self._contract_or_say(CONTRACT_QUESTIONS.get(kind, "Pour quel contrat ?"))
            if contract_id is None:
                return None
        key = f"{kind}:{contract_id}" if window.per_contract else kind
        if (existing := self._focus_existing(key)) is not None:
            return existing
        args = (self.ctx, contract_id, self) if window.per_contract else (self.ctx, self)
        widget = self._create(window.title, lambda: window.factory(*args))
        if widget is None:
            return None
        if window.connect is not None:
            window.connect(self, widget)
        title = window.tab_title.format(contract=self._contract_name(contract_id) if contract_id is not None else "")
        return self._present(key, widget, title)

    def new_contract(self) -> QWidget | None:
        if (existing := self._focus_existing("contract:new")) is not None:
            return existing
        widget = self._create("Contrat", lambda: contract_form(self.ctx, None, self))
        if widget is None:
            return None
        widget.saved.connect(lambda cid, w=widget: self._contract_saved(w, cid))
        return self._present("contract:new", widget, "Nouveau contrat")

    def _contract_saved(self, widget: QWidget, contract_id: int) -> None:
        """A new contract got its id: its tab is now that contract's, and the tree shows it."""
        self._windows = {k: v for k, v in self._windows.items() if v is not widget}
        self._windows[f"contract:{contract_id}"] = widget
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.setTabText(index, f"Contrat — {self._contract_name(contract_id)}")
        self.navigation.select("contract", contract_id)

    def _show_import_summary(self, widget: QWidget) -> None:
        widget.imported.connect(lambda result: self.statusBar().showMessage(result.summary(), 8000))

    def open_search(self) -> QWidget | None:
        """« Rechercher partout » (Ctrl+K); the record chosen opens where it lives."""
        if (existing := self._focus_existing("search")) is not None:
            existing.field.setFocus()
            existing.field.selectAll()
            return existing
        from crte_desktop.views.shell.global_search import GlobalSearchDialog

        dialog = GlobalSearchDialog(self.ctx, self)
        dialog.chosen.connect(self.open_hit)
        return self._present("search", dialog, "Rechercher partout")

    def open_hit(self, hit) -> QWidget | None:
        """Open a search result: an action's form, a meeting in its contract's page, a person in the directory."""
        if hit.kind == "action":
            return self.open_action(hit.id)
        if hit.kind == "person":
            directory = self.open_window("directory")
            if directory is not None:
                directory.tabs.setCurrentWidget(directory.persons)
                directory.persons.select(hit.id)
            return directory
        page = self.open_window("meetings", hit.contract_id)
        if page is not None and hit.meeting_id is not None:
            page.show_meeting(hit.meeting_id)
            if hit.kind in ("decision", "follow_up"):
                from crte_desktop.views.meetings.meetings_page import MINUTES_TAB

                page.meeting_tabs.setCurrentIndex(MINUTES_TAB)
        return page

    def open_guide(self) -> QWidget | None:
        """Aide ▸ Guide de la journée (F1)."""
        if (existing := self._focus_existing("guide")) is not None:
            return existing
        from crte_desktop.views.shell.help_dialog import HelpDialog

        return self._present("guide", HelpDialog(self), "Guide")

    def export_workbook(self, path: str | None = None):
        """Write the current contract's dashboard workbook (off the GUI thread, with progress)."""
        contract_id = self._contract_or_say("Exporter le classeur de quel contrat ?")
        if contract_id is None:
            return None
        from crte_desktop.views.imports.excel_export_dialog import export_workbook_dialog  # openpyxl: when needed

        return export_workbook_dialog(self.ctx, contract_id, self, path=path)

    def reimport_workbook(self, path: str | None = None):
        """Preview then apply the changes of a workbook partners sent back."""
        from crte_desktop.views.imports.excel_import_dialog import import_workbook_dialog  # openpyxl: when needed

        return import_workbook_dialog(self.ctx, self, path=path)

    # -- action forms ---------------------------------------------------------------------------------
    def open_selected(self) -> None:
        aid = self.actions_page.current_id()
        if aid is not None:
            self.open_action(aid)

    def open_action(self, action_id: int) -> QWidget | None:
        """Open the action's form in a tab (or bring its tab forward)."""
        form = self._forms.get(action_id)
        if form is not None:
            self.tabs.setCurrentWidget(form)
            return form
        action = self.ctx.workspace.actions.actions.get(action_id)
        if action is None:
            show_error(self, "Cette action n'existe plus (elle a peut-être été supprimée).")
            return None
        form = self._create("Fiche action",
                            lambda: action_form(self.ctx, action_id, action.contract_id, action.section_id, self))
        if form is None:
            return None
        self._forms[action_id] = form
        self._add_form(form, action.reference, f"{action.reference} — {action.title}")
        return form

    def new_action(self) -> QWidget | None:
        contract_id = self._contract_or_say()
        if contract_id is None:
            return None
        scope = self.navigation.scope
        section_id = self.navigation.current_section_id() if scope and scope.contract_id == contract_id else None
        form = self._create("Fiche action", lambda: action_form(self.ctx, None, contract_id, section_id, self))
        if form is None:
            return None
        self._add_form(form, "Nouvelle action", "Nouvelle action")
        return form

    def _take_over_shortcuts(self, page: QWidget) -> None:
        """A page in a tab may bring its own Ctrl+S, Ctrl+P…: the window's menu already has these keys
        (and forwards them to the page), so the page's copies are switched off to avoid a clash."""
        window_keys = {seq.toString() for a in self.findChildren(QAction) if a.parent() is self
                       for seq in a.shortcuts()}
        for shortcut in page.findChildren(QShortcut):
            if shortcut.key().toString() in window_keys:
                shortcut.setEnabled(False)
        for action in page.findChildren(QAction):
            kept = [seq for seq in action.shortcuts() if seq.toString() not in window_keys]
            if len(kept) != len(action.shortcuts()):
                action.setShortcuts(kept)

    def _add_form(self, form: QWidget, title: str, tooltip: str) -> None:
        self._take_over_shortcuts(form)
        index = self.tabs.addTab(form, title)
        self.tabs.setTabToolTip(index, tooltip)
        self.tabs.setCurrentIndex(index)
        if hasattr(form, "saved"):
            form.saved.connect(lambda aid, f=form: self._form_saved(f, aid))
        if hasattr(form, "closed"):
            form.closed.connect(lambda f=form: self._remove_tab(f))

    def _form_saved(self, form: QWidget, action_id: int) -> None:
        self._forms = {k: v for k, v in self._forms.items() if v is not form}
        self._forms[action_id] = form
        action = self.ctx.workspace.actions.actions.get(action_id)
        index = self.tabs.indexOf(form)
        if action is not None and index >= 0:
            self.tabs.setTabText(index, action.reference)
            self.tabs.setTabToolTip(index, f"{action.reference} — {action.title}")
        self.statusBar().showMessage("Fiche enregistrée.", 4000)
        self._update_actions()

    def _form_action_id(self, page: QWidget | None) -> int | None:
        return next((aid for aid, f in self._forms.items() if f is page), None)

    def open_forms(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count()) if self.tabs.widget(i) is not self.actions_page]

    # -- deleting ------------------------------------------------------------------------------------
    def delete_selected(self) -> bool:
        page = self.tabs.currentWidget()
        ids = self.actions_page.selected_ids() if page is self.actions_page else []
        if page is not self.actions_page and (aid := self._form_action_id(page)) is not None:
            ids = [aid]
        actions = [a for aid in ids if (a := self.ctx.workspace.actions.actions.get(aid)) is not None]
        if not actions:
            return False
        if len(actions) == 1:
            a = actions[0]
            question = f"Supprimer l'action « {a.reference} — {a.title} » ?"
        else:
            question = f"Supprimer les {len(actions)} actions sélectionnées ?"
        if not self._confirm(question, "Leur plan de financement, leurs indicateurs et leur évaluation sont supprimés "
                                       "avec elles. Vous pourrez annuler la suppression (Édition ▸ Annuler, Ctrl+Z)."
                             if len(actions) > 1 else
                             "Son plan de financement, ses indicateurs et son évaluation sont supprimés avec elle. "
                             "Vous pourrez annuler la suppression (Édition ▸ Annuler, Ctrl+Z).", "Supprimer"):
            return False
        for a in actions:
            if (form := self._forms.get(a.id)) is not None:
                self._remove_tab(form)
        service = self.ctx.workspace.actions
        stack = self.ctx.undo_stack
        if len(actions) > 1:
            stack.beginMacro(f"Suppression de {len(actions)} actions")
        try:
            for a in actions:
                push_done(stack, service.delete_with_step(a.id, a.reference))
        finally:
            if len(actions) > 1:
                stack.endMacro()
        self.statusBar().showMessage(
            f"{len(actions)} action{'s' if len(actions) > 1 else ''} supprimée{'s' if len(actions) > 1 else ''}"
            " — Ctrl+Z pour annuler.", 6000)
        return True

    def _confirm(self, question: str, detail: str, yes_text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "CRTE Desktop", question, parent=self)
        box.setInformativeText(detail)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    # -- tabs: save, print, close ---------------------------------------------------------------------
    def save_current(self) -> bool:
        page = self.tabs.currentWidget()
        save = getattr(page, "save", None)
        if not callable(save):
            self.statusBar().showMessage("Les modifications du tableau sont enregistrées au fur et à mesure.", 4000)
            return False
        return bool(save())

    def print_current(self) -> None:
        print_ = getattr(self.tabs.currentWidget(), "print_", None)
        if callable(print_):
            print_()
        else:
            self.statusBar().showMessage("Rien à imprimer sur cette page.", 4000)

    def close_tab(self, index: int) -> bool:
        widget = self.tabs.widget(index)
        if widget is None or widget is self.actions_page:
            return False
        if not self._may_leave(widget):
            return False
        self._remove_tab(widget)
        return True

    def _remove_tab(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.removeTab(index)
        self._forms = {k: v for k, v in self._forms.items() if v is not widget}
        self._windows = {k: v for k, v in self._windows.items() if v is not widget}
        widget.deleteLater()
        self._update_actions()

    def _may_leave(self, widget: QWidget) -> bool:
        """Ask about unsaved changes of a form: True when it may close."""
        if not getattr(widget, "is_dirty", False):
            return True
        self.tabs.setCurrentWidget(widget)
        title = self.tabs.tabText(self.tabs.indexOf(widget))
        answer = ask_to_save(self, f"la page « {title} »")
        if answer is None:
            return False
        return bool(widget.save()) if answer else True

    def may_close(self) -> bool:
        """Ask about every form with unsaved changes; False when the user chose to stay."""
        return all(self._may_leave(w) for w in self.open_forms())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self._save_layout()
        event.accept()
        self.window_closed.emit()

    def set_navigation_visible(self, visible: bool) -> None:
        """Show or hide the contract tree (Affichage → Panneau de navigation, Ctrl+B)."""
        self.navigation.setVisible(bool(visible))
        self.act_navigation.setChecked(bool(visible))

    # -- layout remembered ----------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        s = self.ctx.settings
        geometry = s.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.94)), min(800, int(screen.height() * 0.92)))
        state = s.value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value(SPLITTER_KEY)
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            self.splitter.setSizes([310, 970])  # the section titles are long
        visible = s.value(NAVIGATION_KEY, True)
        self.set_navigation_visible(visible not in (False, "false", "0", 0))

    def _save_layout(self) -> None:
        s = self.ctx.settings
        s.setValue(GEOMETRY_KEY, self.saveGeometry())
        s.setValue(STATE_KEY, self.saveState())
        s.setValue(SPLITTER_KEY, self.splitter.saveState())
        s.setValue(NAVIGATION_KEY, self.navigation.isVisibleTo(self))
        self.actions_page.table.save_columns()

    # -- help -------------------------------------------------------------------------------------------
    def about(self) -> None:
        from html import escape

        store = self.ctx.store
        QMessageBox.about(
            self, "À propos de CRTE Desktop",
            f"<h3>CRTE Desktop {__version__}</h3>"
            "<p>Le suivi des contrats pour la réussite de la transition écologique (CRTE), destiné à leur "
            "secrétariat : fiches actions, plans de financement, indicateurs, tableau de bord, comités et "
            "séances.</p>"
            f"<p>Espace de travail ouvert :<br><b>{escape(store.path.name)}</b><br>"
            f"<small>{escape(str(store.path.parent))} — schéma {store.version}</small></p>"
            + (f"<p><small>{escape(store.migration_notice())}</small></p>" if store.migration_notice() else "")
            + ("<p><small>Ouvert en lecture seule.</small></p>" if store.read_only else "") +
            "<p>Les données restent dans ce seul fichier <i>.crte</i>, sur cet ordinateur ; "
            "« Enregistrer une copie… » en fait une sauvegarde.</p>"
            f"<p>Journal de l'application (à joindre à un signalement) :<br><small>{escape(str(log_file()))}</small></p>"
            "<p><small>Logiciel libre sous licence MIT. Construit avec Qt (PySide6), SQLite, openpyxl "
            "et matplotlib.</small></p>")
