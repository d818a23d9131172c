"""Benchmark of the workbook export and re-import against openpyxl's own speed, measured side by side.

- export: ``export_workbook`` of the largest contract (figures gathered, Synthèse with its charts, data sheets
  with formats and lists, hidden sheets, atomic write), against openpyxl writing the same cells in write-only
  mode — once the same cells as openpyxl's documentation writes them (``WriteOnlyCell`` with the same
  number formats), once the bare values alone; budget 1.5 ×;
- import of the unchanged workbook (file checks, read, comparison with the workspace, nothing to apply),
  against openpyxl's read-only read of every cell of it; budget 2 ×.

Each side is timed ``repeat`` times, alternating with the other, and the best time of each is kept.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.db.queries.summary import action_count
from crte_desktop.domain.wording import plural
from crte_desktop.excel.export import export_workbook
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import

EXPORT_BUDGET = 1.5
IMPORT_BUDGET = 2.0
REPEAT = 3


def read_cells(path: Path) -> dict[str, list[tuple]]:
    """Every cell of every sheet as (value, number format or None), read in read-only mode."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        result = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            result[ws.title] = [tuple((c.value, None if c.value is None or c.number_format == "General"
                                       else c.number_format) for c in row) for row in ws.iter_rows()]
        return result
    finally:
        wb.close()


def read_all_values(path: Path) -> int:
    """openpyxl alone: every cell value of every sheet, read-only. Returns the number of filled cells."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        n = 0
        for ws in wb.worksheets:
            ws.reset_dimensions()
            for row in ws.iter_rows(values_only=True):
                n += sum(1 for v in row if v is not None)
        return n
    finally:
        wb.close()


def write_formatted(cells: dict[str, list[tuple]], path: Path) -> None:
    """openpyxl alone, the same cells: a WriteOnlyCell with its number format where the export has one."""
    wb = openpyxl.Workbook(write_only=True)
    for title, rows in cells.items():
        ws = wb.create_sheet(title)
        for row in rows:
            out = []
            for value, fmt in row:
                if fmt is None:
                    out.append(value)
                else:
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = fmt
                    out.append(cell)
            ws.append(out)
    wb.save(path)


def write_bare(cells: dict[str, list[tuple]], path: Path) -> None:
    """openpyxl alone, the bare values of the same cells."""
    wb = openpyxl.Workbook(write_only=True)
    for title, rows in cells.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append([value for value, _fmt in row])
    wb.save(path)


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("inf")


def run_excel_bench(path: Path | str, repeat: int = REPEAT) -> list[str]:
    """Time the export and the unchanged re-import of the workspace's largest contract; the report (French)."""
    path = Path(path)
    with Store.open(path) as store, tempfile.TemporaryDirectory(prefix="crte-xlsx-bench-") as tmp:
        contracts = ContractRepository(store).contracts()
        if not contracts:
            return ["Classeur : aucun contrat à exporter."]
        contract = max(contracts, key=lambda c: action_count(store, c.id))
        book, raw = Path(tmp) / "tableau-de-bord.xlsx", Path(tmp) / "openpyxl-seul.xlsx"
        export_workbook(store, book, contract.id)  # warm-up, and the workbook to compare with
        cells = read_cells(book)
        count = sum(1 for rows in cells.values() for row in rows for value, _ in row if value is not None)
        size = book.stat().st_size

        ours = formatted = bare = float("inf")
        for _ in range(repeat):
            ours = min(ours, _timed(lambda: export_workbook(store, book, contract.id)))
            formatted = min(formatted, _timed(lambda: write_formatted(cells, raw)))
            bare = min(bare, _timed(lambda: write_bare(cells, raw)))

        ours_in = theirs_in = float("inf")
        unexpected = 0
        for _ in range(repeat):
            start = time.perf_counter()
            plan = plan_import(store, book)
            apply_import(store, plan)
            ours_in = min(ours_in, time.perf_counter() - start)
            unexpected = max(unexpected, len(plan.changes) + len(plan.problems))
            theirs_in = min(theirs_in, _timed(lambda: read_all_values(book)))

    r_formatted, r_bare, r_import = _ratio(ours, formatted), _ratio(ours, bare), _ratio(ours_in, theirs_in)
    verdict = "OK" if r_formatted <= EXPORT_BUDGET else "DÉPASSÉ"
    lines = [
        f"Classeur du contrat « {contract.name} » : {count} cellules remplies, {_number(size / 1_048_576, 1)} Mo",
        f"Export du classeur : {_number(ours)} s ; openpyxl seul, mêmes cellules (valeurs et formats) en écriture "
        f"seule : {_number(formatted)} s — rapport {_number(r_formatted)} (budget {_number(EXPORT_BUDGET, 1)}) — "
        f"{verdict}",
        f"  (openpyxl seul, valeurs nues sans format : {_number(bare)} s — rapport {_number(r_bare)} ; "
        "l'export calcule en plus les chiffres et les graphiques de la Synthèse)",
        f"Réimport du classeur inchangé : {_number(ours_in)} s ; lecture openpyxl seule (lecture seule) : "
        f"{_number(theirs_in)} s — rapport {_number(r_import)} (budget {_number(IMPORT_BUDGET, 1)}) — "
        f"{'OK' if r_import <= IMPORT_BUDGET else 'DÉPASSÉ'}",
    ]
    if unexpected:
        lines.append(f"  Attention : le réimport du classeur inchangé a trouvé {plural(unexpected, 'différence')} !")
    return lines


if __name__ == "__main__":  # python -m crte_desktop.bench.excel_bench FILE.crte
    import sys

    print("\n".join(run_excel_bench(sys.argv[1])))
