"""The partners' workbook, as the Workspace offers it: export, plan a re-import, apply it, and its undo step;
and the first import of an existing table (excel/export.py, import_diff.py, import_apply.py and first_import/
do the work; imported when first used, so that opening a workspace does not load openpyxl and matplotlib)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from crte_desktop.db.store import Store
from crte_desktop.editing.steps import Step
from crte_desktop.progress import Progress

if TYPE_CHECKING:
    from crte_desktop.excel.export import ExportResult
    from crte_desktop.excel.first_import import (Catalogue, ImportOptions, ImportPreview, ImportResult, Mapping,
                                                 Table)
    from crte_desktop.excel.import_apply import ApplyResult
    from crte_desktop.excel.import_diff import Change, ImportPlan


class ExcelService:
    def __init__(self, store: Store):
        self.store = store

    def export(self, out: Path | str, contract_id: int | None, *, today: date | None = None,
               progress: Progress | None = None) -> ExportResult:
        from crte_desktop.excel.export import export_workbook

        return export_workbook(self.store, out, contract_id, today=today, control=progress)

    def plan_import(self, path: Path | str, expected_campaign_id: int | None = None) -> ImportPlan:
        from crte_desktop.excel.import_diff import plan_import

        return plan_import(self.store, path, expected_campaign_id)

    def apply_import(self, plan: ImportPlan, accepted: list[Change] | None = None) -> ApplyResult:
        from crte_desktop.excel.import_apply import apply_import

        return apply_import(self.store, plan, accepted)

    def import_step(self, result: ApplyResult) -> Step:
        from crte_desktop.excel.import_apply import import_step

        return import_step(self.store, result)

    # -- the first import of an existing table (excel/first_import/) -------------------------------------
    def first_import_catalogue(self, contract_id: int) -> Catalogue:
        """What a table's columns and values are matched against: the contract's sections, the directory…"""
        from crte_desktop.excel.first_import import Catalogue

        return Catalogue.load(self.store, contract_id)

    def first_import_preview(self, contract_id: int, table: Table, mapping: Mapping, options: ImportOptions,
                             *, file_name: str = "", catalogue: Catalogue | None = None,
                             progress: Progress | None = None) -> ImportPreview:
        """What importing ``table`` with ``mapping`` would do, row by row. Writes nothing."""
        from crte_desktop.excel.first_import import preview

        return preview(self.store, contract_id, table, mapping, options, file_name=file_name, catalogue=catalogue,
                       control=progress)

    def first_import(self, preview: ImportPreview, rows: list[int] | None = None,
                     progress: Progress | None = None) -> ImportResult:
        """Import the rows ``rows`` of a previewed table, all or nothing."""
        from crte_desktop.excel.first_import import apply

        return apply(self.store, preview, rows, progress)

    def first_import_step(self, result: ImportResult) -> Step:
        from crte_desktop.excel.first_import import import_step

        return import_step(self.store, result)
