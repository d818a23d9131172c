"""HTML → A4 PDF with QTextDocument and QPdfWriter (QtGui only, headless), paginated by hand so that each
page has a running header and a "page X / Y" footer. One code path for PDF files; a QPrinter can be
passed as the paint device for paper."""

from __future__ import annotations

import html
import os
from pathlib import Path

from crte_desktop.reports.files import write_atomically

_app = None  # the QGuiApplication created here when none exists (kept alive)

MM_PER_INCH = 25.4


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
    return app


def font_family() -> str:
    """Arial where installed (Windows), else a metric twin, else DejaVu Sans."""
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    for name in ("Arial", "Liberation Sans", "DejaVu Sans"):
        if name in families:
            return name
    return "Sans Serif"


def esc(text) -> str:
    """HTML-escape ``text`` and keep its line breaks."""
    return html.escape(str(text or "")).replace("\n", "<br/>")


def render_pdf(body_html: str, target: Path | str, *, title: str, header_left: str = "", header_right: str = "",
               footer_left: str = "", landscape: bool = False) -> Path:
    """Write ``body_html`` as an A4 PDF at ``target`` (atomically). Returns the path."""
    return write_atomically(target, lambda tmp: _render(body_html, tmp, title=title, header_left=header_left,
                                                        header_right=header_right, footer_left=footer_left,
                                                        landscape=landscape))


def _render(body_html: str, path: Path, *, title: str, header_left: str, header_right: str, footer_left: str,
            landscape: bool) -> None:
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout, QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument,
    )

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("CRTE Desktop")
    dots = writer.resolution() / MM_PER_INCH  # device pixels per millimetre
    width, height = writer.width(), writer.height()
    left = right = 18 * dots
    top, bottom = 12 * dots, 12 * dots
    band = 9 * dots  # header and footer bands
    body = QRectF(left, top + band, width - left - right, height - top - bottom - 2 * band)

    family = font_family()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(QFont(family, 10))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(_STYLE)
    doc.setHtml(body_html)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    keep_headings_with_next(doc, body.height())
    pages = max(1, doc.pageCount())

    painter = QPainter(writer)
    try:
        small = QFont(family, 8)
        grey = QColor("#555555")
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - page * body.height())
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            doc.documentLayout().draw(painter, context)
            painter.restore()

            painter.setFont(small)
            painter.setPen(grey)
            head = QRectF(left, top, body.width(), band * 0.8)
            painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, header_left)
            painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, header_right)
            foot = QRectF(left, height - bottom - band * 0.8, body.width(), band * 0.8)
            painter.setPen(QPen(QColor("#9aa7b5"), 0.25 * dots))
            painter.drawLine(foot.topLeft(), foot.topRight())
            painter.setPen(grey)
            painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, footer_left)
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"page {page + 1} / {pages}")
    finally:
        painter.end()


def keep_headings_with_next(doc, page_height: float, rounds: int = 50) -> None:
    """Move to the next page a heading (h1–h6) left alone at the bottom of a page: QTextDocument has no
    "keep with next", so a page break is set before such a heading, then the layout is checked again."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = doc.documentLayout()
    for _ in range(rounds):
        moved = False
        block = doc.begin()
        while block.isValid():
            fmt = block.blockFormat()
            following = block.next()
            if (fmt.headingLevel() > 0 and following.isValid()
                    and not fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore):
                top = layout.blockBoundingRect(block).top()
                next_rect = layout.blockBoundingRect(following)
                if int(top // page_height) != int(next_rect.bottom() // page_height) and top % page_height > 1:
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(fmt)
                    moved = True
                    break
            block = following
        if not moved:
            return


_STYLE = """
h1 { font-size: 17pt; color: #1f3a5f; margin-bottom: 4px; }
h2 { font-size: 13pt; color: #1f3a5f; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 11pt; color: #1f3a5f; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 5px; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #7f8c99; padding: 3px; vertical-align: top; }
table.grid th { background-color: #dce3ec; font-weight: bold; text-align: left; }
.muted { color: #555555; }
.small { font-size: 8.5pt; }
.badge { color: #8a1c1c; font-weight: bold; }
"""
