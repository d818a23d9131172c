"""The partners' workbook, as the Workspace offers it: export, plan a re-import, apply it, and its undo step
(excel/export.py, import_diff.py and import_apply.py do the work)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crte_desktop.db.store import Store
from crte_desktop.editing.steps import Step
from crte_desktop.excel.export import ExportResult, export_workbook
from crte_desktop.excel.import_apply import ApplyResult, apply_import, import_step
from crte_desktop.excel.import_diff import Change, ImportPlan, plan_import
from crte_desktop.progress import Progress


class ExcelService:
    def __init__(self, store: Store):
        self.store = store

    def export(self, out: Path | str, contract_id: int | None, *, today: date | None = None,
               progress: Progress | None = None) -> ExportResult:
        return export_workbook(self.store, out, contract_id, today=today, control=progress)

    def plan_import(self, path: Path | str) -> ImportPlan:
        return plan_import(self.store, path)

    def apply_import(self, plan: ImportPlan, accepted: list[Change] | None = None) -> ApplyResult:
        return apply_import(self.store, plan, accepted)

    def import_step(self, result: ApplyResult) -> Step:
        return import_step(self.store, result)
