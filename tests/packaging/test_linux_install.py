"""install-user.sh / uninstall-user.sh of the Linux archive (issue 10.4), on a stand-in bundle (a script in
place of the executable) in a temporary HOME: menu entry, MIME type, icons, command; an upgrade replaces the
program; uninstalling leaves the user's workspaces and settings alone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "crte_desktop" / "resources" / "icons"


def _bundle(folder: Path, marker: str) -> Path:
    b = folder / "crte-desktop"
    (b / "share" / "icons").mkdir(parents=True)
    (b / "crte-desktop").write_text(f"#!/bin/sh\necho {marker}\n", encoding="utf-8")
    (b / "crte-desktop").chmod(0o755)
    (b / "_internal").mkdir()
    (b / "_internal" / f"{marker}.txt").write_text(marker, encoding="utf-8")
    for name in ("install-user.sh", "uninstall-user.sh"):
        shutil.copy2(LINUX / name, b / name)
    for name in ("crte-desktop.desktop", "crte-desktop-mime.xml"):
        shutil.copy2(LINUX / name, b / "share" / name)
    for icon in ICONS.glob("crte-desktop*"):
        if icon.suffix in (".png", ".svg"):
            shutil.copy2(icon, b / "share" / "icons" / icon.name)
    return b


def _sh(script: Path, home: Path) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    return subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_desktop_entry_is_valid():
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate absent (paquet desktop-file-utils)")
    done = subprocess.run(["desktop-file-validate", str(LINUX / "crte-desktop.desktop")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr
    text = (LINUX / "crte-desktop.desktop").read_text(encoding="utf-8")
    assert "MimeType=application/x-crte-workspace;" in text and "Icon=crte-desktop" in text
    assert '<glob pattern="*.crte"' in (LINUX / "crte-desktop-mime.xml").read_text(encoding="utf-8")


def test_install_upgrade_and_uninstall_for_one_user(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = _sh(_bundle(tmp_path / "v1", "version1") / "install-user.sh", home)
    assert done.returncode == 0, done.stderr
    prefix = home / ".local" / "opt" / "crte-desktop"
    share = home / ".local" / "share"
    desktop = share / "applications" / "crte-desktop.desktop"
    assert f'Exec="{prefix}/crte-desktop" %f' in desktop.read_text(encoding="utf-8")
    assert (share / "mime" / "packages" / "crte-desktop.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "crte-desktop.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "crte-desktop.svg").is_file()
    command = home / ".local" / "bin" / "crte-desktop"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "version1"
    if shutil.which("update-mime-database"):
        assert "application/x-crte-workspace" in (share / "mime" / "globs2").read_text(encoding="utf-8")

    # the user's things, which nothing may touch
    work = home / "Documents" / "contrat.crte"
    work.parent.mkdir()
    work.write_bytes(b"SQLite format 3\x00 mon travail")
    settings = home / ".config" / "crte-desktop" / "reglages.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[General]\nfirst_start_done=true\n", encoding="utf-8")
    data = share / "crte-desktop" / "demo.crte"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"demo")

    done = _sh(_bundle(tmp_path / "v2", "version2") / "install-user.sh", home)  # upgrade
    assert done.returncode == 0, done.stderr
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == "version2"
    assert not (prefix / "_internal" / "version1.txt").exists()  # no file of the old version stays

    done = _sh(prefix / "uninstall-user.sh", home)
    assert done.returncode == 0, done.stderr
    assert not prefix.exists() and not command.exists() and not desktop.exists()
    assert not (share / "mime" / "packages" / "crte-desktop.xml").exists()
    assert work.read_bytes() == b"SQLite format 3\x00 mon travail"
    assert settings.read_text(encoding="utf-8") == "[General]\nfirst_start_done=true\n"
    assert data.read_bytes() == b"demo"
