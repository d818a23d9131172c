"""``crte-desktop check FILE``: integrity and consistency report; exit 1 when an error is found."""

from __future__ import annotations

from crte_desktop.check.report import check_workspace, report_lines


def run(args) -> int:
    report = check_workspace(args.file)
    print("\n".join(report_lines(report)))
    return 1 if report.errors else 0
