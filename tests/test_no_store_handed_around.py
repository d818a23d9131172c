"""Views reach every service through the Workspace (docs/architecture.md, « The Workspace »): they never hand
a Store to a function of a service package (meetings, versions, search, excel, dashboard…); the command line
reaches the meeting documents, registers and undo steps the same way.

Read on the source with ``ast``: every name a view (or the CLI) takes from ``crte_desktop.meetings`` — imported,
or reached as ``module.name`` — is looked up; a function whose first parameter is the store is refused, and
so is any call to ``meetings`` that passes ``store`` / ``….store`` as an argument. Background work in views
opens its own connection through the Workspace (``workspace.reader()``), never ``Store.open…`` itself."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "crte_desktop"
# The command line of the meetings (it lives in meetings/ but is a front door like the window).
FRONT_DOORS = [PACKAGE / "cli.py", PACKAGE / "meetings" / "commands.py"]


def _front_doors() -> list[Path]:
    return sorted((PACKAGE / "views").rglob("*.py")) + FRONT_DOORS


def _takes_a_store(obj) -> bool:
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        return False
    if inspect.isclass(obj):
        return False  # a service class is built by the Workspace; test_layers refuses views building one
    params = list(inspect.signature(obj).parameters)
    return bool(params) and params[0] == "store"


def _is_store(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "store") or \
        (isinstance(node, ast.Attribute) and node.attr == "store")


# The service packages a view reaches through the Workspace only (the CLI: the meetings', checked alike).
SERVICES = ("crte_desktop.meetings", "crte_desktop.versions", "crte_desktop.search", "crte_desktop.excel",
            "crte_desktop.dashboard", "crte_desktop.campaigns", "crte_desktop.summary", "crte_desktop.obligations",
            "crte_desktop.editing", "crte_desktop.reports", "crte_desktop.check")


def store_handoffs(source: str, name: str = "<source>", packages: tuple[str, ...] = SERVICES) -> list[str]:
    """What in ``source`` hands a Store to a function of ``packages`` (empty: nothing)."""
    tree = ast.parse(source, name)
    names: dict[str, object] = {}  # local name → what it is in crte_desktop.meetings
    modules: dict[str, object] = {}  # local name → a module of crte_desktop.meetings
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(packages):
            module = importlib.import_module(node.module)
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if value is None:  # a submodule not yet loaded: ``from crte_desktop.meetings import restore``
                    value = importlib.import_module(f"{node.module}.{alias.name}")
                if inspect.ismodule(value):
                    modules[alias.asname or alias.name] = value
                else:
                    names[alias.asname or alias.name] = value
                    if _takes_a_store(value):
                        found.append(f"line {node.lineno}: imports {node.module}.{alias.name}, which takes the store")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(packages) and alias.asname:
                    modules[alias.asname] = importlib.import_module(alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
            value = getattr(modules[node.value.id], node.attr, None)
            if _takes_a_store(value):
                found.append(f"line {node.lineno}: uses {node.value.id}.{node.attr}, which takes the store")
        if isinstance(node, ast.Call):
            func = node.func
            target = None
            if isinstance(func, ast.Name) and func.id in names:
                target = func.id
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
                target = f"{func.value.id}.{func.attr}"
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if target and any(_is_store(a) for a in arguments):
                found.append(f"line {node.lineno}: passes a store to {target}")
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "Store" \
                    and name.startswith(str(PACKAGE / "views" / "meetings")):
                found.append(f"line {node.lineno}: opens its own Store (use workspace.reader())")
    return found


def test_views_and_the_cli_never_hand_a_store_to_the_meetings():
    problems = []
    for path in _front_doors():
        packages = SERVICES if path.is_relative_to(PACKAGE / "views") else ("crte_desktop.meetings",)
        for problem in store_handoffs(path.read_text(encoding="utf-8"), str(path), packages):
            problems.append(f"{path.relative_to(PACKAGE.parent)} {problem}")
    assert problems == []


def test_the_check_can_fail():
    """What the views did before the documents went through the Workspace is caught."""
    before = '''
from crte_desktop.meetings.pack import build_pack
from crte_desktop.meetings import restore
from crte_desktop.meetings.registers import follow_ups as fu

def export(self, path):
    build_pack(self.ctx.store, 1, path)
    restore.meeting_step(self.ctx.store, "x", 1, lambda: None)
    fu(ctx.store, 3)
'''
    found = store_handoffs(before + """
from crte_desktop.versions.restore import restore_whole
from crte_desktop.excel import first_import

def restore(self, snap):
    restore_whole(self.store, snap)
    first_import.preview(self.ctx.store, 1, table, mapping)
""")
    assert any("imports crte_desktop.versions.restore.restore_whole" in f for f in found)
    assert any("uses first_import.preview" in f for f in found)
    assert any("imports crte_desktop.meetings.pack.build_pack" in f for f in found)
    assert any("uses restore.meeting_step" in f for f in found)
    assert any("passes a store to fu" in f for f in found)
    after = '''
def export(self, path):
    self.ctx.workspace.documents.pack(1, path)
    self.ctx.workspace.meeting_steps.edit("x", 1, lambda: None)
'''
    assert store_handoffs(after) == []
