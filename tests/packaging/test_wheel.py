"""The demo data is package data (issue 12.8, 10.1): a wheel built from the project, installed in a fresh
virtual environment outside the checkout, writes the demo workspace and checks it.

The wheel is built from a copy of the project's files (nothing is written into the checkout); building it
fetches setuptools from PyPI into pip's isolated build environment, as any ``pip install .`` does; the fresh
environment gets the wheel with its dependencies (from PyPI or pip's cache), as a user's ``pip install`` does."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(LANG="C.UTF-8", CRTE_DESKTOP_HOME=str(cwd / "profil"))
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def test_a_wheel_installed_outside_the_checkout_writes_the_demo(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "crte_desktop", source / "crte_desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "wheels", source,
                 cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheels").glob("crte_desktop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "crte_desktop/resources/demo/valenciennois.json" in names
    assert "crte_desktop/resources/icons/crte-desktop.ico" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)

    venv = tmp_path / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", wheel,
                     cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    exe = venv / ("Scripts/crte-desktop.exe" if os.name == "nt" else "bin/crte-desktop")
    located = _run(python, "-c", "import crte_desktop; print(crte_desktop.__file__)", cwd=elsewhere)
    assert str(venv) in located.stdout and str(ROOT) not in located.stdout

    demo = _run(exe, "demo", "demo.crte", cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    assert "2 contrats (CRTE du Valenciennois, CRTE du Douaisis)" in demo.stdout.replace("\u00a0", " ")
    check = _run(exe, "check", "demo.crte", cwd=elsewhere)
    assert check.returncode == 0, check.stdout + check.stderr
    with sqlite3.connect(elsewhere / "demo.crte") as conn:
        assert conn.execute("SELECT COUNT(*) FROM contract").fetchone()[0] == 2
