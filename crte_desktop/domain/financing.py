"""Financing lines of an action and the totals computed from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crte_desktop.domain.enums import DecisionKind, FinancingCategory, FinancingStatus, PaymentKind, Stage


@dataclass
class Payment:
    """One dated instalment of a grant (avance, acompte, solde)."""

    kind: PaymentKind
    date: date | None
    amount: Decimal | None
    reference: str = ""
    id: int | None = None

    def __str__(self) -> str:  # how the history writes it
        from crte_desktop.domain.dates import format_date
        from crte_desktop.domain.money import format_amount

        ref = f" ({self.reference})" if self.reference else ""
        return f"{self.kind.label} du {format_date(self.date)} : {format_amount(self.amount)}{ref}"


@dataclass
class FinancingLine:
    action_id: int | None
    funder_id: int
    scheme_id: int | None = None
    category: FinancingCategory = FinancingCategory.CONTRACTUALISE
    year: int | None = None
    planned: Decimal | None = None
    requested: Decimal | None = None
    granted: Decimal | None = None
    paid: Decimal | None = None
    status: FinancingStatus = FinancingStatus.PREVU
    filing_date: date | None = None
    decision_date: date | None = None
    decision_ref: str = ""
    comment: str = ""
    id: int | None = None
    row_version: int = 1
    # since 2023 (schema 4): ``year`` is the exercice (millésime) of the line
    mesure_id: int | None = None  # Fonds vert mesure
    ds_number: str = ""  # Démarches simplifiées dossier number
    decision_kind: DecisionKind = DecisionKind.NONE
    works_start_date: date | None = None  # declared start of works: the grant can no longer lapse
    payments: list[Payment] = field(default_factory=list)

    def payments_total(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.amount is not None), Decimal("0.00"))

    def sync_paid(self) -> None:
        """With instalments recorded, the paid amount is their sum (without, it stays as typed)."""
        if self.payments:
            self.paid = self.payments_total()

    def fill_paid(self) -> None:
        """A line given instalments but no paid amount gets their sum; a paid amount that differs is left for
        the rules to refuse (a partner's workbook may have changed it)."""
        if self.payments and self.paid is None:
            self.paid = self.payments_total()

    def amount(self, stage: Stage) -> Decimal | None:
        return getattr(self, stage.value)

    @property
    def retained(self) -> Decimal:
        """The most advanced known amount: granted, else requested, else planned; 0 if refused."""
        if not self.status.counts:
            return Decimal("0.00")
        for value in (self.granted, self.requested, self.planned):
            if value is not None:
                return value
        return Decimal("0.00")


ZERO = Decimal("0.00")


def counts_in_stage(status: FinancingStatus, stage: Stage) -> bool:
    """A cancelled line counts nowhere; a refused one still counts as planned and requested."""
    if status is FinancingStatus.ANNULE:
        return False
    if status is FinancingStatus.REFUSE:
        return stage in (Stage.PLANNED, Stage.REQUESTED)
    return True


@dataclass
class FinancingTotals:
    """What the financing tab and the dashboard show for one action."""

    total_cost: Decimal | None
    by_stage: dict[Stage, Decimal]
    retained: Decimal
    public_retained: Decimal

    @property
    def self_financing(self) -> Decimal | None:
        """The owner's share: cost minus retained financing (never negative)."""
        if self.total_cost is None:
            return None
        return max(self.total_cost - self.retained, ZERO)

    @property
    def public_aid_rate(self) -> Decimal | None:
        if not self.total_cost:
            return None
        return (self.public_retained / self.total_cost).quantize(Decimal("0.0001"))

    @property
    def coverage_rate(self) -> Decimal | None:
        if not self.total_cost:
            return None
        return (self.retained / self.total_cost).quantize(Decimal("0.0001"))


def compute_totals(total_cost: Decimal | None, lines: list[FinancingLine], public_funder_ids: set[int]) -> FinancingTotals:
    by_stage = {stage: ZERO for stage in Stage}
    retained = ZERO
    public = ZERO
    for line in lines:
        for stage in Stage:
            value = line.amount(stage)
            if value is not None and counts_in_stage(line.status, stage):
                by_stage[stage] += value
        retained += line.retained
        if line.funder_id in public_funder_ids:
            public += line.retained
    return FinancingTotals(total_cost, by_stage, retained, public)
