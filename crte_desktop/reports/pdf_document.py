"""HTML → A4 PDF helpers (QtGui only, headless): the application object QTextDocument needs, the font, HTML
escaping, and ``render_pdf`` for a one-part document (the layout itself is in ``pdf_pages``)."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from crte_desktop.domain.limits import DOCUMENT_TEXT, clip

_app = None  # the QGuiApplication created here when none exists (kept alive)


def ensure_gui_application():
    """QTextDocument needs a QGuiApplication (fonts). Create one, offscreen without a display, if none."""
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = app = QGuiApplication([])
        from crte_desktop.reports.fonts import ensure_fonts

        ensure_fonts(app)
    return app


def font_family() -> str:
    """Arial where installed (Windows), else a metric twin, else DejaVu Sans (matplotlib's copy on a machine
    with no fonts: ``fonts.ensure_fonts``)."""
    from PySide6.QtGui import QFontDatabase

    from crte_desktop.reports.fonts import ensure_fonts

    ensure_fonts()
    families = set(QFontDatabase.families())
    for name in ("Arial", "Liberation Sans", "DejaVu Sans"):
        if name in families:
            return name
    return "Sans Serif"


def esc(text, limit: int = DOCUMENT_TEXT) -> str:
    """HTML-escape ``text`` and keep its line breaks; a text longer than ``limit`` (entered before the length
    caps, or hostile) is cut with a note, so that a document never takes more than seconds."""
    return html.escape(clip(str(text or ""), limit)).replace("\n", "<br/>")


_UNIT = re.compile(r"(?<=\d) (?=(?:€|k€|M€|%|min\b|h\b|jours?\b|mois\b|ans?\b|semaines?\b|pages?\b|"
                   r"places?\b|logements?\b|km\b|m²|m\b|ha\b|kWh\b|MWh\b|t\b|entrées\b))")
_BEFORE_NUMBER = re.compile(r"(?<=[nN]°) (?=\d)|(?<=\d h) (?=\d)|(?<=\d) (?=\d{3}\b)")


def keep_units_together(html_text: str) -> str:
    """Non-breaking spaces where a line must not break: between a number and its unit (« 15 min », « 30 % »,
    « 1 434 jours »), inside a number (« 1 234 »), after « n° »; only in the text, never inside a tag."""
    parts = re.split(r"(<[^>]*>)", html_text)
    for i in range(0, len(parts), 2):  # even positions: text between tags
        text = _BEFORE_NUMBER.sub("\u00a0", parts[i])
        parts[i] = _UNIT.sub("\u00a0", text)
    return "".join(parts)


def render_pdf(body_html: str, target: Path | str, *, title: str, header_left: str = "", header_right: str = "",
               footer_left: str = "") -> Path:
    """Write ``body_html`` as an A4 PDF at ``target`` (atomically), with a running header and a "page X / Y"
    footer on every page, through the paginated renderer of ``pdf_pages`` (one section). Returns the path."""
    from crte_desktop.reports.pdf_pages import Frame, Section, write_pdf

    write_pdf(target, [Section(title, body_html)], Frame(header_left, header_right, footer_left), title=title)
    return Path(target)
