"""The paginated renderer: pages, running header and "page X / Y", table of contents and bookmarks read
back from the PDF, accents and €, cancellation leaving nothing behind, paper and PDF laid out alike."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from crte_desktop.dashboard.charts import png_bytes, status_figure
from crte_desktop.dashboard.model import StatusCount
from crte_desktop.domain.errors import DomainError
from crte_desktop.progress import Cancelled
from crte_desktop.reports.pdf_pages import Frame, Section, print_sections, write_pdf
from tests.test_progress import StopAfter
from tests.reports.pdf_text import bookmarks, page_texts

FRAME = Frame(header_left="Comité technique du CRTE du Douaisis", header_right="Séance du 12/03/2024",
              footer_left="Dossier de séance — COTECH du 12/03/2024")


def _sections(fiches: int = 3, long_agenda: int = 70) -> list[Section]:
    agenda = "".join(f"<p>Point {n} : réhabilitation énergétique, coût 1 234 567,89 €</p>" for n in range(long_agenda))
    sections = [
        Section("Couverture", "<h1>Dossier de séance</h1><p>Comité technique — Cœur d'Ostrevent</p>",
                in_toc=False, running_header=False),
        Section("Sommaire", is_toc=True, in_toc=False),
        Section("Ordre du jour", f"<h1>Ordre du jour</h1>{agenda}"),
        Section("Fiches des actions", "<h1>Fiches des actions</h1><p>Introduction.</p>"),
    ]
    sections += [Section(f"2021-{n} — Requalification de la friche n° {n} à Lécluse", f"<h1>Fiche 2021-{n}</h1>"
                         f"<p>Coût total : {n} 500,00 €</p>", level=1) for n in range(1, fiches + 1)]
    sections.append(Section("Suites de la séance précédente", "<h1>Suites</h1><p>Échéance dépassée.</p>"))
    return sections


def test_pages_contents_and_bookmarks_agree(tmp_path):
    target = tmp_path / "dossier.pdf"
    result = write_pdf(target, _sections(), FRAME, title="Dossier de séance")
    texts = page_texts(target)
    assert len(texts) == result.page_count == len(PdfReader(str(target)).pages)

    # "page X / Y" on every page, the running header on all but the cover
    for number, text in enumerate(texts, 1):
        assert f"page {number} / {result.page_count}" in text
        assert "Dossier de séance — COTECH du 12/03/2024" in text
    assert "Comité technique du CRTE du Douaisis" not in texts[0]
    for text in texts[1:]:
        assert "Comité technique du CRTE du Douaisis" in text and "Séance du 12/03/2024" in text

    # the contents and the bookmarks list the same titles, with the same pages, where each section starts
    titles = ["Ordre du jour", "Fiches des actions"] + [
        f"2021-{n} — Requalification de la friche n° {n} à Lécluse" for n in (1, 2, 3)] + ["Suites de la séance précédente"]
    assert [e.title for e in result.entries] == titles
    marks = bookmarks(target)
    assert [(t, lvl) for t, lvl, _p in marks] == [(e.title, e.level) for e in result.entries]
    assert [p for _t, _l, p in marks] == [e.page for e in result.entries]
    contents = texts[1]
    for entry in result.entries:
        assert f"{entry.title} {entry.page}" in contents
    pages = {e.title: e.page for e in result.entries}
    assert "Ordre du jour Point 0" in texts[pages["Ordre du jour"] - 1]
    assert pages["Fiches des actions"] > pages["Ordre du jour"] + 1  # the long agenda took two pages
    assert "Fiche 2021-2" in texts[pages["2021-2 — Requalification de la friche n° 2 à Lécluse"] - 1]
    assert "Échéance dépassée." in texts[pages["Suites de la séance précédente"] - 1]
    assert result.page_count == pages["Suites de la séance précédente"]

    # accents and € come back as typed
    assert "1 234 567,89 €" in texts[pages["Ordre du jour"] - 1]
    assert "Cœur d'Ostrevent" in texts[0]


def test_contents_spanning_two_pages_shift_every_number(tmp_path):
    target = tmp_path / "long.pdf"
    result = write_pdf(target, _sections(fiches=70, long_agenda=1), FRAME, title="x")
    texts = page_texts(target)
    first = {e.title: e.page for e in result.entries}["Ordre du jour"]
    assert first == 4  # cover, two pages of contents
    assert "Sommaire" in texts[1] and "Ordre du jour 4" in texts[1]
    assert [p for _t, _l, p in bookmarks(target)] == [e.page for e in result.entries]
    for entry in result.entries[2:-1]:
        assert "Fiche " + entry.title.split(" — ")[0] in texts[entry.page - 1]
    assert "Échéance dépassée." in texts[result.entries[-1].page - 1]


def test_contents_lines_are_links_to_their_page(tmp_path):
    target = tmp_path / "liens.pdf"
    result = write_pdf(target, _sections(), FRAME, title="x")
    reader = PdfReader(str(target))
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    targets = [reader.get_page_number(link["/Dest"][0].get_object()) + 1 for link in links]
    assert targets == [e.page for e in result.entries]
    tops = [float(link["/Rect"][3]) for link in links]
    assert tops == sorted(tops, reverse=True)  # one under the other, in the contents' order


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page(tmp_path):
    for lines in range(38, 50):  # one of these puts the heading on the last line of the first page
        target = tmp_path / f"titre-{lines}.pdf"
        html = "<h1>Fiche</h1>" + "<p>ligne</p>" * lines + "<h2>Évaluation environnementale</h2><p>Non évaluée.</p>"
        write_pdf(target, [Section("Fiche", html)], FRAME, title="x")
        pages = [t for t in page_texts(target) if "Évaluation environnementale" in t]
        assert len(pages) == 1, lines  # never drawn, clipped, at the foot of the page before
        assert "Non évaluée." in pages[0], lines


def test_charts_are_embedded_as_images(tmp_path):
    png = png_bytes(status_figure([StatusCount("en_cours", "En cours", "#1e88e5", 3)]))
    target = tmp_path / "graphique.pdf"
    write_pdf(target, [Section("Tableau de bord", '<h1>Tableau de bord</h1><p><img src="statuts.png" width="500"/></p>',
                               images={"statuts.png": png})], FRAME, title="x")
    page = PdfReader(str(target)).pages[0]
    assert len(page.images) == 1
    assert page.images[0].image.width >= 500


def test_cancelling_leaves_no_file(tmp_path):
    target = tmp_path / "dossier.pdf"
    with pytest.raises(Cancelled):
        write_pdf(target, _sections(), FRAME, title="x", progress=StopAfter(6))
    assert list(tmp_path.iterdir()) == []


def test_cancelling_keeps_the_previous_file(tmp_path, digest):
    target = tmp_path / "dossier.pdf"
    write_pdf(target, _sections(), FRAME, title="x")
    before = digest(target)
    with pytest.raises(Cancelled):
        write_pdf(target, _sections(fiches=5), FRAME, title="x", progress=StopAfter(1))
    assert digest(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.pdf"]


def test_refused_targets_say_why_in_french(tmp_path):
    with pytest.raises(DomainError, match="n'existe pas"):
        write_pdf(tmp_path / "absent" / "dossier.pdf", _sections(), FRAME, title="x")
    with pytest.raises(DomainError, match="est un dossier"):
        write_pdf(tmp_path, _sections(), FRAME, title="x")


def test_progress_goes_forward_to_the_end(tmp_path):
    progress = StopAfter()
    write_pdf(tmp_path / "d.pdf", _sections(), FRAME, title="x", progress=progress)
    seen = progress.seen
    done = [d for d, _t, _s in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1]
    assert any("Ordre du jour" in s for _d, _t, s in seen)


def test_paper_gets_the_same_pages_as_the_pdf(tmp_path):
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    pdf = tmp_path / "fichier.pdf"
    result = write_pdf(pdf, _sections(), FRAME, title="x")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(tmp_path / "papier.pdf"))
    printed = print_sections(printer, _sections(), FRAME)
    assert printed.page_count == result.page_count
    assert printed.entries == result.entries
    paper, file = page_texts(tmp_path / "papier.pdf"), page_texts(pdf)
    assert paper == file
