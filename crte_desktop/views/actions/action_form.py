"""The fiche action form: five tabs over one ActionBundle, validated as you type, saved as one
undoable step (ActionService.save_step, pushed by views/shell/undoable.py).

The form holds no rule: problems come from ``ActionService.problems`` and figures from
``ActionService.totals``; it shows them and keeps Save disabled while an error remains."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from crte_desktop.db.changes import Changes
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.actions.tabs.assessment_tab import PLANNING_FIELDS, AssessmentTab
from crte_desktop.views.actions.tabs.financing_tab import FinancingTab, is_financing_problem
from crte_desktop.views.actions.tabs.general_tab import GeneralTab
from crte_desktop.views.actions.tabs.history_tab import HistoryTab
from crte_desktop.views.actions.tabs.indicators_tab import IndicatorsTab, is_indicator_problem
from crte_desktop.views.widgets.inputs import ERROR_COLOR
from crte_desktop.views.widgets.read_only import lock_writing
from crte_desktop.views.actions.tabs.lookups import Lookups
from crte_desktop.views.shell.context import AppContext
from crte_desktop.views.shell.undoable import push_done

GENERAL, FINANCING, INDICATORS, ASSESSMENT, HISTORY = range(5)
# Taller tabs than the default style's: its unselected tabs clip the accent of "Évaluation".
log = logging.getLogger(__name__)

TAB_STYLE = (
    "QTabWidget::pane { border: 1px solid #c4c4c4; top: -1px; }"
    " QTabBar::tab { padding: 5px 12px; border: 1px solid #c4c4c4; background: #e6e6e6; margin-right: 2px;"
    " border-top-left-radius: 3px; border-top-right-radius: 3px; }"
    " QTabBar::tab:selected { background: palette(window); border-bottom-color: palette(window); }"
    " QTabBar::tab:!selected { margin-top: 2px; }"
)


class ActionForm(QWidget):
    saved = Signal(int)  # the action id
    closed = Signal()

    def __init__(self, ctx: AppContext, action_id: int | None, contract_id: int, section_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.actions
        self.contract_id = contract_id
        self._lookups = Lookups.load(ctx.workspace, contract_id)
        self._stored: ActionBundle | None = None  # what the store holds (None: not created yet)
        self._pristine: ActionBundle | None = None  # what the fields showed when loaded
        self._bundle: ActionBundle | None = None  # being edited
        self._gone = False
        self._saving = False
        self._errors: list[Problem] = []
        self._closed = False
        self._build()
        if action_id is None:
            self._show(self.service.new_bundle(contract_id, section_id, ctx.today.year), stored=None)
        else:
            bundle = self.service.load(action_id)
            self._show(bundle, stored=bundle)
        ctx.bus.changed.connect(self._on_store_changed)

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.ctx.today
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)

        self.banner = QFrame()
        self.banner.setStyleSheet("QFrame { background: #fff3cd; border: 1px solid #e0c36b; border-radius: 3px; }"
                                  " QLabel { border: none; }")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.reload_button = QPushButton("Recharger")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.reload_button)
        self.banner.hide()

        self.general = GeneralTab(today)
        self.general.set_lookups(self._lookups)
        self.financing = FinancingTab(self._lookups, today)
        self.indicators = IndicatorsTab(today)
        self.assessment = AssessmentTab()
        self.assessment.set_lookups(self._lookups)
        self.history = HistoryTab(self.ctx.workspace.history)
        self.tabs = QTabWidget()
        self.tabs.setStyleSheet(TAB_STYLE)
        self.tabs.addTab(self.general, "Général")
        self.tabs.addTab(self.financing, "Plan de financement")
        self.tabs.addTab(self.indicators, "Indicateurs")
        self.tabs.addTab(self.assessment, "Évaluation environnementale")
        self.tabs.addTab(self.history, "Historique")

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setToolTip("Enregistrer l'action (Ctrl+S)")
        self.save_button.setDefault(True)
        self.close_button = QPushButton("Fermer")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self._save_if_allowed)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.request_close)
        self.reload_button.clicked.connect(self.reload)
        for tab in (self.general, self.financing, self.indicators, self.assessment):
            tab.edited.connect(self._on_edited)
        # a read-only window shows the action: fields read-only, add/remove and Save disabled with the reason
        lock_writing(self.ctx.store, [self.general, self.financing, self.indicators, self.assessment,
                                      self.save_button])

    # -- state ---------------------------------------------------------------------------------------
    @property
    def action_id(self) -> int | None:
        return self._stored.action.id if self._stored is not None else None

    @property
    def bundle(self) -> ActionBundle:
        """The bundle being edited (read it; the tabs write it)."""
        return self._bundle

    @property
    def is_dirty(self) -> bool:
        if self._gone or self._bundle is None:
            return False
        return self._bundle != self._pristine or bool(self.general.input_errors())

    def errors(self) -> list[Problem]:
        """The errors that keep Save disabled (rules broken and text that cannot be read)."""
        return list(self._errors)

    def title(self) -> str:
        a = self._bundle.action
        if self.action_id is None:
            return f"Nouvelle action {a.reference}".strip()
        return f"{a.reference} — {a.title}" if a.title else a.reference

    # -- loading -------------------------------------------------------------------------------------
    def _show(self, bundle: ActionBundle, stored: ActionBundle | None) -> None:
        self._stored = stored.copy() if stored is not None else None
        self._pristine = bundle.copy()
        self._bundle = bundle.copy()
        self._gone = False
        self.banner.hide()
        self.tabs.setEnabled(True)
        for tab in (self.general, self.financing, self.indicators, self.assessment):
            tab.set_bundle(self._bundle)
        self.history.load(self.action_id)
        self._revalidate()

    def reload(self) -> None:
        """Drop the edits and show what the store holds."""
        if self.action_id is None:
            self._show(self.service.new_bundle(self.contract_id, self._bundle.action.section_id,
                                               self.ctx.today.year), stored=None)
            return
        try:
            bundle = self.service.load(self.action_id)
        except DomainError:
            self._mark_gone()
            return
        self._show(bundle, stored=bundle)

    def _mark_gone(self) -> None:
        self._gone = True
        self.tabs.setEnabled(False)
        self.banner_text.setText("Cette action n'existe plus dans l'espace de travail "
                                 "(supprimée, ou sa création a été annulée).")
        self.reload_button.hide()
        self.banner.show()
        self._revalidate()

    def _reload_lookups(self) -> None:
        self._lookups = Lookups.load(self.ctx.workspace, self.contract_id)
        self.general.set_lookups(self._lookups)  # keeps the choices and the text being typed
        self.financing.set_lookups(self._lookups)
        self.assessment.set_lookups(self._lookups)

    def _on_store_changed(self, changes: Changes) -> None:
        if self._saving:
            return
        if changes.everything or changes.reference or changes.organisations or changes.sections or changes.contracts:
            self._reload_lookups()
        action_id = self.action_id
        if action_id is None or not (changes.everything or action_id in changes.actions):
            return
        if self.is_dirty:
            self.banner_text.setText("Cette action a été modifiée ailleurs — Recharger pour voir la version "
                                     "enregistrée (vos modifications en cours seront perdues).")
            self.reload_button.show()
            self.banner.show()
            return
        self.reload()

    # -- validation ------------------------------------------------------------------------------------
    def _on_edited(self) -> None:
        self._revalidate()

    def _revalidate(self) -> None:
        if self._gone:
            self._errors = []
            self.save_button.setEnabled(False)
            self.status.setText("")
            self.heading.setText(self.title())
            return
        problems = self.service.problems(self._bundle)
        typed = self.general.input_errors()
        unshown = self.general.show_problems(typed + problems)
        self.financing.show_problems(problems)
        self.financing.show_totals(self.service.totals(self._bundle))
        self.indicators.show_problems(problems)
        self.assessment.show_problems(problems)
        self._errors = [p for p in typed + problems if p.is_error]
        dirty = self.is_dirty
        self.save_button.setEnabled(not self._errors and (dirty or self.action_id is None))
        self._colour_tabs()
        self.heading.setText(self.title())
        self.setWindowTitle(self.title())
        if self._errors:
            count = len(self._errors)
            self.status.setText(f"{count} erreur{'s' if count > 1 else ''} à corriger avant d'enregistrer.")
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
            self.status.setToolTip("\n".join(p.message for p in self._errors))
        else:
            self.status.setText("Modifications non enregistrées." if dirty else "")
            self.status.setStyleSheet("")
            self.status.setToolTip("\n".join(p.message for p in unshown if not p.is_error))

    def _colour_tabs(self) -> None:
        normal = self.tabs.palette().color(QPalette.ColorRole.WindowText)
        general_fields = set(self.general.boxes)
        flagged = {
            GENERAL: any(p.field in general_fields for p in self._errors),
            FINANCING: any(is_financing_problem(p) for p in self._errors),
            INDICATORS: any(is_indicator_problem(p) for p in self._errors),
            ASSESSMENT: any(p.field in PLANNING_FIELDS for p in self._errors),
        }
        for index, has_error in flagged.items():
            self.tabs.tabBar().setTabTextColor(index, QColor(ERROR_COLOR) if has_error else normal)

    # -- saving and closing --------------------------------------------------------------------------
    def _save_if_allowed(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def save(self) -> bool:
        """Validate, then save through the undo stack (one undoable step). Returns True when saved."""
        if self._gone:
            return False
        self._revalidate()
        if self._errors:
            return False
        saved = self._bundle.copy()
        self._saving = True
        try:
            self.service.save(saved)
            push_done(self.ctx.undo_stack, self.service.save_step(self._stored, saved))
        except Exception as exc:  # noqa: BLE001 - reported to the user here; the transaction wrote nothing
            if not isinstance(exc, DomainError):
                log.exception("Saving action %s failed", saved.action.reference)
            message = str(exc) if isinstance(exc, DomainError) else f"L'enregistrement a échoué ({exc})."
            message += " L'espace de travail n'a pas été modifié."
            self.status.setText(message)
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
            return False
        finally:
            self._saving = False
        action_id = saved.action.id
        bundle = self.service.load(action_id)
        self._show(bundle, stored=bundle)
        self.status.setText("Action enregistrée.")
        self.saved.emit(action_id)
        return True

    def request_close(self) -> bool:
        """Close the form, asking first when there are unsaved changes. Emits ``closed`` when closed."""
        if self.is_dirty:
            box = QMessageBox(QMessageBox.Icon.Question, "Modifications non enregistrées",
                              f"L'action « {self.title()} » a des modifications non enregistrées.\n"
                              "Voulez-vous les enregistrer avant de fermer ?", parent=self)
            save = box.addButton("Enregistrer", QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton("Fermer sans enregistrer", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            save.setEnabled(not self._errors)
            box.exec()
            clicked = box.clickedButton()
            if clicked is save:
                if not self.save():
                    return False
            elif clicked is not discard:
                return False
        self._closed = True
        self._detach()
        self.closed.emit()
        if self.isWindow():
            self.close()
        return True

    def _detach(self) -> None:
        try:
            self.ctx.bus.changed.disconnect(self._on_store_changed)
        except (RuntimeError, TypeError):
            pass

    def closeEvent(self, event) -> None:
        # Only the window's own close button asks (a program closing the widget decides for itself).
        if self.isWindow() and event.spontaneous() and not self._closed and not self.request_close():
            event.ignore()
            return
        super().closeEvent(event)
