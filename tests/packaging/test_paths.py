"""One settings file and one data folder per user, never « CRTE Desktop/CRTE Desktop » (issue 10.1)."""

from __future__ import annotations

from pathlib import Path

from crte_desktop import paths


def _no_doubling(path: Path) -> None:
    parts = path.parts
    assert all(a != b for a, b in zip(parts, parts[1:])), path


def test_linux_paths_follow_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("CRTE_DESKTOP_HOME", raising=False)
    monkeypatch.setattr(paths.sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert paths.settings_file() == tmp_path / ".config" / "crte-desktop" / "reglages.ini"
    assert paths.data_dir() == tmp_path / ".local" / "share" / "crte-desktop"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "donnees"))
    assert paths.data_dir() == tmp_path / "donnees" / "crte-desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relatif")  # not absolute: ignored, as the XDG spec says
    assert paths.config_dir() == tmp_path / ".config" / "crte-desktop"


def test_windows_paths_are_single(monkeypatch, tmp_path):
    monkeypatch.delenv("CRTE_DESKTOP_HOME", raising=False)
    monkeypatch.setattr(paths.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert paths.settings_file() == tmp_path / "Roaming" / "CRTE Desktop" / "reglages.ini"
    assert paths.data_dir() == tmp_path / "Local" / "CRTE Desktop"
    _no_doubling(paths.settings_file())
    _no_doubling(paths.data_dir())


def test_one_folder_for_everything_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("CRTE_DESKTOP_HOME", str(tmp_path / "portable"))
    assert paths.settings_file().parent == paths.data_dir() == tmp_path / "portable"


def test_the_gui_uses_these_paths(monkeypatch, tmp_path, qapp):
    from crte_desktop.views.shell.app import Shell

    monkeypatch.setenv("CRTE_DESKTOP_HOME", str(tmp_path / "profil"))
    shell = Shell()
    assert Path(shell.settings.fileName()) == tmp_path / "profil" / "reglages.ini"
    assert shell.data_dir == tmp_path / "profil"
    assert shell.demo_path == tmp_path / "profil" / "demo.crte"
