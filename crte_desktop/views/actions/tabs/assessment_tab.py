"""Tab "Évaluation environnementale": the six objectives of the EU green taxonomy, each rated."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from crte_desktop.domain.enums import Rating, TaxonomyObjective
from crte_desktop.editing.actions import ActionBundle
from crte_desktop.views.widgets import enum_combo

_RATING_COLORS = {Rating.FAVOURABLE: "#2e7d32", Rating.NEUTRAL: "#616161", Rating.UNFAVOURABLE: "#c62828",
                  Rating.NOT_ASSESSED: "#9e9e9e"}


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
        grid.setVerticalSpacing(10)
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
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)

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
        self._loading = False

    def _changed(self, *_args) -> None:
        if self._loading or self._bundle is None:
            return
        for item in self._bundle.assessment:
            item.rating = enum_combo.current(self.ratings[item.objective], Rating)
            item.comment = self.comments[item.objective].text()
            self._colour(item.objective)
        self.edited.emit()

    def _colour(self, objective: TaxonomyObjective) -> None:
        rating = enum_combo.current(self.ratings[objective], Rating)
        self.ratings[objective].setStyleSheet(f"QComboBox {{ color: {_RATING_COLORS[rating]}; }}")
