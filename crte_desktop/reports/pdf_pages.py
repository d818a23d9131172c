"""A document of several sections, paginated by hand: each section is HTML laid out by QTextDocument and
starts on a new page; every page gets a running header and a "page X / Y" footer painted here; a table of
contents gives the page where each section starts (two passes: lay out the sections, then write the table
with their page numbers).

One code path for paper and PDF: ``render`` paints on any QPagedPaintDevice — a QPdfWriter (``write_pdf``,
which then adds the bookmarks with pypdf) or a QPrinter chosen in the print dialog. QtGui only, no widgets:
it runs headless and on a worker thread (images are QImage resources, never pixmaps).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from crte_desktop.progress import NO_PROGRESS, Progress
from crte_desktop.reports.pdf_document import ensure_gui_application, esc, font_family

MM_PER_INCH = 25.4
MARGIN_MM = 18  # left and right
EDGE_MM = 11  # top and bottom, outside the header and footer bands
BAND_MM = 9  # height of the header and of the footer bands
TOC_TITLE = "Sommaire"



@dataclass
class Section:
    """A part of the document. ``images``: resource name used in ``<img src="…">`` → PNG bytes; image sizes
    in the HTML are CSS pixels (1/96 inch) whatever the device. A section with ``is_toc`` gets its content
    from the renderer: the table of contents of the sections that are ``in_toc``."""

    title: str
    html: str = ""
    level: int = 0  # 0: a part; 1: an entry inside the part before it
    images: Mapping[str, bytes] = field(default_factory=dict)
    in_toc: bool = True
    running_header: bool = True
    is_toc: bool = False
    pdf: bytes | None = None  # a PDF merged here page for page (a document attached to the agenda)
    pdf_pages: int = 0  # its page count
    print_note: str = ""  # what a printout shows instead of the merged pages (a printer cannot draw a PDF)


@dataclass(frozen=True)
class Frame:
    """The texts painted on every page."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""


@dataclass(frozen=True)
class TocEntry:
    title: str
    level: int
    page: int  # 1-based


@dataclass(frozen=True)
class TocLink:
    """A line of the table of contents, to make it clickable: where it is (PDF points from the page's
    bottom-left corner) and the page it leads to (0-based)."""

    page_index: int
    rect: tuple[float, float, float, float]
    target_index: int


@dataclass
class Rendered:
    page_count: int
    entries: list[TocEntry]
    links: list[TocLink] = field(default_factory=list)
    merges: list[tuple[int, bytes]] = field(default_factory=list)  # (0-based first page, PDF to put there)


class _Reserved:
    """Pages kept blank for a PDF merged afterwards."""

    def __init__(self, pages: int):
        self._pages = max(1, pages)

    def pageCount(self) -> int:  # noqa: N802 - as QTextDocument's
        return self._pages


@dataclass(frozen=True)
class _Geometry:
    width: float  # the device's paint area, device pixels
    height: float
    dots_per_mm: float

    def mm(self, value: float) -> float:
        return value * self.dots_per_mm

    @property
    def body_left(self) -> float:
        return self.mm(MARGIN_MM)

    @property
    def body_top(self) -> float:
        return self.mm(EDGE_MM + BAND_MM)

    @property
    def body_width(self) -> float:
        return self.width - 2 * self.mm(MARGIN_MM)

    @property
    def body_height(self) -> float:
        return self.height - 2 * self.mm(EDGE_MM + BAND_MM)


