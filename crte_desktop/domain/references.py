"""The reference of a new action: it continues the contract's own numbering.

A contract numbers its actions its own way: « 2021-1, 2021-2 » (year of inscription, then a number), « D-01 …
D-23 » (a letter and a zero-padded number), « P-1 »… The new reference takes the numbering most of the
contract's references follow (the most recent one on a tie), with the next number and the same padding:
D-24 after D-23, D-08 after D-07. A numbering by year continues in the year asked for (2024-3 after 2024-2,
2025-1 for the first of 2025). A contract without references starts at « YEAR-1 ».
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_YEAR_PREFIX = re.compile(r"^((?:19|20)\d\d)([-./ ])$")


def next_reference(references: Sequence[str], year: int) -> str:
    """The next reference after ``references`` (the contract's, oldest first) for an action of ``year``."""
    families: dict[str, list[str]] = {}  # prefix → numbers, in the order of the references
    last_seen: dict[str, int] = {}
    for position, reference in enumerate(references):
        match = _NUMBERED.match((reference or "").strip())
        if not match:
            continue
        prefix, number = match.groups()
        year_match = _YEAR_PREFIX.match(prefix)
        key = f"\0year{year_match.group(2)}" if year_match else prefix
        families.setdefault(key, []).append(number if not year_match else f"{year_match.group(1)}:{number}")
        last_seen[key] = position
    if not families:
        return f"{year}-1"
    key = max(families, key=lambda k: (len(families[k]), last_seen[k]))
    if key.startswith("\0year"):
        separator = key[len("\0year"):]
        numbers = [n.split(":") for n in families[key]]
        in_year = [number for y, number in numbers if int(y) == year]
        width = max((len(n) for n in in_year), default=1) if _padded(in_year) else 1
        return f"{year}{separator}{max((int(n) for n in in_year), default=0) + 1:0{width}d}"
    numbers = families[key]
    width = max(len(n) for n in numbers) if _padded(numbers) else 1
    taken = {reference.strip().casefold() for reference in references if reference}
    candidate = max(int(n) for n in numbers) + 1
    while f"{key}{candidate:0{width}d}".casefold() in taken:
        candidate += 1
    return f"{key}{candidate:0{width}d}"


def _padded(numbers: Sequence[str]) -> bool:
    """True when the numbering pads with zeros (« 07 »)."""
    return any(len(n) > 1 and n.startswith("0") for n in numbers)
