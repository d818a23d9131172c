"""Money: integer cents in storage, Decimal in Python, French formatting on screen.

Floats are never used for money.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from crte_desktop.domain.errors import DomainError

CENT = Decimal("0.01")
NBSP = "\u00a0"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


class AmountError(DomainError):
    """An amount the user typed that cannot be read."""


def to_cents(amount: Decimal | None) -> int | None:
    if amount is None:
        return None
    return int((amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100).to_integral_value())


def from_cents(cents: int | None) -> Decimal | None:
    if cents is None:
        return None
    return (Decimal(int(cents)) / 100).quantize(CENT)


def parse_amount(text: str | int | Decimal | None, *, allow_empty: bool = True) -> Decimal | None:
    """Read an amount written the French or the plain way.

    Accepts "1 234,50 €", "1234.50", "1.234,50", "1 234 567", "12 k€" is refused.
    Returns None for an empty text when ``allow_empty``. Raises AmountError with a French message.
    """
    if text is None:
        if allow_empty:
            return None
        raise AmountError("Le montant est obligatoire.")
    if isinstance(text, bool):
        raise AmountError("Montant invalide.")
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    else:
        raw = str(text).strip()
        if not raw:
            if allow_empty:
                return None
            raise AmountError("Le montant est obligatoire.")
        cleaned = raw.replace("€", "").replace("EUR", "").replace("euros", "")
        cleaned = _SPACES.sub("", cleaned)
        if cleaned.count(",") == 1 and cleaned.count(".") >= 1 and cleaned.rfind(".") < cleaned.rfind(","):
            cleaned = cleaned.replace(".", "")  # 1.234,50
        elif cleaned.count(",") >= 1 and cleaned.count(".") == 1 and cleaned.rfind(",") < cleaned.rfind("."):
            cleaned = cleaned.replace(",", "")  # 1,234.50
        cleaned = cleaned.replace(",", ".")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
            raise AmountError(f"« {raw} » n'est pas un montant valide (exemple : 1 234,50 €).")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:  # pragma: no cover - regex guards this
            raise AmountError(f"« {raw} » n'est pas un montant valide.") from exc
    if not value.is_finite():
        raise AmountError("Montant invalide.")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        shown = str(text).strip() if isinstance(text, str) else str(value)  # what the user typed
        raise AmountError(f"Le montant « {shown} » a plus de deux décimales.")
    return value.quantize(CENT)


def _group(digits: str) -> str:
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return NBSP.join(parts)


def format_amount(amount: Decimal | int | None, *, currency: bool = True, decimals: bool = True) -> str:
    """French display: ``1 234 567,89 €`` (non-breaking spaces). None gives an empty string."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    value = abs(value)
    units, cents = f"{value:.2f}".split(".")
    text = sign + _group(units) + ("," + cents if decimals else "")
    if not decimals and cents != "00":
        text = sign + _group(str(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))))
    return text + (NBSP + "€" if currency else "")


def format_percent(ratio: Decimal | float | None, digits: int = 1) -> str:
    """French percentage of a ratio (0.8 → "80,0 %")."""
    if ratio is None:
        return ""
    value = Decimal(str(ratio)) * 100
    q = Decimal(1).scaleb(-digits) if digits else Decimal(1)
    text = f"{value.quantize(q, rounding=ROUND_HALF_UP)}".replace(".", ",")
    return f"{text}{NBSP}%"
