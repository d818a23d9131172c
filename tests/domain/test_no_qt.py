"""docs/architecture.md, « Layers »: domain and db never import PySide6."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import crte_desktop.domain, crte_desktop.db
names = []
for pkg in (crte_desktop.domain, crte_desktop.db):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(len(names))
print(",".join(qt))
"""


def test_domain_and_db_import_without_qt():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    count, qt = out.stdout.splitlines()
    assert int(count) >= 20  # every module was walked (migrations included)
    assert qt == "", f"Qt imported by domain/db: {qt}"
