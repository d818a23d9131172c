"""``crte-desktop export-xlsx FILE OUT.xlsx [--contract ID]``: the dashboard workbook for partners."""

from __future__ import annotations

from crte_desktop.db.store import Store
from crte_desktop.excel.export import export_workbook


def run(args) -> int:
    with Store.open_read_only(args.file) as store:  # an export writes nothing into the workspace
        result = export_workbook(store, args.out, getattr(args, "contract", None))
    print(result.summary())
    return 0
