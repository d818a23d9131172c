"""Dates: ISO text in storage, dd/mm/yyyy on screen."""

from __future__ import annotations

import re
from datetime import date, datetime

from crte_desktop.domain.errors import DomainError


class DateError(DomainError):
    """A date the user typed that cannot be read."""


def parse_date(text: str | date | None) -> date | None:
    """Read "12/03/2022", "12-03-2022", "12.3.22", "12 03 2022", digits alone ("120322", "12032022"),
    "2022-03-12" or a date; a two-digit year is 20aa; empty gives None."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        return None
    m = (re.fullmatch(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4}|\d{2})", raw)
         or re.fullmatch(r"(\d{2})(\d{2})(\d{4}|\d{2})", raw))
    try:
        if m:
            year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
            return date(year, int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", raw)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise DateError(f"« {raw} » n'est pas une date qui existe.") from exc
    raise DateError(f"« {raw} » n'est pas une date valide (format attendu : jj/mm/aaaa).")


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
