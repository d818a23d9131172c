"""Values between the application and the workbook's cells.

Three forms of one value:
- the *logical* value used by the application (str, Decimal, int, float, date or None);
- the *cell* value written into the workbook (progress 45 becomes the fraction 0.45…);
- the *canonical* text used to compare the exported and the edited workbook (stored in the hidden sheet).

``read_cell`` turns whatever a partner's spreadsheet left in a cell — numbers, dates, French text
("1 234,50 €", "12/03/2022", "45 %"), cached values of formulas — into the logical value, or raises
CellError with a French reason.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from crte_desktop.domain.dates import DateError, format_date, parse_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.money import CENT, AmountError, format_amount, parse_amount
from crte_desktop.excel.layout import Kind

# Text a spreadsheet program could take for a formula if the cell were retyped.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CellError(DomainError):
    """A cell whose content cannot be read; the message is the French reason."""


MAX_CELL_TEXT = 32767  # what a cell of Excel holds


def clean_text(value: str) -> str:
    """Text as it can live in a cell: no control characters XML refuses, ``\\n`` line ends, trimmed, at most
    32 767 characters."""
    if len(value) > MAX_CELL_TEXT:
        value = value[:MAX_CELL_TEXT]
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value.strip()


def looks_like_formula(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_STARTS)


# -- application → workbook ---------------------------------------------------------------------------
def canonical(kind: Kind, value) -> str | None:
    """A text that is equal for equal values, whichever side (application or workbook) they come from."""
    if value is None:
        return None
    if kind in (Kind.TEXT, Kind.CHOICE):
        return clean_text(value) or None
    if kind is Kind.MONEY:
        return f"{Decimal(value).quantize(CENT):f}"
    if kind in (Kind.YEAR, Kind.PERCENT):
        return str(int(value))
    if kind is Kind.DATE:
        return value.isoformat()
    # NUMBER, RATIO: floats survive a workbook with 16 significant digits
    return repr(float(f"{value:.16g}"))


def same(kind: Kind, a: str | None, b: str | None) -> bool:
    """Two canonical texts name the same value. Floats written by another program (LibreOffice keeps 15
    significant digits) are equal when they agree to 12 digits."""
    if a == b:
        return True
    if a is None or b is None or kind not in (Kind.NUMBER, Kind.RATIO):
        return False
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12)
    except ValueError:
        return False


def display(kind: Kind, value) -> str:
    """The value as the preview shows it (French formats)."""
    if value is None or value == "":
        return "(vide)"
    if kind is Kind.MONEY:
        return format_amount(value)
    if kind is Kind.DATE:
        return format_date(value)
    if kind is Kind.PERCENT:
        return f"{value}\u00a0%"
    if kind is Kind.RATIO:
        return f"{value * 100:.1f}\u00a0%".replace(".", ",")
    if kind is Kind.NUMBER:
        return format_number(value)
    return str(value)


def format_number(value: float) -> str:
    text = f"{value:.15g}"
    if "e" in text:
        return text
    return text.replace(".", ",")


# -- cell → application ------------------------------------------------------------------------------
def read_cell(kind: Kind, raw, *, key_text: bool = False):
    """The logical value of what a cell holds; None for an empty cell. Raises CellError.

    ``key_text``: the cell holds a reference, which a date or a number must not silently replace.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        text = clean_text(raw)
        if not text:
            return None
        return _read_text(kind, text)
    if isinstance(raw, bool):
        raise CellError(f"« {'VRAI' if raw else 'FAUX'} » n'est pas une valeur admise ici.")
    if isinstance(raw, (datetime, date)):
        if kind is Kind.DATE:
            return raw.date() if isinstance(raw, datetime) else raw
        if kind in (Kind.TEXT, Kind.CHOICE) and not key_text:
            return format_date(raw.date() if isinstance(raw, datetime) else raw)
        shown = format_date(raw.date() if isinstance(raw, datetime) else raw)
        if key_text:
            raise CellError(f"« {shown} » a été lu comme une date par le tableur : saisissez la référence comme texte.")
        raise CellError(f"« {shown} » est une date, un nombre est attendu.")
    if isinstance(raw, (int, float, Decimal)):
        return _read_number(kind, raw, key_text)
    raise CellError(f"Valeur illisible ({type(raw).__name__}).")  # time, timedelta, error codes…


def _read_number(kind: Kind, raw, key_text: bool):
    if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
        raise CellError("Valeur numérique invalide.")
    if kind is Kind.MONEY:
        return _money_from_number(raw)
    if kind is Kind.YEAR:
        return _whole(raw, "L'année doit être un nombre entier")
    if kind is Kind.PERCENT:
        return _percent_from_number(raw)
    if kind in (Kind.NUMBER, Kind.RATIO):
        return float(raw)
    if kind is Kind.DATE:
        raise CellError(f"« {format_number(float(raw))} » n'est pas une date (format attendu : jj/mm/aaaa).")
    # text read from a number: 12 → "12"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return format_number(raw) if isinstance(raw, float) else str(raw)


def _read_text(kind: Kind, text: str):
    if kind in (Kind.TEXT, Kind.CHOICE):
        return text
    if kind is Kind.MONEY:
        try:
            value = parse_amount(text)
        except AmountError as exc:
            raise CellError(str(exc)) from None
        return _non_negative(value)
    if kind is Kind.DATE:
        try:
            return parse_date(text)
        except DateError as exc:
            raise CellError(str(exc)) from None
    if kind is Kind.YEAR:
        return _whole(_number_from_text(text), "L'année doit être un nombre entier")
    if kind is Kind.PERCENT:
        if text.endswith("%"):
            number = _number_from_text(text[:-1])
            return _whole_percent(number, text)
        return _percent_from_number(_number_from_text(text))
    return float(_number_from_text(text))  # NUMBER, RATIO


_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def _number_from_text(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not _NUMBER.fullmatch(cleaned):
        raise CellError(f"« {text} » n'est pas un nombre.")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex guards this
        raise CellError(f"« {text} » n'est pas un nombre.") from None


def _whole(value, message: str) -> int:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"{message} (« {format_number(float(number))} »).")
    return int(number)


def _money_from_number(raw) -> Decimal:
    """A number from a cell as an amount; the tiny float noise of a formula (0.1 + 0.2) is rounded off."""
    value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    rounded = value.quantize(CENT)
    if abs(value - rounded) > Decimal("0.000001"):
        raise CellError(f"Le montant {format_number(float(value))} a plus de deux décimales.")
    return _non_negative(rounded)


def _non_negative(value: Decimal | None) -> Decimal | None:
    if value is not None and value < 0:
        raise CellError(f"Le montant ne peut pas être négatif ({format_amount(value)}).")
    return value


def _percent_from_number(raw) -> int:
    """A fraction (0.45, as a percent cell holds it) or a number of points above 1 (45)."""
    value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    if value < 0:
        raise CellError("Le taux de réalisation ne peut pas être négatif.")
    points = value * 100 if value <= 1 else value
    return _whole_percent(points, None)


def _whole_percent(points: Decimal, text: str | None) -> int:
    rounded = points.quantize(Decimal("1"))
    if abs(points - rounded) > Decimal("0.000001"):
        shown = text or f"{format_number(float(points))} %"
        raise CellError(f"Le taux de réalisation doit être un nombre entier de pour cent (« {shown} »).")
    if not 0 <= rounded <= 100:
        raise CellError(f"Le taux de réalisation doit être compris entre 0 et 100 % (« {text or f'{rounded} %'} »).")
    return int(rounded)
