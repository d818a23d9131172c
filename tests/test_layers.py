"""The layers of docs/architecture.md, checked on the source: domain ← db ← services ← views.

Every ``import`` statement of the package (including those inside functions) is read with ``ast``:
- ``domain`` imports nothing of the package but ``domain``, and no Qt;
- ``db`` imports only ``domain`` and ``db``, and no Qt;
- the service packages never import ``views`` nor ``PySide6.QtWidgets`` (QtGui/QtCore may render a PDF);
- ``cli`` may import services (and ``views.shell.app`` to open the window);
- nothing above ``db`` imports ``sqlite3``: the store translates its errors (db/errors.py);
- no module is imported from a string (a bundler cannot see it);
- read projections (db/queries/) and repositories (db/repos/) are apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crte_desktop"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")

# The one service module allowed to show a window: the benchmark measures the main window's opening
# in a separate process.
SERVICE_GUI = {"crte_desktop.bench.probe", "crte_desktop.selftest"}
# The bundle self-test (``--bundle-selftest``) runs the sub-commands through cli.main and opens every window.
SELFTEST = {"crte_desktop.selftest"}
# cli.py reaches the GUI only through this module.
CLI_VIEWS = {"crte_desktop.views.shell.app"}
# The bundle self-test imports every module of the package by name, on purpose: it proves a bundle holds them
# (the bundler sees them through the spec's collect_submodules). cli.py imports its sub-commands statically.
STRING_IMPORTS_NOT_YET_MOVED = {"crte_desktop.selftest"}


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


def _imports(module: str, path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            names.append(base)
            names.extend(f"{base}.{alias.name}" for alias in node.names)
    return names


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    top = parts[1]
    if top in ("domain", "db", "views", "cli", "__main__"):
        return top
    return "services"


def _violations(module: str, imported: str) -> str | None:
    layer = _layer(module)
    root = imported.split(".")[0]
    target = _layer(imported) if root == "crte_desktop" and "." in imported else None
    if layer in ("domain", "db") and root in QT:
        return "Qt"
    if layer == "domain" and target not in (None, "domain", "package"):
        return f"domain imports {target}"
    if layer == "db" and target not in (None, "domain", "db", "package"):
        return f"db imports {target}"
    if layer == "services":
        if target == "views" and module not in SERVICE_GUI:
            return "a service imports views"
        if target == "cli" and module not in SELFTEST:
            return "a service imports cli"
        if imported.startswith("PySide6.QtWidgets") and module not in SERVICE_GUI:
            return "a service imports QtWidgets"
    if layer == "cli" and target == "views" and not any(imported.startswith(v) for v in CLI_VIEWS):
        return "cli imports a view other than the application's entry"
    if layer != "db" and root == "sqlite3":
        return "sqlite3 above db/"
    return None


MODULES = _modules()


def test_the_walk_sees_every_layer():
    layers = {_layer(m) for m, _ in MODULES}
    assert {"domain", "db", "services", "views", "cli"} <= layers
    assert len(MODULES) > 150


@pytest.mark.parametrize("layer", ["domain", "db", "services", "views", "cli"])
def test_imports_respect_the_layers(layer):
    problems = []
    for module, path in MODULES:
        if _layer(module) != layer:
            continue
        for imported in _imports(module, path):
            why = _violations(module, imported)
            if why:
                problems.append(f"{module} → {imported} ({why})")
    assert problems == []


def test_the_checker_can_fail():
    assert _violations("crte_desktop.domain.rules", "PySide6.QtCore") == "Qt"
    assert _violations("crte_desktop.db.store", "crte_desktop.excel.cells") == "db imports services"
    assert _violations("crte_desktop.excel.export", "crte_desktop.views.widgets") == "a service imports views"
    assert _violations("crte_desktop.reports.pdf", "PySide6.QtWidgets") == "a service imports QtWidgets"
    assert _violations("crte_desktop.reports.pdf", "PySide6.QtGui") is None
    assert _violations("crte_desktop.views.actions.action_form", "sqlite3") == "sqlite3 above db/"
    assert _violations("crte_desktop.cli", "crte_desktop.excel.export_command") is None


def test_no_module_is_imported_from_a_string():
    users = {m for m, path in MODULES if "import_module(" in path.read_text(encoding="utf-8")}
    assert users <= STRING_IMPORTS_NOT_YET_MOVED


def test_read_projections_and_repositories_live_apart():
    """db/queries/ holds the read projections, db/repos/ the aggregates' repositories (docs/architecture.md):
    a new ``db/X_queries.py`` goes to ``db/queries/X.py``, a new ``db/X_repo.py`` to ``db/repos/X.py``."""
    db = PACKAGE / "db"
    misplaced = sorted(p.name for p in db.glob("*.py") if p.stem.endswith(("_queries", "_repo")))
    assert misplaced == []
    assert all(not p.stem.endswith("_repo") for p in (db / "queries").glob("*.py"))


def test_views_reach_services_through_the_workspace():
    """A view never builds a repository or a service, nor touches the SQLite connection
    (docs/architecture.md, « The Workspace »)."""
    import re

    pattern = re.compile(r"\b[A-Z]\w*(Repository|Service)\(|\.conn\b")
    found = []
    for module, path in MODULES:
        if _layer(module) != "views":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{module}:{number}: {line.strip()}")
    assert found == []
