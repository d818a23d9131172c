"""``crte-desktop --bundle-selftest`` (issue 10.2): passes on a whole installation, fails (exit 1) when a
piece is missing. Run in a fresh interpreter, as a bundle runs it."""

from __future__ import annotations

import os
import subprocess
import sys


def _selftest(tmp_path, prelude: str = "", *args: str) -> subprocess.CompletedProcess:
    code = (prelude + "import sys\nfrom crte_desktop.cli import main\n"
            f"sys.exit(main(['--bundle-selftest', *{list(args)!r}]))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", CRTE_DESKTOP_HOME=str(tmp_path / "profil"))
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_the_selftest_passes_and_writes_every_kind_of_output(tmp_path):
    done = _selftest(tmp_path, "", "--keep", str(tmp_path / "sorties"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ÉCHEC" not in done.stdout
    for step in ("modules de l'application", "demo", "check", "summary", "export-xlsx", "pack", "minutes", "ics",
                 "fenêtre principale", "fenêtre : contract", "fenêtre : directory", "fenêtre : reference",
                 "fenêtre : dashboard", "fenêtre : meetings", "fenêtre : campaigns", "fenêtre : first_import", "fenêtre : new_contract",
                 "fenêtre : fiche action"):
        assert f"OK     {step}" in done.stdout, step
    written = sorted(p.name for p in (tmp_path / "sorties").iterdir())
    assert {"demo.crte", "tableau.xlsx", "dossier.pdf", "compte-rendu.docx", "invitation.ics"} <= set(written)
    assert done.stdout.rstrip().splitlines()[-1].startswith("Auto-test réussi")


def test_the_selftest_fails_when_the_demo_data_is_missing(tmp_path):
    prelude = ("from pathlib import Path\nimport crte_desktop.resources as r\n"
               f"r.demo_dir = lambda: Path({str(tmp_path / 'absent')!r})\n")
    done = _selftest(tmp_path, prelude, "--skip-windows")
    assert done.returncode == 1
    assert "ÉCHEC  demo : espace de démonstration" in done.stdout
    assert "Données de démonstration introuvables" in done.stdout
    assert "Auto-test ÉCHEC" in done.stdout
