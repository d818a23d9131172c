"""Reading and writing plain numbers (indicator values, measures) the French way: "1 234,5" or "1234.5".

Money has its own helpers in domain/money.py; these are for quantities that are not amounts."""

from __future__ import annotations

import math
import re

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.money import NBSP

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(text: str | None) -> float | None:
    """"1 234,5" → 1234.5; empty → None. Raises DomainError with a French message."""
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = _SPACES.sub("", raw)
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise DomainError(f"« {raw} » n'est pas un nombre valide (exemple : 1 234,5).")
    value = float(cleaned)
    if not math.isfinite(value):
        raise DomainError(f"« {raw} » n'est pas un nombre valide.")
    return value


def format_number(value: float | None, decimals: int = 6) -> str:
    """1234.5 → "1 234,5" (non-breaking space), rounded to ``decimals`` places without trailing zeros;
    None → ""."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    units, _, decimals = text.partition(".")
    groups: list[str] = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    if not decimals and groups == ["0"]:
        sign = ""  # no "-0"
    return sign + NBSP.join(groups) + ("," + decimals if decimals else "")


def parse_year(text: str | None) -> int | None:
    """"2024" → 2024; empty → None. The range is checked by the domain rules."""
    raw = (text or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,4}", raw):
        raise DomainError(f"« {raw} » n'est pas une année valide (exemple : 2024).")
    return int(raw)
