"""Exporting the dashboard workbook for partners: ask where, then write it off the GUI thread.

``export_workbook_dialog(ctx, contract_id, parent)`` returns the running operation; its progress dialog can
cancel (the target file is then left as it was).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from crte_desktop.views.imports.workbook_files import LAST_DIR_KEY, XLSX_FILTER, safe_name
from crte_desktop.views.shell.tasks import ReadOp
from crte_desktop.views.widgets.export_files import ask_export_path, remember_dir, written_box

EXPORT_KIND = "Classeur"  # the folder of the workbooks exported (views.widgets.export_files)


def default_export_name(ctx, contract_id: int | None) -> str:
    contracts = ctx.workspace.contracts.contracts()
    contract = next((c for c in contracts if c.id == contract_id), contracts[0] if contracts else None)
    name = contract.name if contract else "contrat"
    return safe_name(f"Tableau de bord {name} {ctx.today:%Y-%m-%d}.xlsx")


def export_workbook_dialog(ctx, contract_id: int | None, parent: QWidget | None = None,
                           path: str | None = None, on_done=None) -> ReadOp | None:
    """Ask where to write the workbook (unless ``path``), then write it off the GUI thread with a progress
    dialog that can cancel. Returns the running operation, or None when the user cancelled the file dialog."""
    if path is None:  # in the folder of the last workbook exported (the Documents folder the first time)
        path = ask_export_path(parent, ctx.settings, EXPORT_KIND, "Exporter le classeur du tableau de bord",
                               default_export_name(ctx, contract_id), XLSX_FILTER)
        if not path:
            return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    remember_dir(ctx.settings, EXPORT_KIND, path)
    ctx.settings.setValue(LAST_DIR_KEY, str(Path(path).parent))  # the re-import starts there too
    workspace, today = ctx.workspace, ctx.today

    def work(control):
        with workspace.reader() as own:  # the worker's own connection, closed there
            return own.excel.export(path, contract_id, today=today, progress=control)

    def done(result) -> None:
        if on_done is not None:
            on_done(result)
            return
        written_box(parent, "Export du classeur", result.summary(), path)  # « Ouvrir », « Ouvrir le dossier »

    return ReadOp(parent, work, done).with_progress("Export du classeur du tableau de bord…").run_in_background()
