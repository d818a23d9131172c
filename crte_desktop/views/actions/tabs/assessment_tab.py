"""Tab "Évaluation environnementale": the six objectives of the EU green taxonomy, each rated, and the
ecological planning of the action: « favorable à l'environnement » (computed, overridable with a reason),
adaptation flag and SGPE levers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from crte_desktop.domain.enums import Rating, TaxonomyObjective
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.green import GREEN_RULE, computed_favourable, verdict_label
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.actions.tabs.lookups import Lookups
from crte_desktop.views.widgets import enum_combo
from crte_desktop.views.widgets.choosers import MultiSelectList
from crte_desktop.views.widgets.inputs import ERROR_COLOR

_RATING_COLORS = {Rating.FAVOURABLE: "#2e7d32", Rating.NEUTRAL: "#616161", Rating.UNFAVOURABLE: "#c62828",
                  Rating.NOT_ASSESSED: "#9e9e9e"}
# the override combo: None = computed
OVERRIDE_CHOICES = ((None, "Calculé"), (True, "Favorable (choix motivé)"), (False, "Non favorable (choix motivé)"))
PLANNING_FIELDS = ("green_override_reason", "lever_ids")


class AssessmentTab(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._bundle: ActionBundle | None = None
        self._loading = False
        self.ratings: dict[TaxonomyObjective, QComboBox] = {}
        self.comments: dict[TaxonomyObjective, QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for col, text in enumerate(("Objectif environnemental", "Appréciation", "Commentaire")):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, col)
        for row, objective in enumerate(TaxonomyObjective, start=1):
            label = QLabel(objective.label)
            label.setWordWrap(True)
            label.setMinimumWidth(260)
            combo = enum_combo.fill(QComboBox(), Rating)
            combo.setMinimumWidth(130)
            comment = QLineEdit()
            comment.setPlaceholderText("Justification, mesures d'évitement ou de réduction…")
            self.ratings[objective] = combo
            self.comments[objective] = comment
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(comment, row, 2)
            combo.currentIndexChanged.connect(self._changed)
            comment.textEdited.connect(self._changed)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        intro = QLabel("Contribution de l'action aux six objectifs environnementaux de la taxonomie "
                       "européenne (principe « ne pas causer de préjudice important »).")
        intro.setWordWrap(True)

        # -- « favorable à l'environnement », adaptation, SGPE levers
        self.verdict = QLabel()
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rule = QLabel(GREEN_RULE + " Ce classement compte dans les parts vertes des dotations (DSIL, DSID, DETR, "
                      "FNADT).")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #555555;")
        self.override = QComboBox()
        for value, text in OVERRIDE_CHOICES:
            self.override.addItem(text, value)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Motif du choix (obligatoire quand le calcul est remplacé)")
        self.reason_error = QLabel()
        self.reason_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.reason_error.setWordWrap(True)
        self.reason_error.hide()
        self.adaptation = QCheckBox("Contribue à l'adaptation au changement climatique (PNACC, TRACC)")
        self.levers = MultiSelectList("levier", "Aucun levier SGPE sélectionné")
        self.levers_error = QLabel()
        self.levers_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.levers_error.hide()

        verdict_row = QHBoxLayout()
        verdict_row.addWidget(QLabel("Favorable à l'environnement :"))
        verdict_row.addWidget(self.verdict)
        verdict_row.addStretch(1)
        override_row = QHBoxLayout()
        override_row.addWidget(QLabel("Classement :"))
        override_row.addWidget(self.override)
        override_row.addWidget(self.reason, 1)
        green = QVBoxLayout()
        green.setSpacing(4)
        green.addLayout(verdict_row)
        green.addWidget(rule)
        green.addLayout(override_row)
        green.addWidget(self.reason_error)
        green.addWidget(self.adaptation)
        green.addStretch(1)
        levers = QVBoxLayout()
        levers.setSpacing(2)
        levers.addWidget(QLabel("Leviers de la planification écologique (SGPE) :"))
        levers.addWidget(self.levers, 1)
        levers.addWidget(self.levers_error)
        planning = QHBoxLayout()
        planning.addLayout(green, 1)
        planning.addSpacing(12)
        planning.addLayout(levers, 1)
        planning_box = QGroupBox("Planification écologique et budget vert")
        planning_box.setLayout(planning)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addWidget(planning_box, 1)

        self.override.currentIndexChanged.connect(self._changed)
        self.reason.textEdited.connect(self._changed)
        self.adaptation.toggled.connect(self._changed)
        self.levers.changed.connect(self._changed)

    def set_lookups(self, lookups: Lookups) -> None:
        self.levers.set_items([(lever.id, lever.name) for lever in lookups.levers])

    def set_bundle(self, bundle: ActionBundle) -> None:
        self._bundle = bundle
        self._loading = True
        by_objective = {a.objective: a for a in bundle.assessment}
        for objective in TaxonomyObjective:
            item = by_objective.get(objective)
            rating = item.rating if item else Rating.NOT_ASSESSED
            combo = self.ratings[objective]
            enum_combo.set_current(combo, rating)
            self.comments[objective].setText(item.comment if item else "")
            self._colour(objective)
        a = bundle.action
        self.override.setCurrentIndex(next(i for i, (v, _t) in enumerate(OVERRIDE_CHOICES) if v == a.green_override))
        self.reason.setText(a.green_override_reason)
        self.adaptation.setChecked(a.adaptation)
        self.levers.set_selected(a.lever_ids)
        self._loading = False
        self._show_verdict()

    def _changed(self, *_args) -> None:
        if self._loading or self._bundle is None:
            return
        for item in self._bundle.assessment:
            item.rating = enum_combo.current(self.ratings[item.objective], Rating)
            item.comment = self.comments[item.objective].text()
            self._colour(item.objective)
        a = self._bundle.action
        a.green_override = self.override.currentData()
        a.green_override_reason = self.reason.text().strip() if a.green_override is not None else ""
        a.adaptation = self.adaptation.isChecked()
        a.lever_ids = self.levers.selected()
        self._show_verdict()
        self.edited.emit()

    def _show_verdict(self) -> None:
        ratings = [item.rating for item in self._bundle.assessment]
        override = self._bundle.action.green_override
        label = verdict_label(ratings, override)
        computed = "favorable" if computed_favourable(ratings) else "non favorable"
        self.verdict.setText(f"<b>{label}</b>" + (f" — le calcul donnerait : {computed}" if override is not None else ""))
        self.reason.setEnabled(override is not None)

    def show_problems(self, problems: list[Problem]) -> None:
        by_field = {p.field: p.message for p in problems if p.field in PLANNING_FIELDS and p.is_error}
        for label, field in ((self.reason_error, "green_override_reason"), (self.levers_error, "lever_ids")):
            label.setText(by_field.get(field, ""))
            label.setVisible(field in by_field)

    def _colour(self, objective: TaxonomyObjective) -> None:
        rating = enum_combo.current(self.ratings[objective], Rating)
        self.ratings[objective].setStyleSheet(f"QComboBox {{ color: {_RATING_COLORS[rating]}; }}")
