"""``crte-desktop bench [--scale N] [--keep PATH] [--no-gui]``: generate a workspace at scale, then time what
a user waits for (opening, filtering as one types, the summary) and the peak memory, against budgets.

The scenarios run in a fresh process (``crte_desktop.bench.probe``), offscreen. The report is for people;
a budget overrun is shown as "DÉPASSÉ" but does not change the exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crte_desktop.bench.generator import GeneratedSizes, generate
from crte_desktop.domain.errors import DomainError

# scenario → budget (seconds, or kB for memory)
WINDOW_BUDGET_S = 1.5
FILTER_BUDGET_S = 0.100
SUMMARY_BUDGET_S = 0.300
DASHBOARD_BUDGET_S = 0.300
MEMORY_BUDGET_KB = 400 * 1024
PROBE_TIMEOUT_S = 600


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def seconds(value: float) -> str:
    return f"{_number(value, 2)} s" if value >= 1 else f"{value * 1000:.0f} ms"


def verdict(value: float, budget: float) -> str:
    return "OK" if value < budget else "DÉPASSÉ"


def run(args) -> int:
    if args.scale < 1:
        raise DomainError("--scale doit être un nombre d'actions d'au moins 1.")
    keep = Path(args.keep) if args.keep else None
    if keep is not None and keep.exists():
        raise DomainError(f"Le fichier « {keep} » existe déjà ; il n'a pas été modifié. "
                          "Choisissez un autre nom.")
    with tempfile.TemporaryDirectory(prefix="crte-bench-") as tmp:
        path = keep or Path(tmp) / "banc-essai.crte"
        start = time.perf_counter()
        sizes = generate(path, args.scale)
        generation_s = time.perf_counter() - start
        result = _probe(path, gui=not args.no_gui)
        lines = report_lines(sizes, generation_s, path.stat().st_size, result, gui=not args.no_gui)
        lines += [""] + _documents_lines(path, args.scale, gui=not args.no_gui)
    print("\n".join(lines))
    if keep is not None:
        print(f"Espace de travail conservé : {keep}")
    return 0


def _documents_lines(path: Path, scale: int, gui: bool) -> list[str]:
    """The workbook export/re-import against openpyxl alone, and the meeting pack (on a copy)."""
    from crte_desktop.bench.crte2023_bench import run_crte2023_bench
    from crte_desktop.bench.excel_bench import run_excel_bench
    from crte_desktop.bench.first_import_bench import run_first_import_bench
    from crte_desktop.bench.pack_bench import run_pack_bench
    from crte_desktop.bench.safety_bench import run_safety_bench

    return (run_excel_bench(path) + run_pack_bench(path) + run_first_import_bench(path, scale, gui)
            + run_safety_bench(path) + [""] + run_crte2023_bench(path))


def _probe(path: Path, gui: bool) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG=os.environ.get("LANG", "C.UTF-8"))
    # a bundled executable has no ``-m``: it runs the probe through its own hidden option (cli.py)
    probe = ["--bench-probe"] if getattr(sys, "frozen", False) else ["-m", "crte_desktop.bench.probe"]
    command = [sys.executable, *probe, str(path)] + ([] if gui else ["--no-gui"])
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                              timeout=PROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise DomainError(f"Les mesures n'ont pas abouti en {PROBE_TIMEOUT_S} s.") from exc
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise DomainError(f"Les mesures ont échoué (code {done.returncode}) : {done.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])


def report_lines(sizes: GeneratedSizes, generation_s: float, file_bytes: int, result: dict, gui: bool) -> list[str]:
    lines = [
        "Banc d'essai CRTE Desktop",
        f"Espace de travail : {_thousands(sizes.actions)} actions dans {sizes.contracts} contrats "
        f"({sizes.sections} sections), {_thousands(sizes.organisations)} organismes, "
        f"{_thousands(sizes.financing)} lignes de financement, {_thousands(sizes.indicators)} indicateurs, "
        f"{_thousands(sizes.measurements)} mesures",
        f"Génération : {seconds(generation_s)} (fichier de {_number(file_bytes / 1024 / 1024, 1)} Mo)",
        "",
    ]
    rows: list[tuple[str, str, str, str]] = []
    if "window_s" in result:
        rows.append(("Ouverture et fenêtre principale remplie", seconds(result["window_s"]),
                     f"< {_number(WINDOW_BUDGET_S, 1)} s", verdict(result["window_s"], WINDOW_BUDGET_S)))
        filters = result["filter_s"]
        average = sum(filters) / len(filters)
        rows.append((f"Filtre à la frappe, moyenne ({len(filters)} frappes)", seconds(average),
                     f"< {FILTER_BUDGET_S * 1000:.0f} ms", verdict(average, FILTER_BUDGET_S)))
        rows.append(("Filtre à la frappe, maximum", seconds(max(filters)), f"< {FILTER_BUDGET_S * 1000:.0f} ms",
                     verdict(max(filters), FILTER_BUDGET_S)))
    rows.append(("Synthèse (summary)", seconds(result["summary_s"]), f"< {SUMMARY_BUDGET_S * 1000:.0f} ms",
                 verdict(result["summary_s"], SUMMARY_BUDGET_S)))
    if "dashboard_s" in result:
        slowest = max(result["dashboard_s"])
        rows.append((f"Tableau de bord, contrat le plus lourd ({len(result['dashboard_s'])} contrats)",
                     seconds(slowest), f"< {DASHBOARD_BUDGET_S * 1000:.0f} ms", verdict(slowest, DASHBOARD_BUDGET_S)))
    memory_label = "Mémoire maximale" + ("" if "window_s" in result else " (sans la fenêtre)")
    if result.get("maxrss_kb") is not None:
        rows.append((memory_label, f"{result['maxrss_kb'] / 1024:.0f} Mo", f"< {MEMORY_BUDGET_KB // 1024} Mo",
                     verdict(result["maxrss_kb"], MEMORY_BUDGET_KB)))
    else:
        rows.append((memory_label, "non mesurée sur ce système", f"< {MEMORY_BUDGET_KB // 1024} Mo", ""))
    if "imports_s" in result:
        rows.append(("Chargement de Qt et des fenêtres, pour information", seconds(result["imports_s"]), "—", ""))
    errors = result["check_errors"]
    rows.append(("Contrôle (check), pour information", seconds(result["check_s"]), "—",
                 f"{errors} erreur" + ("s" if errors > 1 else "")))
    widths = [max(len(r[i]) for r in rows + [("Mesure", "Temps", "Budget", "Verdict")]) for i in range(4)]
    for cells in [("Mesure", "Temps", "Budget", "Verdict")] + rows:
        lines.append("  ".join([cells[0].ljust(widths[0]), cells[1].rjust(widths[1]), cells[2].rjust(widths[2]),
                                cells[3]]).rstrip())
    if gui and "window_s" not in result:
        lines.append(f"Fenêtre principale non mesurée : {result.get('gui_skipped', 'raison inconnue')}.")
    elif not gui:
        lines.append("Fenêtre principale non mesurée (--no-gui).")
    return lines
