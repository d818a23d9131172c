"""Reading a written PDF back as a user would: the text of each page, the bookmarks."""

from __future__ import annotations

from pypdf import PdfReader


def page_texts(path) -> list[str]:
    """The text of every page, non-breaking and narrow spaces read as plain spaces."""
    reader = PdfReader(str(path))
    return [" ".join((page.extract_text() or "").replace("\u00a0", " ").replace("\u202f", " ").split())
            for page in reader.pages]


def bookmarks(path) -> list[tuple[str, int, int]]:
    """(title, level, 1-based page) of the outline, in reading order."""
    reader = PdfReader(str(path))
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((item.title, level, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found
