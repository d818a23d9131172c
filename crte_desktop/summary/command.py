"""``crte-desktop summary FILE``: figures per contract, status, funder, scheme, year, category, owner, territory.

Reads the file without ever writing to it."""

from __future__ import annotations

from crte_desktop.db.store import Store
from crte_desktop.summary.report import summary_lines


def run(args) -> int:
    with Store.open_read_only(args.file) as store:
        text = "\n".join(summary_lines(store))
    print(text)
    return 0
