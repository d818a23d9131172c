"""First import of a spreadsheet the application did not produce (the secretary's own tracking file).

    source = open_source(path)                      # checks the file, lists its sheets
    table = load_table(source, sheet)               # header row found, merged cells read
    mapping = guess_mapping(table.headers, Catalogue.load(store, contract_id), [r.values for r in table.rows])
    result = preview(store, contract_id, table, mapping, ImportOptions(), file_name=path.name)
    done = apply(store, result, accepted_rows)      # one transaction; undo_import(store, done)

No Qt here: the dialog (views/imports/first_import_dialog.py) and the tests call the same functions.
"""

from crte_desktop.excel.first_import.apply import ImportResult, apply, import_step, redo_import, undo_import
from crte_desktop.excel.first_import.catalogue import Catalogue
from crte_desktop.excel.first_import.fields import FIELDS, FINANCING, Mapping, Target
from crte_desktop.excel.first_import.guess import guess_mapping
from crte_desktop.excel.first_import.preview import (KIND_LABELS, NEW, SKIPPED, UPDATE, ImportOptions, ImportPreview,
                                                     RowPreview, preview)
from crte_desktop.excel.first_import.source import SourceInfo, open_source, read_sheet
from crte_desktop.excel.first_import.table import Table, find_table


def load_table(source: SourceInfo, sheet: str) -> Table:
    """The table of ``sheet`` (raises ImportRefused with the reason)."""
    return find_table(read_sheet(source, sheet))


__all__ = ["FIELDS", "FINANCING", "KIND_LABELS", "NEW", "SKIPPED", "UPDATE", "Catalogue", "ImportOptions",
           "ImportPreview", "ImportResult", "Mapping", "RowPreview", "SourceInfo", "Table", "Target", "apply",
           "find_table", "guess_mapping", "import_step", "load_table", "open_source", "preview", "read_sheet", "redo_import",
           "undo_import"]
