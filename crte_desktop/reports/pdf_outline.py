"""What QPdfWriter cannot do, added afterwards with pypdf: bookmarks (the outline shown beside the pages by
PDF readers) matching the table of contents, clickable table-of-contents lines, and the document's metadata."""

from __future__ import annotations

from collections.abc import Iterable
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit


def finish_pdf(source: Path, target: Path, entries: Iterable, links: Iterable = (), *, title: str = "",
               subject: str = "", merges: Iterable[tuple[int, bytes]] = ()) -> None:
    """Copy ``source`` to ``target`` adding one bookmark per entry (``title``, ``level`` 0 or 1, 1-based
    ``page``; a level-1 entry goes under the level-0 entry before it) and a link per ``links`` item
    (``page_index``, ``rect`` in points, ``target_index``); each ``merges`` item (first page, PDF bytes)
    replaces the blank pages kept from that page on by the pages of the PDF."""
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    for first, data in sorted(merges, key=lambda m: m[0], reverse=True):  # from the end: indexes stay right
        attached = PdfReader(io.BytesIO(data))
        for offset, page in enumerate(attached.pages):
            writer.remove_page(first + offset)
            writer.insert_page(page, first + offset)
    parent = None
    for entry in entries:
        index = entry.page - 1
        top = float(writer.pages[index].mediabox.top)
        item = writer.add_outline_item(title=entry.title, page_number=index,
                                       parent=parent if entry.level > 0 else None,
                                       fit=Fit.xyz(left=0, top=top, zoom=1))
        if entry.level == 0:
            parent = item
    for link in links:
        writer.add_annotation(page_number=link.page_index,
                              annotation=Link(rect=link.rect, target_page_index=link.target_index))
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": title, "/Subject": subject, "/Creator": "CRTE Desktop",
                         "/Producer": "CRTE Desktop (Qt, pypdf)"})
    with open(target, "wb") as out:
        writer.write(out)