def render(device, sections: list[Section], frame: Frame, *, progress: Progress = NO_PROGRESS,
           merge_pdfs: bool = False) -> Rendered:
    """Paint ``sections`` on ``device`` (a QPdfWriter or QPrinter, page margins of zero). Returns the page
    count and the table-of-contents entries with their pages. With ``merge_pdfs``, a section holding a PDF
    gets as many blank pages as the PDF has, listed in ``Rendered.merges`` for ``finish_pdf`` to replace;
    without, its ``print_note``. Raises Cancelled (crte_desktop/progress.py)."""
    ensure_gui_application()
    geometry = _Geometry(device.width(), device.height(), device.logicalDpiY() / MM_PER_INCH)
    steps = len(sections) * 2

    docs = []
    for i, section in enumerate(sections):
        progress.check()
        progress.report(i, steps, f"Mise en page : {section.title}")
        if section.pdf is not None and merge_pdfs:
            docs.append(_Reserved(section.pdf_pages))  # blank pages, replaced by the document's own afterwards
        elif section.pdf is not None:
            docs.append(_document(device, geometry, section.print_note, {}))
        else:
            docs.append(None if section.is_toc else _document(device, geometry, section.html, section.images))

    # pass 1: the table of contents with dummy page numbers, to know how many pages it takes
    toc_at = [i for i, s in enumerate(sections) if s.is_toc]
    entries: list[TocEntry] = []
    for _attempt in range(3):
        for i in toc_at:
            docs[i] = _document(device, geometry, toc_html(sections[i].title, entries or _dummy(sections)), {})
        starts, total = _starts(docs)
        new_entries = [TocEntry(s.title, s.level, starts[i] + 1) for i, s in enumerate(sections) if s.in_toc]
        if new_entries == entries:
            break
        entries = new_entries  # pass 2: the real numbers (a third pass only if the table changed length)
    links = [link for i in toc_at for link in _toc_links(docs[i], geometry, starts[i], entries)]

    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Impossible de commencer l'impression (périphérique indisponible).")
    merges: list[tuple[int, bytes]] = []
    try:
        page = 0
        for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
            progress.check()
            progress.report(len(sections) + i, steps, f"Écriture : {section.title}")
            if isinstance(doc, _Reserved):
                merges.append((page, section.pdf))
                for _ in range(doc.pageCount()):
                    if page:
                        device.newPage()
                    page += 1
                continue
            for local in range(max(1, doc.pageCount())):
                if page:
                    device.newPage()
                _paint_page(painter, doc, local, geometry)
                _paint_frame(painter, geometry, frame if section.running_header else Frame(footer_left=frame.footer_left),
                             page + 1, total)
                page += 1
    finally:
        painter.end()
    progress.report(steps, steps, "Document écrit")
    return Rendered(total, entries, links, merges)


def _dummy(sections: list[Section]) -> list[TocEntry]:
    return [TocEntry(s.title, s.level, 999) for s in sections if s.in_toc]


def _starts(docs) -> tuple[list[int], int]:
    """0-based start page of each section, and the total page count."""
    starts, page = [], 0
    for doc in docs:
        starts.append(page)
        page += max(1, doc.pageCount())
    return starts, page


def _document(device, geometry: _Geometry, html: str, images: Mapping[str, bytes]):
    from PySide6.QtCore import QSizeF, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(10))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(STYLE)
    for name, data in images.items():
        image = QImage.fromData(data)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(geometry.body_width, geometry.body_height))
    _keep_headings_with_next(doc, geometry.body_height)
    return doc


