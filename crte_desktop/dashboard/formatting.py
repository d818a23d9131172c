"""Short French amounts for charts and tiles: "1,2 M€", "350 k€", "950 €" (exact amounts: domain.money)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from crte_desktop.domain.money import NBSP
from crte_desktop.domain.numbers import format_number

_UNITS = ((Decimal(10) ** 9, "Md€"), (Decimal(10) ** 6, "M€"), (Decimal(10) ** 3, "k€"))


def format_compact_amount(amount: Decimal | int | float | None) -> str:
    """An amount in euros rounded for reading at a glance: one decimal under 100 of the unit
    ("1,2 M€", "16,5 M€", "149 M€", "9,5 k€", "350 k€"), whole euros under a thousand."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    units = ((Decimal(1), "€"),) + tuple(reversed(_UNITS))  # €, k€, M€, Md€
    chosen = 0
    for i, (size, _) in enumerate(units):
        if value >= size:
            chosen = i
    while True:
        size, unit = units[chosen]
        scaled = value / size
        digits = Decimal("0.1") if scaled < 100 and chosen else Decimal(1)
        rounded = scaled.quantize(digits, rounding=ROUND_HALF_UP)
        if rounded >= 1000 and chosen + 1 < len(units):  # 999 999 € reads "1 M€", not "1000 k€"
            chosen += 1
            continue
        text = str(rounded)
        if text.endswith(".0"):
            text = text[:-2]
        return f"{sign}{text.replace('.', ',')}{NBSP}{unit}"

def format_cents_compact(cents: int | None) -> str:
    return "" if cents is None else format_compact_amount(Decimal(cents) / 100)


def format_measure(value: float | None, unit: str = "") -> str:
    """A measured value the French way, with its unit: "1 250,5 km", "6 communes"; "—" when unknown."""
    if value is None:
        return "—"
    text = format_number(value, decimals=2)
    return f"{text}{NBSP}{unit}" if unit else text


def format_count(n: int) -> str:
    """A whole number the French way: "5 000"."""
    return f"{n:,}".replace(",", NBSP)
