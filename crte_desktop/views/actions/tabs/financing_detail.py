"""Detail of the selected financing line: Fonds vert mesure, Démarches simplifiées dossier, decision,
start of works, lapse date (« caducité ») and the dated payments whose sum is the paid amount.

The table of the « Plan de financement » tab is full at 1366×768: what the administrations track per line
lives here, under the table, for the line selected in it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import DecisionKind, PaymentKind
from crte_desktop.domain.financing import FinancingLine, Payment
from crte_desktop.domain.lapse import lapse_alert, lapse_date
from crte_desktop.domain.money import format_amount
from crte_desktop.views.actions.tabs.lookups import Lookups
from crte_desktop.views.widgets import enum_combo
from crte_desktop.views.widgets.choosers import SearchableCombo
from crte_desktop.views.widgets.inputs import ERROR_COLOR, AmountEdit, NullableDateEdit

PAYMENT_HEADERS = ("Nature", "Date", "Montant (€)", "Référence")


class FinancingDetail(QGroupBox):
    """Edits one line in place; ``edited`` after each change (the tab then revalidates the whole plan)."""

    edited = Signal()

    def __init__(self, lookups: Lookups, today: date, parent: QWidget | None = None):
        super().__init__("Détail de la ligne sélectionnée", parent)
        self.lookups = lookups
        self._today = today
        self._line: FinancingLine | None = None
        self._index = -1
        self._loading = False

        self.mesure = SearchableCombo("(aucune mesure)")
        self.mesure.setMinimumContentsLength(12)
        self.mesure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ds_number = QLineEdit()
        self.ds_number.setPlaceholderText("ex. 12345678")
        self.ds_number.setMaximumWidth(140)
        self.decision_kind = enum_combo.fill(QComboBox(), DecisionKind)
        self.decision_kind.setMaximumWidth(110)
        self.decision_ref = QLineEdit()
        self.decision_ref.setPlaceholderText("Référence")
        self.decision_ref.setToolTip("Référence de l'arrêté ou de la convention")
        self.decision_date = NullableDateEdit(today)
        self.works_start = NullableDateEdit(today)
        self.works_start.setToolTip("Date de commencement d'exécution déclarée : la subvention ne peut plus devenir "
                                    "caduque.")
        self.lapse = QLabel()
        self.lapse.setWordWrap(True)
        self.lapse.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        fields = QGridLayout()
        fields.setHorizontalSpacing(8)
        fields.setVerticalSpacing(4)
        decision = QHBoxLayout()
        decision.setContentsMargins(0, 0, 0, 0)
        decision.addWidget(self.decision_kind)
        decision.addWidget(self.decision_ref, 1)
        self.decision_date.setMaximumWidth(170)
        self.works_start.setMaximumWidth(170)
        rows = (("Mesure du Fonds vert :", self.mesure), ("N° Démarches simplifiées :", self.ds_number),
                ("Décision :", decision), ("Date de décision :", self.decision_date),
                ("Début des travaux :", self.works_start), ("Caducité :", self.lapse))
        for i, (text, widget) in enumerate(rows):
            fields.addWidget(self._label(text), i, 0)
            if isinstance(widget, QHBoxLayout):
                fields.addLayout(widget, i, 1)
            else:
                fields.addWidget(widget, i, 1)
        fields.setColumnStretch(1, 1)
        fields.setRowStretch(len(rows), 1)

        self.payments = QTableWidget(0, len(PAYMENT_HEADERS))
        self.payments.setHorizontalHeaderLabels(PAYMENT_HEADERS)
        self.payments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.payments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.payments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.payments.verticalHeader().hide()
        self.payments.verticalHeader().setDefaultSectionSize(22)
        self.payments.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.payments.horizontalHeader().setStretchLastSection(True)
        self.payments.setMinimumHeight(70)
        self.new_kind = enum_combo.fill(QComboBox(), PaymentKind)
        enum_combo.set_current(self.new_kind, PaymentKind.ACOMPTE)
        self.new_date = NullableDateEdit(today)
        self.new_date.set_value(today)
        self.new_amount = AmountEdit()
        self.new_amount.setPlaceholderText("Montant")
        self.new_amount.setMaximumWidth(110)
        self.new_kind.setMaximumWidth(100)
        self.new_date.setMaximumWidth(150)
        self.new_reference = QLineEdit()
        self.new_reference.setPlaceholderText("Mandat, titre…")
        self.add_payment = QPushButton("Ajouter")
        self.remove_payment = QPushButton("Retirer")
        self.remove_payment.setEnabled(False)
        entry = QGridLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.setHorizontalSpacing(4)
        entry.setVerticalSpacing(2)
        entry.addWidget(self.new_kind, 0, 0)
        entry.addWidget(self.new_date, 0, 1)
        entry.addWidget(self.new_amount, 0, 2)
        entry.addWidget(self.new_reference, 1, 0, 1, 2)
        entry.addWidget(self.add_payment, 1, 2)
        entry.addWidget(self.remove_payment, 0, 3)
        entry.setColumnStretch(1, 1)
        self.payments_total = QLabel()
        self.payments_total.setWordWrap(True)
        self.payment_refusal = QLabel()
        self.payment_refusal.setStyleSheet(f"color: {ERROR_COLOR};")
        self.payment_refusal.setWordWrap(True)
        self.payment_refusal.hide()

        payments = QVBoxLayout()
        payments.setSpacing(2)
        payments_title = QLabel("Versements datés (leur somme est le montant versé) :")
        payments_title.setToolTip("Avances, acomptes et solde de la subvention")
        payments.addWidget(payments_title)
        payments.addWidget(self.payments, 1)
        payments.addLayout(entry)
        payments.addWidget(self.payments_total)
        payments.addWidget(self.payment_refusal)

        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(fields, 6)
        body.addSpacing(8)
        body.addLayout(payments, 5)
        self.empty = QLabel("Sélectionnez une ligne du plan de financement pour voir et saisir son détail.")
        self.empty.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.body.hide()

        self.mesure.idChanged.connect(self._changed)
        self.ds_number.textEdited.connect(self._changed)
        self.decision_kind.currentIndexChanged.connect(self._changed)
        self.decision_ref.textEdited.connect(self._changed)
        self.decision_date.edited.connect(self._changed)
        self.works_start.edited.connect(self._changed)
        self.add_payment.clicked.connect(self.add_entered_payment)
        self.remove_payment.clicked.connect(self.remove_selected_payment)
        self.payments.itemSelectionChanged.connect(
            lambda: self.remove_payment.setEnabled(bool(self.payments.selectionModel().selectedRows())))

    @staticmethod
    def _label(text: str) -> QLabel:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    # -- data --------------------------------------------------------------------------------------
    def set_lookups(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.mesure.set_items([(m.id, f"{m.name} ({m.axis})" if m.axis else m.name) for m in lookups.mesures])
        if self._line is not None:
            self.set_line(self._line, self._index)

    def set_line(self, line: FinancingLine | None, index: int = -1) -> None:
        """Show ``line`` (edited in place from now on); None when no line is selected."""
        self._line, self._index = line, index
        self.empty.setVisible(line is None)
        self.body.setVisible(line is not None)
        self.payment_refusal.hide()
        if line is None:
            self.setTitle("Détail de la ligne sélectionnée")
            return
        if self.mesure.count() <= 1 and self.lookups.mesures:
            self.mesure.set_items([(m.id, f"{m.name} ({m.axis})" if m.axis else m.name) for m in self.lookups.mesures])
        self._loading = True
        self.mesure.set_current_id(line.mesure_id)
        self.ds_number.setText(line.ds_number)
        enum_combo.set_current(self.decision_kind, line.decision_kind)
        self.decision_ref.setText(line.decision_ref)
        self.decision_date.set_value(line.decision_date)
        self.works_start.set_value(line.works_start_date)
        self._loading = False
        self.refresh()

    def refresh(self) -> None:
        """Recompute what derives from the line (title, mesure enabled, lapse date, payments)."""
        line = self._line
        if line is None:
            return
        funder = self.lookups.funder(line.funder_id)
        scheme = self.lookups.scheme(line.scheme_id)
        name = " / ".join(p for p in (funder.label if funder else "", scheme.name if scheme else "",
                                      str(line.year or "")) if p)
        self.setTitle(f"Détail de la ligne {self._index + 1} : {name}")
        fonds_vert = self.lookups.is_fonds_vert(line.scheme_id) or line.mesure_id is not None
        self.mesure.setEnabled(fonds_vert)
        self.mesure.setToolTip("" if fonds_vert else "Seules les lignes du Fonds vert ont une mesure.")
        self._show_lapse(scheme.lapse_months if scheme else None)
        self._show_payments()

    def _show_lapse(self, months: int | None) -> None:
        line = self._line
        due = lapse_date(line, months)
        if not months:
            self.lapse.setText("sans délai de caducité pour ce dispositif")
            self.lapse.setStyleSheet("color: palette(mid);")
            return
        if due is None:
            self.lapse.setText(f"{months} mois après la décision (date de décision à renseigner)")
            self.lapse.setStyleSheet("color: palette(mid);")
            return
        alert = lapse_alert(line, months, self._today)
        text = f"le {format_date(due)} ({months} mois après la décision) sans commencement d'exécution"
        if line.works_start_date or line.payments or line.paid:
            text = f"écartée : travaux commencés (échéance qui s'appliquait : {format_date(due)})"
        elif alert is not None:
            text = alert.message("Attention").removeprefix("Attention : ")
        self.lapse.setText(text)
        self.lapse.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;" if alert else "")

    def _show_payments(self) -> None:
        line = self._line
        self.payments.setRowCount(len(line.payments))
        for row, p in enumerate(line.payments):
            cells = (p.kind.label, format_date(p.date), format_amount(p.amount, currency=False), p.reference)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.payments.setItem(row, col, item)
        if line.payments:
            granted = format_amount(line.granted) if line.granted is not None else "non renseigné"
            self.payments_total.setText(f"Total versé : <b>{format_amount(line.payments_total())}</b> "
                                        f"sur {granted} accordés")
        else:
            self.payments_total.setText("Aucun versement daté : le montant versé se saisit dans le tableau."
                                        if not line.paid else
                                        f"Versé sans détail : {format_amount(line.paid)} (ajoutez les versements "
                                        "datés pour le détailler).")
        self.remove_payment.setEnabled(bool(self.payments.selectionModel().selectedRows()))

    # -- editing -----------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading or self._line is None:
            return
        line = self._line
        line.mesure_id = self.mesure.current_id()
        line.ds_number = self.ds_number.text().strip()
        line.decision_kind = enum_combo.current(self.decision_kind, DecisionKind) or DecisionKind.NONE
        line.decision_ref = self.decision_ref.text().strip()
        line.decision_date = self.decision_date.value()
        line.works_start_date = self.works_start.value()
        self.refresh()
        self.edited.emit()

    def add_entered_payment(self) -> bool:
        """Add the payment typed in the entry row; refuse it in French, naming the field, when it cannot be."""
        line = self._line
        if line is None:
            return False
        refusal = ""
        amount = self.new_amount.value()
        when = self.new_date.value()
        if self.new_amount.error():
            refusal = f"Versement : montant — {self.new_amount.error()}"
        elif amount is None or amount <= 0:
            refusal = "Versement : le montant doit être supérieur à zéro."
        elif when is None:
            refusal = "Versement : la date est obligatoire."
        elif line.granted is None:
            refusal = "Versement : renseignez d'abord le montant accordé de cette ligne."
        elif line.payments_total() + amount > line.granted:
            refusal = (f"Versement refusé : la somme des versements ({format_amount(line.payments_total() + amount)}) "
                       f"dépasserait le montant accordé ({format_amount(line.granted)}).")
        if refusal:
            self.payment_refusal.setText(refusal)
            self.payment_refusal.show()
            return False
        self.payment_refusal.hide()
        line.payments.append(Payment(enum_combo.current(self.new_kind, PaymentKind), when, amount,
                                     self.new_reference.text().strip()))
        line.sync_paid()
        self.new_amount.set_value(None)
        self.new_reference.clear()
        self.refresh()
        self.edited.emit()
        return True

    def remove_selected_payment(self) -> None:
        rows = self.payments.selectionModel().selectedRows()
        if self._line is None or not rows:
            return
        del self._line.payments[rows[0].row()]
        if self._line.payments:
            self._line.sync_paid()
        else:  # the paid amount was the sum of the instalments: none is left
            self._line.paid = None
        self.refresh()
        self.edited.emit()