def _font(points: float):
    """The documents' font, without ligatures: "fi" stays two letters when the text is copied or searched."""
    from PySide6.QtGui import QFont

    font = QFont(font_family())
    font.setPointSizeF(points)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _keep_headings_with_next(doc, page_height: float, rounds: int = 8) -> None:
    """No page holds a lone heading or bullet: a heading, a sentence announcing what follows (« … : ») or a
    list's first item left at the bottom of a page goes to the next page with what follows it; a list's last
    item alone at the top of a page takes the item before it along."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = doc.documentLayout()
    for _ in range(rounds):
        moved = False
        block = doc.begin()
        while block.isValid():
            following = block.next()
            policy = block.blockFormat().pageBreakPolicy()
            if (following.isValid() and not policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
                    and _keeps_with_next(block, following)):
                if _line_page(layout, block, -1, page_height) != _line_page(layout, following, 0, page_height):
                    cursor = QTextCursor(block)
                    fmt = block.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    cursor.setBlockFormat(fmt)
                    moved = True
                    break  # everything after moves: look again from the start
            block = following
        if not moved:
            return


def _keeps_with_next(block, following) -> bool:
    from PySide6.QtGui import QTextCursor

    if block.blockFormat().headingLevel():
        return True
    items = block.textList()
    if items is not None and following.textList() is items:
        # the first of several items, or the one before the last: never a lone bullet on a page
        return items.itemNumber(block) == 0 or items.itemNumber(following) == items.count() - 1
    return items is None and block.text().rstrip().endswith(":") and QTextCursor(block).currentTable() is None


def _line_page(layout, block, line: int, page_height: float) -> int:
    """The page of a block's first (0) or last (-1) line: a line pushed to the next page moves, not its block."""
    rect = layout.blockBoundingRect(block)
    text_layout = block.layout()
    count = text_layout.lineCount()
    if not count:
        return int((rect.top() + rect.height() / 2) // page_height)
    chosen = text_layout.lineAt(count - 1 if line < 0 else 0)
    return int((rect.top() + chosen.y() + chosen.height() / 2) // page_height)  # the middle: no rounding trap


def _paint_page(painter, doc, local: int, g: _Geometry) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QAbstractTextDocumentLayout

    painter.save()
    painter.translate(g.body_left, g.body_top - local * g.body_height)
    clip = QRectF(0, local * g.body_height, g.body_width, g.body_height)
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    # Qt skips the lines outside ``context.clip``; a line pushed to the next page may start a hair's breadth
    # (rounding) above this page's end: without the 1-pixel inset it would be drawn here too, invisible
    # but present in the PDF's text (found by search on the wrong page).
    context.clip = clip.adjusted(0, 1, 0, -1)
    doc.documentLayout().draw(painter, context)
    painter.restore()


def _paint_frame(painter, g: _Geometry, frame: Frame, page: int, total: int) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    painter.save()
    painter.setFont(_font(8))
    grey = QColor("#4a5561")
    rule = QPen(QColor("#9aa7b5"), g.mm(0.25))
    left, width = g.body_left, g.body_width
    aligned = Qt.AlignmentFlag.AlignVCenter
    if frame.header_left or frame.header_right:
        head = QRectF(left, g.mm(EDGE_MM), width, g.mm(BAND_MM) * 0.75)
        painter.setPen(grey)
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | aligned, frame.header_left)
        painter.drawText(head, Qt.AlignmentFlag.AlignRight | aligned, frame.header_right)
        painter.setPen(rule)
        painter.drawLine(QPointF(left, head.bottom()), QPointF(left + width, head.bottom()))
    foot = QRectF(left, g.height - g.mm(EDGE_MM) - g.mm(BAND_MM) * 0.75, width, g.mm(BAND_MM) * 0.75)
    painter.setPen(rule)
    painter.drawLine(foot.topLeft(), foot.topRight())
    painter.setPen(grey)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | aligned, frame.footer_left)
    painter.drawText(foot, Qt.AlignmentFlag.AlignRight | aligned, f"page {page} / {total}")
    painter.restore()


def toc_html(title: str, entries: list[TocEntry]) -> str:
    rows = []
    for e in entries:
        if e.level == 0:
            rows.append(f'<tr><td class="toc0">{esc(e.title)}</td><td class="tocpage0" align="right">{e.page}</td></tr>')
        else:
            rows.append(f'<tr><td class="toc1">{esc(e.title)}</td><td class="tocpage1" align="right">{e.page}</td></tr>')
    return (f"<h1>{esc(title)}</h1>"
            f'<table class="toc" width="100%" cellspacing="0" cellpadding="2">{"".join(rows)}</table>')


