"""The package carries everything it needs (issue 10.1): package data read with importlib.resources, no
sub-command imported from a string, no Unix-only module imported unconditionally, an icon, a licence."""

from __future__ import annotations

import ast
import struct
from pathlib import Path

import crte_desktop
from crte_desktop import resources

PACKAGE = Path(crte_desktop.__file__).parent
ROOT = PACKAGE.parent
UNIX_ONLY = {"resource", "fcntl", "pwd", "grp", "termios", "posix", "tty", "pty"}
WINDOWS_ONLY = {"winreg", "msvcrt", "_winapi", "winsound"}


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_no_data_is_read_from_beside_the_package():
    assert not (ROOT / "resources").exists(), "resources/ must live inside crte_desktop/ (package data)"
    offenders = [str(p.relative_to(ROOT)) for p in _modules() if "parents[1]" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_demo_contracts_and_the_icon_are_package_data():
    names = sorted(p.name for p in resources.demo_dir().iterdir())
    assert {"valenciennois.json", "douaisis.json"} <= set(names)
    assert resources.icon_bytes().startswith(b"<?xml")
    for size in resources.ICON_SIZES:
        png = resources.icon_bytes(size)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (size, size)


def test_the_windows_icon_holds_the_sizes_windows_asks_for():
    data = resources.resource("icons", "crte-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_the_wheel_declares_the_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"crte_desktop.resources" = ["demo/*.json"' in text


def test_no_module_is_imported_from_a_string_in_the_cli():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "import_module"]
    assert calls == [] and "importlib" not in (PACKAGE / "cli.py").read_text(encoding="utf-8")


def test_every_sub_command_has_its_module():
    from crte_desktop import cli

    for name in cli._COMMANDS:
        assert callable(cli._command_module(name).run), name


def _top_level_imports(tree: ast.Module) -> set[str]:
    """Modules imported at module level outside a try/except (those fail on the wrong platform)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_platform_only_modules_are_imported_only_where_available():
    offenders = {}
    for path in _modules():
        bad = _top_level_imports(ast.parse(path.read_text(encoding="utf-8"))) & (UNIX_ONLY | WINDOWS_ONLY)
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_peak_memory_is_measured_without_the_resource_module(monkeypatch):
    import builtins

    from crte_desktop.bench import probe

    real_import = builtins.__import__

    def no_resource(name, *args, **kwargs):
        if name == "resource":
            raise ImportError("No module named 'resource'")  # as on Windows
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_resource)
    assert probe.peak_memory_kb() is None  # not Windows either: unknown, and the report says so
    monkeypatch.undo()
    assert probe.peak_memory_kb() > 10_000


def test_a_licence_suited_to_public_administration_is_shipped():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "## Licence" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_window_carries_the_application_icon(qapp):
    from crte_desktop.views.shell.app import app_icon, configure_application

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    configure_application(qapp)
    assert not qapp.windowIcon().isNull()
    assert qapp.organizationName() == ""  # settings and data paths come from crte_desktop.paths
