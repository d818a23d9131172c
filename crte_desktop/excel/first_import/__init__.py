"""First import of a spreadsheet the application did not produce (the secretary's own tracking file).

    source = open_source(path)                      # checks the file, lists its sheets
    table = load_table(source, sheet)               # header row found, merged cells read
    mapping = guess_mapping(table.headers, Catalogue.load(store, contract_id), [r.values for r in table.rows])
    result = preview(store, contract_id, table, mapping, ImportOptions(), file_name=path.name)
    done = apply(store, result, accepted_rows)      # one transaction; undo_import(store, done)

No Qt here: the dialog (views/imports/first_import_dialog.py) and the tests call the same functions.
"""

from dataclasses import dataclass, field

from crte_desktop.excel.first_import.apply import ImportResult, apply, import_step, redo_import, undo_import
from crte_desktop.excel.first_import.catalogue import Catalogue
from crte_desktop.excel.first_import.fields import FIELDS, FINANCING, Mapping, Target
from crte_desktop.excel.first_import.guess import guess_mapping
from crte_desktop.excel.first_import.preview import (EXISTING, KIND_LABELS, NEW, SKIPPED, UPDATE, ImportOptions,
                                                     ImportPreview, RowPreview, preview)
from crte_desktop.excel.first_import.source import SourceInfo, open_source, read_sheet
from crte_desktop.excel.first_import.table import Table, find_table
from crte_desktop.excel.problems import ImportRefused


def load_table(source: SourceInfo, sheet: str, control=None) -> Table:
    """The table of ``sheet`` (raises ImportRefused with the reason)."""
    return find_table(read_sheet(source, sheet, control))


@dataclass
class FoundTable:
    table: Table
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (sheet, why it was passed over)


def first_table(source: SourceInfo, sheet: str | None = None, control=None) -> FoundTable:
    """The table of ``sheet``, or of the first visible sheet that has one; the sheets passed over are
    named with the reason (too large, no header…). Raises ImportRefused when none can be read."""
    names = [sheet] if sheet else source.visible_sheets or [s.name for s in source.sheets]
    skipped: list[tuple[str, str]] = []
    first_error = None
    for name in names:
        if control is not None:
            control.check()
        try:
            return FoundTable(load_table(source, name, control), skipped)
        except ImportRefused as exc:
            first_error = first_error or exc
            skipped.append((name, "; ".join(p.message for p in exc.problems) or str(exc)))
    if len(names) > 1 and first_error is not None:
        raise ImportRefused("Aucune feuille de ce fichier ne contient un tableau lisible :\n" + "\n".join(
            f"« {n} » : {why}" for n, why in skipped))
    raise first_error or ImportRefused("Ce fichier ne contient aucune feuille lisible.")


__all__ = ["EXISTING", "FIELDS", "FINANCING", "FoundTable", "first_table", "KIND_LABELS", "NEW", "SKIPPED",
           "UPDATE", "Catalogue", "ImportOptions", "ImportPreview", "ImportResult", "Mapping", "RowPreview",
           "SourceInfo", "Table", "Target", "apply", "find_table", "guess_mapping", "import_step",
           "load_table", "open_source", "preview", "read_sheet", "redo_import", "undo_import"]