def _toc_links(doc, g: _Geometry, start: int, entries: list[TocEntry]) -> list[TocLink]:
    """Where each line of a laid-out table of contents is, as PDF rectangles leading to its page."""
    from PySide6.QtGui import QTextTable

    table = next((f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)), None)
    if table is None or table.rows() != len(entries):
        return []
    layout = doc.documentLayout()
    to_pt = 72.0 / (g.dots_per_mm * MM_PER_INCH)
    page_height_pt = g.height * to_pt
    links = []
    for row, entry in enumerate(entries):
        block = table.cellAt(row, 0).firstCursorPosition().block()
        rect, lines = layout.blockBoundingRect(block), block.layout()
        if not lines.lineCount():
            continue
        first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
        top, bottom = rect.top() + first.y(), rect.top() + last.y() + last.height()
        local = _line_page(layout, block, 0, g.body_height)
        y0 = g.body_top + top - local * g.body_height
        y1 = g.body_top + bottom - local * g.body_height
        x0, x1 = g.body_left, g.body_left + g.body_width
        links.append(TocLink(start + local, (x0 * to_pt, page_height_pt - y1 * to_pt, x1 * to_pt,
                                             page_height_pt - y0 * to_pt), entry.page - 1))
    return links


def write_pdf(target: Path | str, sections: list[Section], frame: Frame, *, title: str, subject: str = "",
              progress: Progress = NO_PROGRESS) -> Rendered:
    """Write the sections as an A4 PDF at ``target``, whole or not at all, with bookmarks matching the table
    of contents (and its lines clickable). Raises Cancelled (``target`` untouched)."""
    from crte_desktop.reports.files import write_atomically
    from crte_desktop.reports.pdf_outline import finish_pdf

    result: list[Rendered] = []

    def write(tmp: Path) -> None:
        raw = tmp.with_name(tmp.name[:-len(".tmp")] + ".raw.tmp")
        try:
            result.append(_write_raw(raw, sections, frame, title, progress))
            progress.check()
            finish_pdf(raw, tmp, result[0].entries, result[0].links, title=title, subject=subject,
                       merges=result[0].merges)
        finally:
            raw.unlink(missing_ok=True)

    write_atomically(target, write)
    return result[0]


def _write_raw(path: Path, sections, frame, title, progress: Progress) -> Rendered:
    ensure_gui_application()
    from crte_desktop.reports.fonts import require_text_font

    require_text_font(font_family())  # a PDF of boxes is refused, not reported as written
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("CRTE Desktop")
    try:
        return render(writer, sections, frame, progress=progress, merge_pdfs=True)
    finally:
        del writer  # closes the file


def print_sections(printer, sections: list[Section], frame: Frame, *, progress: Progress = NO_PROGRESS) -> Rendered:
    """Print on a configured QPrinter (from the print dialog), with the same layout as the PDF."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    return render(printer, sections, frame, progress=progress)


STYLE = """
h1 { font-size: 16pt; color: #1f3a5f; margin-top: 0px; margin-bottom: 8px; }
h2 { font-size: 12.5pt; color: #1f3a5f; margin-top: 14px; margin-bottom: 5px; }
h3 { font-size: 11pt; color: #1f3a5f; margin-top: 10px; margin-bottom: 3px; }
p { margin-top: 0px; margin-bottom: 5px; }
table.grid { border-collapse: collapse; margin-top: 2px; margin-bottom: 8px; }
table.grid td, table.grid th { border: 1px solid #8d9aa7; padding: 3px; vertical-align: top; }
table.grid th { background-color: #dce3ec; font-weight: bold; text-align: left; }
table.grid td.num, table.grid th.num { text-align: right; }
table.grid td.amount { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background-color: #f1f4f8; }
table.kv td { padding: 2px 6px 2px 0px; vertical-align: top; }
td.key { color: #4a5561; }
.muted { color: #5b6670; }
.small { font-size: 8.5pt; }
.late, .badge { color: #b71c1c; font-weight: bold; }
.ok { color: #2e7d32; }
td.toc0 { font-weight: bold; padding-top: 5px; }
td.tocpage0 { font-weight: bold; padding-top: 5px; }
td.toc1 { padding-left: 18px; }
td.tocpage1 { }
"""
