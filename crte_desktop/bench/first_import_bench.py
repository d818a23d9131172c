"""Benchmark of the first import of a large spreadsheet: a 5 000-row plan d'action in the Territoires en
Transitions layout (axes, sous-axes, owners, funder pairs, total, statuses, date serials) read, its columns
guessed, previewed and imported into a new contract, on a copy of the workspace. Budget: under 5 s, and
under 400 MB of peak memory, measured in a fresh process (``python -m crte_desktop.bench.first_import_bench``).
Then, for information, the dialog's preview table filled with that preview (offscreen; not with ``--no-gui``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROWS = 5000
TIME_BUDGET_S = 5.0
MEMORY_BUDGET_KB = 400 * 1024
HEADERS = ["Axe (x)", "Sous-axe (x.x)", "Titre de l'action", "Titre de la sous-action", "Structure pilote",
           "Partenaires", "Financeur 1", "Montant € HT", "Financeur 2", "Montant € HT",
           "Budget prévisionnel total € HT", "Statut", "Date de début", "Date de fin"]
_STATUSES = ["En cours", "À venir", "Réalisé", "En retard", "À discuter", "En pause"]
_FUNDERS = ["Région", "DSIL", "DETR", "Fonds vert", "ADEME", "Département"]


def write_sheet(path: Path, rows: int = ROWS) -> Path:
    """The plan d'action: 5 axes × 6 sous-axes, 200 owners, two funders per row."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Plan d'action")
    ws.append(["Plan d'action — banc d'essai"])
    ws.append(HEADERS)
    ws.append(["Champ texte"] * 6 + ["Champ texte", "Nombre", "Champ texte", "Nombre", "Nombre", "Liste déroulante",
                                     "Date (jj/mm/aaaa)", "Date (jj/mm/aaaa)"])
    for i in range(rows):
        axe, sous = i % 5 + 1, i % 6 + 1
        ws.append([f"Axe {axe} : Orientation {axe}", f"{axe}.{sous}. Objectif {axe}.{sous}", f"Action {i // 3 + 1}",
                   f"Sous-action {i % 3 + 1} de la ligne {i}", f"Commune de Banc {i % 200}",
                   f"Commune de Banc {(i + 1) % 200}", _FUNDERS[i % 6], 10000 + i, _FUNDERS[(i + 1) % 6],
                   5000.123456 + i, 1000000 + i * 10, _STATUSES[i % 6], 45292 + i % 700,
                   f"31/12/{2030 + i % 5} 00:00:00"])
    wb.save(path)
    return path


def measure(workspace: Path, sheet: Path, gui: bool = True) -> dict:
    """Guess, preview and import ``sheet`` into a new contract of (a copy of) ``workspace``; then fill the
    preview table with the preview (``gui``)."""
    from crte_desktop.db.repos.contract import ContractRepository
    from crte_desktop.db.store import Store
    from crte_desktop.domain.contract import Contract
    from crte_desktop.excel.first_import import (Catalogue, ImportOptions, apply, first_table, guess_mapping,
                                                 open_source, preview)

    result: dict = {}
    with Store.open(workspace) as store:
        contract = Contract(name="Banc d'essai de l'import")
        with store.transaction():
            ContractRepository(store).save_contract(contract)
        start, cpu = time.perf_counter(), time.process_time()
        table = first_table(open_source(sheet)).table
        result["read_s"] = time.perf_counter() - start
        catalogue = Catalogue.load(store, contract.id)
        mapping = guess_mapping(table.headers, catalogue, [r.values for r in table.rows if not r.hint])
        result["guess_s"] = time.perf_counter() - start - result["read_s"]
        shown = preview(store, contract.id, table, mapping, ImportOptions(create_organisations=True),
                        file_name=sheet.name, catalogue=catalogue)
        result["preview_s"] = time.perf_counter() - start - result["read_s"] - result["guess_s"]
        done = apply(store, shown)
        result["total_s"] = time.perf_counter() - start
        result["cpu_s"] = time.process_time() - cpu
        result["apply_s"] = result["total_s"] - result["read_s"] - result["guess_s"] - result["preview_s"]
        result["imported"] = done.count
        result["refused"] = len(shown.refused_rows)
    from crte_desktop.bench.probe import measure_preview_fill, peak_memory_kb  # ``resource`` is Unix-only

    result["maxrss_kb"] = peak_memory_kb()  # the import's, before Qt is loaded for the table
    if gui:
        measure_preview_fill(shown, result)
    return result


def run_first_import_bench(workspace: Path, rows: int = ROWS, gui: bool = True) -> list[str]:
    """The report lines, measured in a fresh process on a copy of ``workspace``."""
    with tempfile.TemporaryDirectory(prefix="crte-bench-import-") as tmp:
        copy = Path(tmp) / "copie.crte"
        shutil.copy2(workspace, copy)
        sheet = write_sheet(Path(tmp) / "plan-d-action.xlsx", rows)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG=os.environ.get("LANG", "C.UTF-8"))
        command = [sys.executable, "-m", "crte_desktop.bench.first_import_bench", str(copy), str(sheet)]
        done = subprocess.run(command + ([] if gui else ["--no-gui"]), capture_output=True, text=True,
                              encoding="utf-8", env=env, timeout=600)
        if done.returncode != 0 or not done.stdout.strip():
            return [f"Premier import : la mesure a échoué ({done.stderr.strip()[-500:]})."]
        r = json.loads(done.stdout.strip().splitlines()[-1])

    def s(x: float) -> str:
        return f"{x:.2f}".replace(".", ",") + " s"

    ok = "OK" if r["total_s"] < TIME_BUDGET_S else "DÉPASSÉ"
    mem_ok = "OK" if r["maxrss_kb"] < MEMORY_BUDGET_KB else "DÉPASSÉ"
    return [
        "",
        f"Premier import d'un plan d'action de {_thousands(rows)} lignes (lecture, colonnes devinées, aperçu, "
        "import)",
        f"  lecture {s(r['read_s'])}, colonnes {s(r['guess_s'])}, aperçu {s(r['preview_s'])}, "
        f"import {s(r['apply_s'])} : total {s(r['total_s'])} (budget < 5 s) {ok} — temps processeur "
        f"{s(r['cpu_s'])}",
        f"  {r['imported']} actions importées, {r['refused']} refusées ; mémoire maximale "
        f"{r['maxrss_kb'] / 1024:.0f} Mo (budget < 400 Mo) {mem_ok}",
        _fill_line(r, gui),
    ]


def _fill_line(r: dict, gui: bool) -> str:
    if not gui:
        return "  Tableau de l'aperçu non mesuré (--no-gui)."
    if "fill_s" not in r:
        return f"  Tableau de l'aperçu non mesuré : {r.get('fill_skipped', 'raison inconnue')}."
    return (f"  Tableau de l'aperçu ({_thousands(r['fill_rows'])} lignes) rempli en {r['fill_s'] * 1000:.0f} ms, "
            "pour information")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]), gui="--no-gui" not in sys.argv[3:])))
