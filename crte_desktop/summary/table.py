"""Plain-text tables for the terminal: a label column on the left, figures right-aligned."""

from __future__ import annotations


def format_table(headers: list[str], rows: list[list[str]], *, indent: str = "  ", left_columns: int = 1) -> list[str]:
    """Lines of a table; the first ``left_columns`` columns are left-aligned, the others right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: list[str]) -> str:
        parts = [c.ljust(w) if i < left_columns else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return (indent + "  ".join(parts)).rstrip()

    return [line(headers), indent + "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
