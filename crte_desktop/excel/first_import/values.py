"""Reading the values of real spreadsheets, and telling what kind of value a column holds.

Two jobs: (1) read what official files write — Excel date serials (47727 = 01/09/2030), text dates with
a time ("01/09/2030 00:00:00", "2030-09-01T00:00:00"), amounts with float noise (67256.9296875,
rounded to the cent with a warning); (2) say whether a value *fits* a field (an amount, a date, a name,
a known status…), so that guessing reads the values, not only the titles.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from crte_desktop.domain.money import AmountError, format_amount, parse_amount
from crte_desktop.excel.cells import CellError, clean_text, format_number, read_cell
from crte_desktop.excel.first_import.catalogue import Catalogue, normalise, phase_of
from crte_desktop.excel.layout import Kind

CENT = Decimal("0.01")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 31/12/1899 once Lotus's 1900 leap day is counted
SERIAL_RANGE = (10_000, 80_000)  # 17/05/1927 … 11/01/2119: a date of a programme of actions
_TEXT_DATE_TIME = re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")
_NOISY_AMOUNT = re.compile(r"[+-]?\d[\d\s\u00a0\u202f]*[.,]\d{4,}\s*(€|EUR|euros)?")
_YEAR = re.compile(r"(19|20)\d\d")
# Words that say what kind of body something is, not which one ("commune", "epci"…): never a name.
KIND_WORDS = {"commune", "communes", "epci", "departement", "departements", "region", "regions", "syndicat",
              "etat", "association", "entreprise", "autre", "autres", "ccas", "sivom", "sivu", "groupement",
              "commune nouvelle", "communaute de communes", "communaute d agglomeration", "communaute urbaine",
              "metropole", "pnr", "pays", "petr", "cc", "ca", "cu", "etablissement public", "collectivite"}


def serial_date(value) -> date | None:
    """The date of an Excel serial number, when the number is one a programme of actions would hold."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not SERIAL_RANGE[0] <= value < SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + timedelta(days=int(value))


def read_date(raw) -> date | None:
    """A date cell: a real date, a serial, "jj/mm/aaaa" or "aaaa-mm-jj", with or without a time."""
    serial = serial_date(raw)
    if serial is not None:
        return serial
    if isinstance(raw, str):
        text = clean_text(raw)
        m = _TEXT_DATE_TIME.fullmatch(text)
        if m:
            text = m.group(1)
        if re.fullmatch(r"\d{5}([.,]0+)?", text):  # a serial written as text (a CSV export)
            found = serial_date(int(text.split(",")[0].split(".")[0]))
            if found is not None:
                return found
        return read_cell(Kind.DATE, text)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError(f"« {format_number(float(raw))} » n'est pas une date (format attendu : jj/mm/aaaa).")
    return read_cell(Kind.DATE, raw)


def read_amount(raw) -> tuple[Decimal | None, str | None]:
    """(amount, warning): the amount rounded to the cent; the warning says so when the source had more
    decimals (official data: 67256.9296875). Raises CellError for what is not an amount."""
    if isinstance(raw, float) and raw == raw and raw not in (float("inf"), float("-inf")):
        exact = Decimal(repr(raw))
        return _rounded(exact, format_number(raw))
    if isinstance(raw, str) and _NOISY_AMOUNT.fullmatch(clean_text(raw)):
        text = re.sub(r"[\s\u00a0\u202f€]|EUR|euros", "", clean_text(raw)).replace(",", ".")
        try:
            return _rounded(Decimal(text), clean_text(raw))
        except InvalidOperation:
            pass
    return read_cell(Kind.MONEY, raw), None


def _rounded(exact: Decimal, shown: str) -> tuple[Decimal, str | None]:
    if exact < 0:
        raise CellError(f"Le montant ne peut pas être négatif ({format_amount(exact)}).")
    rounded = exact.quantize(CENT)
    if abs(exact - rounded) <= Decimal("0.000001"):
        return rounded, None
    return rounded, f"Montant arrondi au centime : {shown} → {format_amount(rounded)}."


# -- what a value looks like -------------------------------------------------------------------------
def filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def is_amount(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return value >= 0
    if isinstance(value, str):
        text = clean_text(value)
        if _NOISY_AMOUNT.fullmatch(text):
            return True
        try:
            return parse_amount(text) is not None
        except (AmountError, ValueError, InvalidOperation):
            return False
    return False


def is_date(value) -> bool:
    if isinstance(value, (date, datetime)):
        return True
    try:
        return read_date(value) is not None
    except (CellError, ValueError):
        return False


def is_year(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer() and 1990 <= value <= 2100
    return isinstance(value, str) and bool(_YEAR.fullmatch(value.strip()))


def is_percent(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return 0 <= value <= 100
    try:
        read_cell(Kind.PERCENT, value)
        return True
    except CellError:
        return False


def is_words(value) -> bool:
    """Text with letters in it (not a number, an amount or a date)."""
    return isinstance(value, str) and bool(re.search(r"[^\W\d_]{2}", value)) and not is_date(value)


def is_name(value) -> bool:
    """Something that names a body or a person: words, not a kind of body ("commune", "epci")."""
    return is_words(value) and normalise(value) not in KIND_WORDS


def is_status(value, catalogue: Catalogue) -> bool:
    return isinstance(value, str) and catalogue.find_status(value) is not None and phase_of(value) is None


def is_phase(value) -> bool:
    return isinstance(value, str) and phase_of(value) is not None


def is_funding(value, catalogue: Catalogue) -> bool:
    return isinstance(value, str) and catalogue.find_funding(value) is not None


def looks_like_codes(values: list) -> bool:
    """One small whole number repeated down the column (a département « 59 »): a code, not an amount."""
    seen = [v for v in values if filled(v)]
    numbers = {v for v in seen if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer()
               and 0 < v < 1000}
    return len(seen) >= 3 and len(numbers) == 1 and all(isinstance(v, (int, float)) for v in seen)


def fit(values: list, test) -> float:
    """The share of the filled values for which ``test`` holds (0 when none is filled)."""
    seen = [v for v in values if filled(v)]
    if not seen:
        return 0.0
    return sum(1 for v in seen if test(v)) / len(seen)


def distinct_share(values: list) -> float:
    seen = [normalise(v) for v in values if filled(v)]
    return len(set(seen)) / len(seen) if seen else 0.0
