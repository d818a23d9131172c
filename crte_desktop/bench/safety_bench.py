"""Timed safety scenarios of ``crte-desktop bench`` (issue 9): a snapshot of the workspace at scale (online
backup API, checked, renamed), listing its versions with their figures, and opening it for writing with the
integrity check (pages, indexes, foreign keys), each on a copy of the generated workspace."""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from crte_desktop.db import versions
from crte_desktop.db.store import Store

SNAPSHOT_BUDGET_S = 1.0
LISTING_BUDGET_S = 0.200
OPEN_BUDGET_S = 1.5
VERSIONS_LISTED = 60  # about what the retention rule keeps after a year of daily use


def measure(path: Path | str) -> dict:
    """{"snapshot_s", "listing_s", "open_s", "integrity_s", "versions"} on a copy of ``path``."""
    with tempfile.TemporaryDirectory(prefix="crte-safety-bench-") as tmp:
        copy = Path(tmp) / "copie.crte"
        shutil.copyfile(path, copy)
        start = time.perf_counter()
        store = Store.open(copy)
        open_s = time.perf_counter() - start
        try:
            from crte_desktop.db.store import check_integrity

            integrity_s = check_integrity(copy, budget_s=None).seconds
            start = time.perf_counter()
            store.snapshot("manuel")
            snapshot_s = time.perf_counter() - start
            base = datetime.now() - timedelta(days=400)
            for n in range(VERSIONS_LISTED - 1):  # older versions, as a year of use leaves them
                versions.take(store, "quotidien", now=base + timedelta(days=n * 6), prune_after=False)
        finally:
            store.close()
        start = time.perf_counter()
        listed = versions.list_snapshots(copy)
        listing_s = time.perf_counter() - start
    return {"snapshot_s": snapshot_s, "listing_s": listing_s, "open_s": open_s, "integrity_s": integrity_s,
            "versions": len(listed)}


def run_safety_bench(path: Path | str) -> list[str]:
    from crte_desktop.bench.command import seconds, verdict

    m = measure(path)
    return [
        f"Version (instantané) de l'espace de travail  {seconds(m['snapshot_s'])}  < 1 s  "
        f"{verdict(m['snapshot_s'], SNAPSHOT_BUDGET_S)}",
        f"Liste des versions ({m['versions']} versions, avec leurs chiffres)  {seconds(m['listing_s'])}  < 200 ms  "
        f"{verdict(m['listing_s'], LISTING_BUDGET_S)}",
        f"Ouverture en écriture avec contrôle d'intégrité (index compris)  {seconds(m['open_s'])}  < 1,5 s  "
        f"{verdict(m['open_s'], OPEN_BUDGET_S)}  (contrôle complet seul : {seconds(m['integrity_s'])})",
    ]
