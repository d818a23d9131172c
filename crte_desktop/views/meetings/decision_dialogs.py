"""Dialogs of the minutes: a decision, a follow-up, and the action as a decision changes it. Each checks
what is typed against the services' rules and keeps OK disabled while a rule is broken."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QWidget)

from crte_desktop.domain.dates import DateError, format_date, parse_date
from crte_desktop.domain.enums import ActionStatus
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.meetings import AgendaItem, Decision, DecisionEffect, DecisionOutcome, FollowUp
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.widgets.choosers import SearchableCombo
from crte_desktop.views.widgets.date_edit import DateEdit
from crte_desktop.views.widgets.inputs import AmountEdit
from crte_desktop.views.widgets.dialog_frame import lay_out_form_dialog
from crte_desktop.views.widgets.form_feedback import show_message
from crte_desktop.views.meetings.linked_actions import LinkedActionsEditor
from crte_desktop.views.widgets import enum_combo


class _CheckedDialog(QDialog):
    """OK enabled only when ``problems()`` has no error; the messages are shown above the buttons."""

    def _lay_out(self, rows: list[tuple[str | None, QWidget]], changed: list) -> None:
        """The form (``rows``: label and field; a None label: the field spans the row), the message and the
        buttons below; the dialog is checked now and whenever one of the ``changed`` signals fires."""
        form = QFormLayout()
        for label, widget in rows:
            if label is None:
                form.addRow(widget)
            else:
                form.addRow(label, widget)
        self.message, self.buttons = lay_out_form_dialog(self, form)
        for signal in changed:
            signal.connect(self.validate)
        self.validate()

    def problems(self) -> list[Problem]:
        raise NotImplementedError

    def validate(self) -> bool:
        problems = [p for p in self.problems() if p.is_error]
        show_message(self.message, "\n".join(p.message for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if self.validate():
            super().accept()


def _items_combo(items: list[AgendaItem], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem("(aucun point)", None)
    for n, item in enumerate(items, 1):
        combo.addItem(f"{n}. {item.title}", item.id)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    return combo


class DecisionDialog(_CheckedDialog):
    def __init__(self, service, decision: Decision, items: list[AgendaItem], choices: list[tuple[int, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Décision" if decision.id else "Nouvelle décision")
        self.resize(560, 460)
        self.service = service
        self.decision = copy.deepcopy(decision)
        self.text_edit = QPlainTextEdit(decision.text)
        self.number_spin = QSpinBox()
        self.number_spin.setRange(1, 999)
        self.number_spin.setValue(max(decision.number, 1))
        self.outcome_combo = QComboBox()
        enum_combo.fill(self.outcome_combo, DecisionOutcome)
        enum_combo.set_current(self.outcome_combo, decision.outcome)
        self.effect_combo = QComboBox()
        enum_combo.fill(self.effect_combo, DecisionEffect)
        enum_combo.set_current(self.effect_combo, decision.effect)
        if decision.applied:
            for w in (self.outcome_combo, self.effect_combo):
                w.setEnabled(False)
                w.setToolTip(f"Décision appliquée le {format_date(decision.applied_on)} : ne change plus.")
        self.item_combo = _items_combo(items, decision.agenda_item_id)
        self.actions_editor = LinkedActionsEditor()
        self.actions_editor.set_choices(choices)
        self.actions_editor.set_links(copy.deepcopy(decision.actions))
        self._lay_out([("N°", self.number_spin), ("Décision *", self.text_edit), ("Résultat", self.outcome_combo),
                       ("Effet sur le programme", self.effect_combo), ("Point de l'ordre du jour", self.item_combo),
                       ("Actions concernées", self.actions_editor)],
                      [self.text_edit.textChanged, self.number_spin.valueChanged, self.actions_editor.changed,
                       *(w.currentIndexChanged for w in (self.outcome_combo, self.effect_combo, self.item_combo))])

    def edited(self) -> Decision:
        d = copy.deepcopy(self.decision)
        d.text = self.text_edit.toPlainText().strip()
        d.number = self.number_spin.value()
        d.outcome = enum_combo.current(self.outcome_combo, DecisionOutcome)
        d.effect = enum_combo.current(self.effect_combo, DecisionEffect)
        d.agenda_item_id = self.item_combo.currentData()
        d.actions = self.actions_editor.links()
        return d

    def problems(self) -> list[Problem]:
        return self.service.problems(self.edited())


class FollowUpDialog(_CheckedDialog):
    def __init__(self, service, follow_up: FollowUp, decisions: list[Decision], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Suite à donner")
        self.resize(480, 300)
        self.service = service
        self.follow_up = copy.deepcopy(follow_up)
        self.text_edit = QPlainTextEdit(follow_up.text)
        self.text_edit.setMaximumHeight(90)
        self.owner_edit = QLineEdit(follow_up.owner)
        self.owner_edit.setPlaceholderText("ex. Douaisis Agglo, secrétariat du CRTE…")
        self.due_edit = DateEdit(follow_up.due_date)
        self.decision_combo = QComboBox()
        self.decision_combo.addItem("(aucune)", None)
        for d in decisions:
            self.decision_combo.addItem(f"n° {d.number} — {d.text[:60]}", d.id)
        if follow_up.decision_id is not None:
            self.decision_combo.setCurrentIndex(max(self.decision_combo.findData(follow_up.decision_id), 0))
        self.done_check = QCheckBox("Faite")
        self.done_check.setChecked(follow_up.done)
        self._lay_out([("Suite à donner *", self.text_edit), ("Responsable", self.owner_edit),
                       ("Échéance", self.due_edit), ("Décision", self.decision_combo), ("", self.done_check)],
                      [self.text_edit.textChanged, self.owner_edit.textChanged, self.due_edit.textChanged,
                       self.decision_combo.currentIndexChanged, self.done_check.toggled])

    def edited(self) -> tuple[FollowUp, list[Problem]]:
        f = copy.deepcopy(self.follow_up)
        problems = []
        f.text = self.text_edit.toPlainText().strip()
        f.owner = self.owner_edit.text().strip()
        try:
            f.due_date = parse_date(self.due_edit.text())
        except DateError as err:
            problems.append(Problem("due_date", str(err)))
        f.decision_id = self.decision_combo.currentData()
        f.done = self.done_check.isChecked()
        if not f.done:
            f.done_on = None
        return f, problems

    def problems(self) -> list[Problem]:
        f, problems = self.edited()
        return problems + self.service.follow_up_problems(f)


class ApplyDecisionDialog(_CheckedDialog):
    """The action as the decision changes it (a new one for an inclusion): the essentials of its fiche.
    The rest of the fiche (financing plan, indicators…) is edited in the action form afterwards."""

    def __init__(self, actions_service, bundle: ActionBundle, title: str, sections: list[tuple[int, str]],
                 owners: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 420)
        self.actions_service = actions_service
        self.bundle = bundle.copy()
        a = self.bundle.action
        self.intro = QLabel(title)
        self.intro.setWordWrap(True)
        self.reference_edit = QLineEdit(a.reference)
        self.reference_edit.setEnabled(a.id is None)
        self.title_edit = QLineEdit(a.title)
        self.section_combo = SearchableCombo("(sans section)")
        self.section_combo.set_items(sections)
        self.section_combo.set_current_id(a.section_id)
        self.owner_combo = SearchableCombo("(aucun)")
        self.owner_combo.set_items(owners)
        self.owner_combo.set_current_id(a.owner_id)
        self.status_combo = QComboBox()
        enum_combo.fill(self.status_combo, ActionStatus)
        enum_combo.set_current(self.status_combo, a.status)
        self.progress_spin = QSpinBox()
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix(" %")
        self.progress_spin.setValue(a.progress)
        self.cost_edit = AmountEdit()
        self.cost_edit.set_value(a.total_cost)
        self.start_edit = DateEdit(a.start_date)
        self.end_edit = DateEdit(a.end_date)
        for w in (self.start_edit, self.end_edit):
            w.setPlaceholderText("jj/mm/aaaa")
        self._lay_out([(None, self.intro), ("Référence", self.reference_edit), ("Intitulé *", self.title_edit),
                       ("Section", self.section_combo), ("Maître d'ouvrage", self.owner_combo),
                       ("Statut", self.status_combo), ("Taux de réalisation", self.progress_spin),
                       ("Coût total (€)", self.cost_edit), ("Début", self.start_edit), ("Fin", self.end_edit)],
                      [*(w.textChanged for w in (self.reference_edit, self.title_edit, self.start_edit, self.end_edit)),
                       self.cost_edit.edited, self.progress_spin.valueChanged,
                       *(w.currentIndexChanged for w in (self.section_combo, self.owner_combo, self.status_combo))])

    def edited(self) -> tuple[ActionBundle, list[Problem]]:
        b = self.bundle.copy()
        a = b.action
        problems = []
        a.reference = self.reference_edit.text().strip()
        a.title = self.title_edit.text().strip()
        a.section_id = self.section_combo.current_id()
        a.owner_id = self.owner_combo.current_id()
        a.status = enum_combo.current(self.status_combo, ActionStatus)
        a.progress = self.progress_spin.value()
        if self.cost_edit.error():
            problems.append(Problem("total_cost", self.cost_edit.error()))
        else:
            a.total_cost = self.cost_edit.value()
        for name, edit in (("start_date", self.start_edit), ("end_date", self.end_edit)):
            try:
                setattr(a, name, parse_date(edit.text()))
            except DateError as err:
                problems.append(Problem(name, str(err)))
        return b, problems

    def problems(self) -> list[Problem]:
        bundle, problems = self.edited()
        return problems + self.actions_service.problems(bundle)
