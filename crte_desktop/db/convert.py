"""Conversions between SQLite values and domain values."""

from __future__ import annotations

import json

from crte_desktop.domain.dates import from_iso, to_iso
from crte_desktop.domain.money import from_cents, to_cents

__all__ = ["from_cents", "to_cents", "from_iso", "to_iso", "dumps", "loads"]


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def loads(text: str | None, default=None):
    if not text:
        return default
    return json.loads(text)
