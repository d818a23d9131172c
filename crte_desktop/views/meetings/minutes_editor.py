"""The minutes (compte rendu) of a meeting: opening text and notes per agenda item, the decisions (outcome,
linked actions, applied to the programme), the follow-ups (owner, due date, done), and the minutes'
state: draft, then validated at a later meeting of the same committee (reopened to be corrected)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel, QMenu, QMessageBox,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import Decision, DecisionEffect, FollowUp, meeting_label
from crte_desktop.meetings.document_data import follow_up_state
from crte_desktop.views.meetings.decision_dialogs import ApplyDecisionDialog, DecisionDialog, FollowUpDialog
from crte_desktop.views.meetings.financing_decision_dialog import ApplyFinancingDialog
from crte_desktop.views.widgets.read_only import lock_writing
from crte_desktop.views.widgets.small_screen import FlowLayout
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.meetings.meeting_files import export_meeting_document, show_info
from crte_desktop.views.meetings.meeting_undo import meeting_step, programme_step
from crte_desktop.views.widgets.table_fit import read_only_table, compact_combo, fill_column

ID_ROLE = Qt.ItemDataRole.UserRole
LATE_BRUSH = QBrush(QColor("#b71c1c"))
DECISION_HEADERS = ["N°", "Décision", "Résultat", "Effet", "Actions concernées", "Appliquée"]
FOLLOW_UP_HEADERS = ["Suite à donner", "Responsable", "Échéance", "Décision", "État"]


class MinutesEditor(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.minutes = ctx.workspace.minutes
        self.decisions = ctx.workspace.decisions
        self.agenda = ctx.workspace.agenda
        self.meeting_id: int | None = None
        self.choices: list[tuple[int, str]] = []
        self._items: list = []
        self._typed: dict[int, str] = {}  # notes typed for agenda items not shown now, not yet saved
        self._shown_item: int | None = None  # the item whose notes are in notes_edit

        # state of the minutes
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-weight: bold;")
        self.validate_button = QPushButton("Valider le compte rendu")
        self.validate_menu = QMenu(self.validate_button)
        self.validate_button.setMenu(self.validate_menu)
        self.validate_menu.aboutToShow.connect(self._fill_validate_menu)
        self.reopen_button = QPushButton("Rouvrir")
        self.reopen_button.clicked.connect(self.reopen)
        self.docx_button = QPushButton("Compte rendu DOCX…")
        self.pdf_button = QPushButton("Compte rendu PDF…")
        self.docx_button.clicked.connect(lambda: self.export_docx())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        state = QHBoxLayout()
        state.addWidget(self.state_label)
        state.addLayout(FlowLayout.of([self.validate_button, self.reopen_button, self.docx_button, self.pdf_button],
                                      align_right=True), 1)

        # the text of the minutes
        self.introduction_edit = QPlainTextEdit()
        self.introduction_edit.setPlaceholderText("Ouverture de la séance, rappel du contexte…")
        self.item_combo = compact_combo(QComboBox(), 16)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText("Relevé des échanges sur ce point…")
        self.save_text_button = QPushButton("Enregistrer le relevé")
        self.save_text_button.clicked.connect(self.save_text)
        self.item_combo.currentIndexChanged.connect(self._show_notes)
        self.introduction_edit.textChanged.connect(self._update_text_button)
        self.notes_edit.textChanged.connect(self._update_text_button)
        text_box = QGroupBox("Relevé des échanges")
        tb = QVBoxLayout(text_box)
        tb.addWidget(QLabel("Introduction"))
        tb.addWidget(self.introduction_edit)
        tb.addWidget(QLabel("Notes du point"))
        tb.addWidget(self.item_combo)
        tb.addWidget(self.notes_edit, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_text_button)
        tb.addLayout(row)

        # decisions
        self.decision_table = read_only_table(DECISION_HEADERS, single_selection=True)
        fill_column(self.decision_table, 1, 200, {0: 36, 2: 80, 3: 100, 4: 170, 5: 90})
        self.new_decision_button = QPushButton("Nouvelle décision…")
        self.edit_decision_button = QPushButton("Modifier…")
        self.delete_decision_button = QPushButton("Supprimer")
        self.apply_button = QPushButton("Appliquer au programme…")
        self.apply_button.setToolTip("Inscrire, adapter ou abandonner l'action comme la décision l'a arrêté")
        self.new_decision_button.clicked.connect(lambda: self.edit_decision(None))
        self.edit_decision_button.clicked.connect(lambda: self.edit_decision(self.current_decision_id()))
        self.delete_decision_button.clicked.connect(self.delete_decision)
        self.apply_button.clicked.connect(lambda: self.apply_decision(self.current_decision_id()))
        self.decision_table.itemSelectionChanged.connect(self._update_buttons)
        self.decision_table.itemDoubleClicked.connect(lambda _i: self.edit_decision(self.current_decision_id()))
        decisions_box = QGroupBox("Décisions")
        db = QVBoxLayout(decisions_box)
        db.addWidget(self.decision_table, 1)
        db.addLayout(FlowLayout.of([self.new_decision_button, self.edit_decision_button, self.delete_decision_button,
                                    self.apply_button]))

        # follow-ups
        self.follow_up_table = read_only_table(FOLLOW_UP_HEADERS, single_selection=True)
        fill_column(self.follow_up_table, 0, 200, {1: 130, 2: 90, 3: 70, 4: 90})
        self.new_follow_up_button = QPushButton("Nouvelle suite…")
        self.edit_follow_up_button = QPushButton("Modifier…")
        self.done_button = QPushButton("Marquer comme faite")
        self.delete_follow_up_button = QPushButton("Supprimer")
        self.new_follow_up_button.clicked.connect(lambda: self.edit_follow_up(None))
        self.edit_follow_up_button.clicked.connect(lambda: self.edit_follow_up(self.current_follow_up_id()))
        self.done_button.clicked.connect(self.mark_done)
        self.delete_follow_up_button.clicked.connect(self.delete_follow_up)
        self.follow_up_table.itemSelectionChanged.connect(self._update_buttons)
        self.follow_up_table.itemDoubleClicked.connect(lambda _i: self.edit_follow_up(self.current_follow_up_id()))
        follow_box = QGroupBox("Suites à donner")
        fb = QVBoxLayout(follow_box)
        fb.addWidget(self.follow_up_table, 1)
        fb.addLayout(FlowLayout.of([self.new_follow_up_button, self.edit_follow_up_button, self.done_button,
                                    self.delete_follow_up_button]))

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(decisions_box)
        right.addWidget(follow_box)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(text_box)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 650])
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(state)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.set_meeting(None)

    # -- loading -------------------------------------------------------------------------------------
    def set_meeting(self, meeting_id: int | None, choices: list[tuple[int, str]] | None = None) -> None:
        """Show a meeting's minutes; notes typed and not saved for another meeting are dropped (the page
        asks before leaving a meeting with unsaved changes)."""
        if meeting_id != self.meeting_id:
            self._typed.clear()
            self._shown_item = None
        self.meeting_id = meeting_id
        if choices is not None:
            self.choices = choices
        self.setEnabled(meeting_id is not None)
        show_message(self.message, "")
        self.refresh()

    def refresh(self) -> None:
        mid = self.meeting_id
        meeting = self.minutes.meetings.get(mid) if mid is not None else None
        self._keep_typed()
        self._shown_item = None
        self._items = self.agenda.items(mid) if mid is not None else []
        self._typed = {k: v for k, v in self._typed.items() if self._item(k) is not None and v != self._item(k).notes}
        self._decisions = self.decisions.decisions(mid) if mid is not None else []
        self._follow_ups = self.decisions.follow_ups(mid) if mid is not None else []

        if meeting is None:
            self.state_label.setText("")
        elif meeting.minutes_locked:
            at = self.minutes.meetings.repo.get(meeting.minutes_validated_at) if meeting.minutes_validated_at else None
            committee = self.minutes.meetings.committee_of(meeting)
            where = f"lors du {meeting_label(committee, at)}" if at else f"le {format_date(meeting.minutes_validated_on)}"
            self.state_label.setText(f"Compte rendu validé {where}")
        else:
            self.state_label.setText("Compte rendu : brouillon")
        locked = bool(meeting and meeting.minutes_locked)
        ahead = bool(meeting and meeting.date and meeting.date > self.ctx.today)
        if ahead:
            show_message(self.message, f"La séance du {format_date(meeting.date)} n'a pas encore eu lieu : le compte "
                                       "rendu, les décisions et les suites se saisissent à partir du jour de la séance.")
        locked = locked or ahead
        self.validate_button.setEnabled(meeting is not None and not locked)
        self.reopen_button.setEnabled(bool(meeting and meeting.minutes_locked))

        self.introduction_edit.blockSignals(True)
        self.introduction_edit.setPlainText(meeting.introduction if meeting else "")
        self.introduction_edit.setReadOnly(locked)
        self.introduction_edit.blockSignals(False)
        current = self.item_combo.currentData()
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for n, item in enumerate(self._items, 1):
            self.item_combo.addItem(f"{n}. {item.title}", item.id)
        index = self.item_combo.findData(current)
        self.item_combo.setCurrentIndex(index if index >= 0 else 0)
        self.item_combo.blockSignals(False)
        self.notes_edit.setReadOnly(locked)
        self._show_notes()

        self._fill_decisions()
        self._fill_follow_ups()
        for b in (self.new_decision_button, self.new_follow_up_button):
            b.setEnabled(not locked)
        self._update_buttons()

    def _keep_typed(self) -> None:
        """Remember what notes_edit holds for the item it shows, while it differs from the saved notes."""
        item = self._item(self._shown_item)
        if item is None:
            return
        text = self.notes_edit.toPlainText()
        if text != item.notes:
            self._typed[item.id] = text
        else:
            self._typed.pop(item.id, None)

    def _show_notes(self) -> None:
        """Show the notes of the item chosen in « Notes du point »: as typed if they were, else as saved."""
        self._keep_typed()
        item = self._item(self.item_combo.currentData())
        self._shown_item = item.id if item else None
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(self._typed.get(item.id, item.notes) if item else "")
        self.notes_edit.setEnabled(item is not None)
        self.notes_edit.blockSignals(False)
        self._update_text_button()

    def pending_notes(self) -> dict[int, str]:
        """Agenda item id → notes typed and not saved (the item shown included)."""
        self._keep_typed()
        return dict(self._typed)

    def _item(self, item_id):
        return next((i for i in self._items if i.id == item_id), None)

    def _fill_decisions(self) -> None:
        numbers = {item.id: n for n, item in enumerate(self._items, 1)}
        self.decision_table.setRowCount(len(self._decisions))
        for row, d in enumerate(self._decisions):
            text = d.text + (f" (point {numbers[d.agenda_item_id]})" if d.agenda_item_id in numbers else "")
            effect = d.effect.label if d.effect.changes_programme else "—"
            applied = format_date(d.applied_on) if d.applied_on else ("à appliquer" if d.effect.changes_programme
                                                                        else "")
            values = [str(d.number), text, d.outcome.decision_label, effect, "\n".join(a.label for a in d.actions), applied]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, d.id)
                cell.setToolTip(value)
                self.decision_table.setItem(row, col, cell)
        self.decision_table.resizeRowsToContents()

    def _fill_follow_ups(self) -> None:
        numbers = {d.id: d.number for d in self._decisions}
        self.follow_up_table.setRowCount(len(self._follow_ups))
        for row, f in enumerate(self._follow_ups):
            late = f.is_overdue(self.ctx.today)
            state = "En retard" if late else follow_up_state(f)
            values = [f.text, f.owner, format_date(f.due_date),
                      f"n° {numbers[f.decision_id]}" if f.decision_id in numbers else "", state]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, f.id)
                cell.setToolTip(value)
                if late:
                    cell.setForeground(LATE_BRUSH)
                self.follow_up_table.setItem(row, col, cell)
        self.follow_up_table.resizeRowsToContents()

    def current_decision_id(self) -> int | None:
        rows = self.decision_table.selectionModel().selectedRows()
        return self.decision_table.item(rows[0].row(), 0).data(ID_ROLE) if rows else None

    def current_follow_up_id(self) -> int | None:
        rows = self.follow_up_table.selectionModel().selectedRows()
        return self.follow_up_table.item(rows[0].row(), 0).data(ID_ROLE) if rows else None

    def _update_buttons(self) -> None:
        meeting = self.minutes.meetings.repo.get(self.meeting_id) if self.meeting_id is not None else None
        locked = bool(meeting and meeting.minutes_locked)
        decision = next((d for d in self._decisions if d.id == self.current_decision_id()), None)
        for b in (self.edit_decision_button, self.delete_decision_button):
            b.setEnabled(decision is not None and not locked)
        self.apply_button.setEnabled(decision is not None and decision.effect.changes_programme and not decision.applied)
        follow_up = next((f for f in self._follow_ups if f.id == self.current_follow_up_id()), None)
        self.edit_follow_up_button.setEnabled(follow_up is not None and not locked)
        self.delete_follow_up_button.setEnabled(follow_up is not None and not locked)
        self.done_button.setEnabled(follow_up is not None and not follow_up.done)

    def _update_text_button(self) -> None:
        self.save_text_button.setEnabled(self.text_dirty)

    @property
    def text_dirty(self) -> bool:
        if self.meeting_id is None:
            return False
        meeting = self.minutes.meetings.repo.get(self.meeting_id)
        if meeting is None or meeting.minutes_locked:
            return False
        return self.introduction_edit.toPlainText() != meeting.introduction or bool(self.pending_notes())

    is_dirty = text_dirty

    # -- writing -------------------------------------------------------------------------------------
    def _step(self, text: str, do, **kwargs) -> bool:
        try:
            meeting_step(self.ctx, text, self.meeting_id, do, **kwargs)
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        show_message(self.message, "")
        self.refresh()
        self.changed.emit()
        return True

    def save_text(self) -> bool:
        """Save the introduction and the notes of every agenda item typed since the last save (one step)."""
        if self.meeting_id is None:
            return False
        introduction = self.introduction_edit.toPlainText()
        notes = self.pending_notes()
        meeting_id = self.meeting_id
        try:
            meeting_step(self.ctx, "Relevé des échanges", meeting_id,
                         lambda: self.minutes.save_text(meeting_id, introduction, notes))
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self._typed.clear()
        self._shown_item = None
        show_message(self.message, "")
        self.refresh()
        self.changed.emit()
        return True

    def edit_decision(self, decision_id: int | None, edited: Decision | None = None) -> bool:
        """Open the decision's dialog (a new one when ``decision_id`` is None); ``edited``: skip the dialog."""
        if self.meeting_id is None:
            return False
        if edited is None:
            decision = self.decisions.get(decision_id) if decision_id else self.decisions.new_decision(self.meeting_id)
            dialog = DecisionDialog(self.decisions, decision, self._items, self.choices, self)
            self._lock_dialog(dialog)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            edited = dialog.edited()
        text = f"Décision n° {edited.number}" if edited.id is None else f"Modification de la décision n° {edited.number}"
        return self._step(text, lambda: self.decisions.save_decision(edited))

    def _lock_dialog(self, dialog) -> None:
        """A read-only window: a double-click shows the decision or the follow-up, OK disabled with the reason."""
        lock_writing(self.ctx.store, [dialog], keep=[dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)])

    def delete_decision(self) -> bool:
        decision_id = self.current_decision_id()
        if decision_id is None:
            return False
        number = self.decisions.get(decision_id).number
        return self._step(f"Suppression de la décision n° {number}", lambda: self.decisions.delete_decision(decision_id))

    def edit_follow_up(self, follow_up_id: int | None, edited: FollowUp | None = None) -> bool:
        if self.meeting_id is None:
            return False
        if edited is None:
            follow_up = (self.decisions.repo.follow_up(follow_up_id) if follow_up_id
                         else self.decisions.new_follow_up(self.meeting_id))
            dialog = FollowUpDialog(self.decisions, follow_up, self._decisions, self)
            self._lock_dialog(dialog)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            edited = dialog.edited()[0]
        text = "Nouvelle suite à donner" if edited.id is None else "Modification d'une suite à donner"
        return self._step(text, lambda: self.decisions.save_follow_up(edited))

    def mark_done(self) -> bool:
        follow_up_id = self.current_follow_up_id()
        if follow_up_id is None:
            return False
        return self._step("Suite à donner faite", lambda: self.decisions.set_done(follow_up_id, True, self.ctx.today))

    def delete_follow_up(self) -> bool:
        follow_up_id = self.current_follow_up_id()
        if follow_up_id is None:
            return False
        return self._step("Suppression d'une suite à donner", lambda: self.decisions.delete_follow_up(follow_up_id))

    # -- the programme -------------------------------------------------------------------------------
    def apply_decision(self, decision_id: int | None, bundle=None, *, confirm: bool = True) -> bool:
        """Apply an adopted decision to the actions: the action as changed is asked in a dialog (an
        abandonment only needs a confirmation); ``bundle`` given: no dialog."""
        if decision_id is None:
            return False
        decision = self.decisions.get(decision_id)
        try:
            self.decisions.require_applicable(decision_id)  # before the dialog: nothing typed is lost
            if bundle is None:
                bundle = self._ask_bundle(decision, confirm)
                if bundle is None:
                    return False
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        linked = [a.action_id for a in decision.actions if a.action_id is not None]
        try:
            programme_step(self.ctx, f"Application de la décision n° {decision.number}", self.meeting_id,
                           lambda: self.decisions.apply(decision_id, bundle), linked)
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        applied = self.decisions.get(decision_id)
        show_info(self.message, f"Décision n° {applied.number} appliquée au programme d'actions"
                                + (f" : {applied.actions[-1].label}." if applied.actions else "."))
        self.refresh()
        self.changed.emit()
        return True

    def _ask_bundle(self, decision: Decision, confirm: bool):
        bundle = self.decisions.bundle_for(decision.id)
        if decision.effect is DecisionEffect.ABANDON:
            if confirm:
                names = ", ".join(a.label for a in decision.actions)
                box = QMessageBox(QMessageBox.Icon.Question, "Appliquer la décision",
                                  f"Passer au statut « Abandonnée » : {names} ?", parent=self)
                yes = box.addButton("Appliquer", QMessageBox.ButtonRole.AcceptRole)
                box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
                box.exec()
                if box.clickedButton() is not yes:
                    return None
            return bundle
        if decision.effect is DecisionEffect.FINANCING:
            directory = self.ctx.workspace.directory
            funders = {f.id: f.label for f in directory.funders()}
            schemes = {s.id: s.name for s in directory.schemes()}
            labels = [" — ".join(p for p in (funders.get(line.funder_id, "?"), schemes.get(line.scheme_id, ""),
                                             str(line.year or "")) if p) for line in bundle.financing]
            dialog = ApplyFinancingDialog(self.ctx.workspace.actions, bundle, f"Décision n° {decision.number} — "
                                          f"{decision.effect.label}", labels, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.edited()[0]
        contract_id = bundle.action.contract_id
        sections = [(s.id, f"{s.code} {s.title}") for s in self.ctx.workspace.contracts.sections(contract_id)]
        owners = [(o.id, o.name) for o in self.ctx.workspace.directory.organisations()]
        dialog = ApplyDecisionDialog(self.ctx.workspace.actions, bundle, f"Décision n° {decision.number} — {decision.effect.label}",
                                     sections, owners, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.edited()[0]

    # -- validation of the minutes -------------------------------------------------------------------
    def _fill_validate_menu(self) -> None:
        self.validate_menu.clear()
        candidates = self.minutes.candidates_for_validation(self.meeting_id) if self.meeting_id else []
        if not candidates:
            action = self.validate_menu.addAction("Aucune séance suivante de ce comité")
            action.setEnabled(False)
        committee = self.minutes.meetings.committee_of(self.minutes.meetings.get(self.meeting_id)) if candidates else None
        for m in candidates:
            self.validate_menu.addAction(f"Validé lors du {meeting_label(committee, m)}",
                                         lambda mid=m.id: self.validate_minutes(mid))

    def validate_minutes(self, at_meeting_id: int) -> bool:
        return self._step("Validation du compte rendu", lambda: self.minutes.validate(self.meeting_id, at_meeting_id))

    def reopen(self) -> bool:
        return self._step("Réouverture du compte rendu", lambda: self.minutes.reopen(self.meeting_id))

    # -- documents -----------------------------------------------------------------------------------
    def _export(self, write, suffix: str, path: str | None) -> str | None:
        if self.meeting_id is None:
            return None
        return export_meeting_document(self, self.ctx, self.meeting_id, self.message, write, "Compte rendu", suffix,
                                       path)

    def export_docx(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.minutes_docx, ".docx", path)

    def export_pdf(self, path: str | None = None) -> str | None:
        return self._export(self.ctx.workspace.documents.minutes_pdf, ".pdf", path)
