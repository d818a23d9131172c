"""The meeting pack carries the documents attached to the agenda: a PDF merged in place, an image on a page
of its own, other kinds listed with a note — after the agenda, point by point, in the table of contents and
the bookmarks; the contract's logo on the cover; numbers never parted from their unit; no lone bullet."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.contracts import ContractService
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.convocation_letter import write_convocation_pdf
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.pack import build_pack, pack_document
from crte_desktop.reports.pdf_document import keep_units_together
from tests.meetings.test_convocation_signatures import douaisis_copil
from tests.reports.pdf_text import bookmarks, page_texts

TODAY = date(2026, 12, 1)


@pytest.fixture
def demo(tmp_path):
    from crte_desktop.demo.builder import write_demo

    store = Store.open(write_demo(tmp_path / "demo.crte"))
    yield store
    store.close()


def png(width=320, height=200) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


@pytest.fixture
def attached(demo, tmp_path):
    """The Douaisis COPIL with a 1-page PDF and an image on point 2, a Word file and a broken PDF on point 4."""
    meeting_id = douaisis_copil(demo)
    items = AgendaService(demo).items(meeting_id)
    letter = write_convocation_pdf(demo, meeting_id, tmp_path / "lettre.pdf")
    agenda = AgendaService(demo)
    agenda.add_attachment_file(meeting_id, letter, agenda_item_id=items[1].id)
    agenda.add_attachment(meeting_id, "Carte du périmètre.png", png(), agenda_item_id=items[1].id)
    agenda.add_attachment(meeting_id, "Note de cadrage.docx", b"PK\x03\x04 not really", agenda_item_id=items[3].id)
    agenda.add_attachment(meeting_id, "Budget.pdf", b"%PDF-1.4 cut short", agenda_item_id=items[3].id)
    return meeting_id, letter


def test_documents_follow_the_agenda_in_the_contents_and_bookmarks(demo, attached, tmp_path):
    meeting_id, letter = attached
    out = tmp_path / "dossier.pdf"
    result = build_pack(demo, meeting_id, out, today=TODAY)
    marks = bookmarks(out)
    titles = [t for t, _level, _page in marks]
    agenda_at = titles.index("Ordre du jour")
    assert titles[agenda_at + 1:agenda_at + 4] == ["Documents joints à l'ordre du jour", "Point 2 — lettre.pdf",
                                                   "Point 2 — Carte du périmètre.png"]
    assert titles[agenda_at + 4] == "Feuille d'émargement"
    page_of = {t: p for t, _l, p in marks}
    texts = page_texts(out)
    assert len(texts) == result.page_count
    # the PDF is merged page for page: its page is the letter's own
    letter_text = page_texts(letter)[0]
    assert texts[page_of["Point 2 — lettre.pdf"] - 1] == letter_text
    # the image has a page of its own, under its point
    image_page = page_of["Point 2 — Carte du périmètre.png"]
    assert "Point 2 — Avancement et programmation des actions" in texts[image_page - 1]
    assert PdfReader(str(out)).pages[image_page - 1].images  # the picture is on it
    # the table of contents lists them with their pages
    contents = texts[1]
    assert f"Point 2 — lettre.pdf {page_of['Point 2 — lettre.pdf']}" in contents
    # other kinds are listed with a note, a broken PDF too, and the pack is still written
    listing = texts[page_of["Documents joints à l'ordre du jour"] - 1]
    assert "Note de cadrage.docx" in listing and "Document Word non reproduit dans le dossier" in listing
    assert "Budget.pdf" in listing and "PDF illisible" in listing


def test_the_printed_pack_says_where_the_merged_pdf_is(demo, attached):
    meeting_id, _letter = attached
    doc = pack_document(demo, meeting_id, today=TODAY)
    merged = next(s for s in doc.sections if s.title == "Point 2 — lettre.pdf")
    assert merged.pdf and merged.pdf_pages == 1
    assert "figure dans le dossier de séance enregistré en PDF" in merged.print_note


def test_units_never_wrap_inside_a_figure():
    html = "<td width='45%'>Point (Co-présidents, 5 min) 1 h 30 ; 28 bornes (21 % de l'objectif), 1 434 jours, n° 3</td>"
    out = keep_units_together(html)
    assert "width='45%'" in out  # tags untouched
    for kept in ("5\u00a0min", "1\u00a0h\u00a030", "21\u00a0%", "1\u00a0434\u00a0jours", "n°\u00a03"):
        assert kept in out


def test_the_pack_keeps_durations_and_amounts_whole(demo, attached):
    meeting_id, _letter = attached
    doc = pack_document(demo, meeting_id, today=TODAY)
    agenda = next(s for s in doc.sections if s.title == "Ordre du jour").html
    assert "5\u00a0min" in agenda and " min<" not in agenda


def test_a_logo_on_the_cover(demo, tmp_path, digest):
    meeting_id = douaisis_copil(demo)
    contract_id = MeetingService(demo).contract_of(meeting_id)
    service = ContractService(demo)
    before = digest(demo.path)
    for bad in (b"not a picture", b"\x89PNG\r\n\x1a\n" + b"0" * (3 * 1024 * 1024)):
        with pytest.raises(DomainError) as err:
            service.set_logo(contract_id, bad)
        assert "Le logo" in str(err.value)
    assert digest(demo.path) == before and service.logo(contract_id) is None
    plain = build_pack(demo, meeting_id, tmp_path / "sans.pdf", today=TODAY)
    assert not PdfReader(str(tmp_path / "sans.pdf")).pages[0].images
    service.set_logo(contract_id, png(600, 200))
    build_pack(demo, meeting_id, tmp_path / "avec.pdf", today=TODAY)
    cover = PdfReader(str(tmp_path / "avec.pdf")).pages[0]
    assert len(cover.images) == 1 and "Dossier de séance" in " ".join(cover.extract_text().split())
    assert plain.page_count == len(PdfReader(str(tmp_path / "avec.pdf")).pages)
    service.set_logo(contract_id, None)
    assert service.logo(contract_id) is None


def test_no_lone_bullet_at_the_foot_or_head_of_a_page(qapp, tmp_path):
    from PySide6.QtGui import QPageSize, QPdfWriter

    from crte_desktop.reports.pdf_pages import _document, _Geometry, _line_page

    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    geometry = _Geometry(writer.width(), writer.height(), writer.logicalDpiY() / 25.4)
    filler = "".join(f"<p>Paragraphe {i} du relevé, assez long pour occuper une ligne entière de la page.</p>"
                     for i in range(200))
    for lines in range(30, 70):  # wherever the list falls, its first and last items are never alone
        html = filler[: lines * 90] + "<p>Les alertes :</p><ul>" + "".join(
            f"<li>Alerte {n}</li>" for n in range(1, 5)) + "</ul><p>Fin.</p>"
        doc = _document(writer, geometry, html, {})
        layout = doc.documentLayout()
        blocks, block = [], doc.begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
        items = [b for b in blocks if b.textList() is not None]
        pages = [_line_page(layout, b, 0, geometry.body_height) for b in items]
        intro = next(b for b in blocks if b.text() == "Les alertes :")
        assert pages[0] == pages[1] and pages[-1] == pages[-2], lines
        assert _line_page(layout, intro, 0, geometry.body_height) == pages[0], lines
