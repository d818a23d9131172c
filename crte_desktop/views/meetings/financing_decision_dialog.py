"""Applying a « Modification d'un financement » decision: the secretary picks the financing line of the
linked action and sets its amounts at each stage, its state, its decision date and reference — checked by
the same rules as the fiche's financing plan (``ActionService.problems``); OK stays disabled until one of
them changes and no rule is broken."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from crte_desktop.domain.enums import FinancingStatus, Stage
from crte_desktop.domain.errors import Problem
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.meetings.decision_dialogs import _CheckedDialog
from crte_desktop.views.widgets import enum_combo
from crte_desktop.views.widgets.date_edit import DateEdit
from crte_desktop.views.widgets.inputs import AmountEdit

UNCHANGED = "Aucun financement n'est modifié : changez un montant, l'état ou la date de décision de la ligne."


class ApplyFinancingDialog(_CheckedDialog):
    def __init__(self, actions_service, bundle: ActionBundle, title: str, line_labels: list[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 420)
        self.actions_service = actions_service
        self.stored = bundle.copy()
        self.bundle = bundle.copy()
        self._shown = 0
        self.intro = QLabel(f"{title}\n{bundle.action.reference} — {bundle.action.title}")
        self.intro.setWordWrap(True)
        self.line_combo = QComboBox()
        for index, label in enumerate(line_labels):
            self.line_combo.addItem(label, index)
        self.amounts = {stage: AmountEdit() for stage in Stage}
        self.status_combo = enum_combo.fill(QComboBox(), FinancingStatus)
        self.decision_date_edit = DateEdit()
        self.decision_ref_edit = QLineEdit()
        self.decision_ref_edit.setPlaceholderText("ex. arrêté n° 2024-123")
        self._show_line(0)
        self.line_combo.currentIndexChanged.connect(self._on_line)
        self._lay_out([(None, self.intro), ("Financement", self.line_combo),
                       *((f"{stage.label} (€)", edit) for stage, edit in self.amounts.items()),
                       ("État", self.status_combo), ("Date de décision", self.decision_date_edit),
                       ("Référence de la décision", self.decision_ref_edit)],
                      [*(edit.edited for edit in self.amounts.values()), self.status_combo.currentIndexChanged,
                       self.decision_date_edit.edited, self.decision_ref_edit.textEdited])

    # -- the line shown ------------------------------------------------------------------------------
    def _show_line(self, index: int) -> None:
        self._shown = index
        if not self.bundle.financing:
            return
        line = self.bundle.financing[index]
        for stage, edit in self.amounts.items():
            edit.set_value(line.amount(stage))
        enum_combo.set_current(self.status_combo, line.status)
        self.decision_date_edit.set_value(line.decision_date)
        self.decision_ref_edit.setText(line.decision_ref)

    def _on_line(self, _index: int) -> None:
        self.bundle, _problems = self.edited()  # what was typed for the previous line is kept
        self._show_line(self.line_combo.currentData() or 0)
        self.validate()

    # -- what the dialog gives -----------------------------------------------------------------------
    def edited(self) -> tuple[ActionBundle, list[Problem]]:
        b = self.bundle.copy()
        problems: list[Problem] = []
        if not b.financing:
            return b, [Problem("financing", "L'action n'a aucun financement : ajoutez la ligne dans sa fiche, "
                                            "puis appliquez la décision.")]
        line = b.financing[self._shown]
        for stage, edit in self.amounts.items():
            if edit.error():
                problems.append(Problem(f"financing[{self._shown}].{stage.value}", f"{stage.label} : {edit.error()}"))
            else:
                setattr(line, stage.value, edit.value())
        line.status = enum_combo.current(self.status_combo, FinancingStatus)
        if self.decision_date_edit.error():
            problems.append(Problem(f"financing[{self._shown}].decision_date", self.decision_date_edit.error()))
        else:
            line.decision_date = self.decision_date_edit.value()
        line.decision_ref = self.decision_ref_edit.text().strip()
        return b, problems

    def problems(self) -> list[Problem]:
        bundle, problems = self.edited()
        problems += self.actions_service.problems(bundle)
        if not problems and bundle.financing == self.stored.financing:
            problems.append(Problem("financing", UNCHANGED))
        return problems
