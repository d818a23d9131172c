"""A machine with no font at all (issue 10.1): the window and the PDFs fall back to the DejaVu fonts that
matplotlib ships; a PDF whose text would still be boxes is refused (exit 1), never written as a success.

Each case runs in a fresh interpreter whose fontconfig sees no font (an empty configuration), as on a
minimal Linux."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_fonts_env(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               CRTE_DESKTOP_HOME=str(tmp_path / "profil"))
    env.pop("FONTCONFIG_PATH", None)
    return env


def _run(code: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=240)


def test_without_fonts_qt_alone_would_draw_boxes(no_fonts_env, tmp_path):
    done = _run("from PySide6.QtGui import QGuiApplication\n"
                "from crte_desktop.reports.fonts import renders\n"
                "app = QGuiApplication([])\nprint(renders())", no_fonts_env, tmp_path)
    assert done.stdout.strip() == "False", done.stderr  # what the fallback is for


def test_the_window_falls_back_to_dejavu(no_fonts_env, tmp_path):
    done = _run("from PySide6.QtWidgets import QApplication, QLabel\n"
                "from PySide6.QtGui import QFontInfo\n"
                "from crte_desktop.views.shell.app import configure_application\n"
                "from crte_desktop.reports.fonts import renders\n"
                "app = QApplication([])\nconfigure_application(app)\n"
                "label = QLabel('Séance du comité — 1 234 €')\n"
                "print(QFontInfo(label.font()).family(), renders())", no_fonts_env, tmp_path)
    assert done.stdout.strip() == "DejaVu Sans True", done.stderr


def test_the_meeting_pack_has_real_text_without_system_fonts(no_fonts_env, tmp_path):
    from pypdf import PdfReader

    from crte_desktop.demo.builder import write_demo

    demo = write_demo(tmp_path / "demo.crte")
    out = tmp_path / "dossier.pdf"
    code = ("import sys\nfrom crte_desktop.cli import main\n"
            f"sys.exit(main(['pack', {str(demo)!r}, '--meeting', '1', {str(out)!r}]))")
    done = _run(code, no_fonts_env, tmp_path)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    fonts = {str(f["/BaseFont"]) for page in reader.pages[:2]
             for f in page["/Resources"]["/Font"].get_object().values()}
    assert any("DejaVuSans" in f for f in fonts), fonts
    assert "Dossier de séance" in " ".join(reader.pages[0].extract_text().split())


def test_a_pdf_of_boxes_is_refused_with_exit_1(no_fonts_env, tmp_path):
    from crte_desktop.demo.builder import write_demo

    demo = write_demo(tmp_path / "demo.crte")
    out = tmp_path / "dossier.pdf"
    # the fallback folder is empty too (a broken install): nothing can show the text
    code = ("import sys\nfrom pathlib import Path\nfrom crte_desktop.reports import fonts\n"
            f"fonts.fallback_font_dir = lambda: Path({str(tmp_path / 'vide')!r})\n"
            "from crte_desktop.cli import main\n"
            f"sys.exit(main(['pack', {str(demo)!r}, '--meeting', '1', {str(out)!r}]))")
    done = _run(code, no_fonts_env, tmp_path)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "n'afficherait que des carrés" in done.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("dossier")) == []
