"""Building blocks of the DOCX documents (python-docx): A4 pages, "page X / Y" footer with fields,
tables whose header row repeats and whose column widths LibreOffice honours."""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"  # Liberation Sans (same metrics) where Arial is missing
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
HEADER_FILL = "DCE3EC"


def new_document(*, landscape: bool = False, title: str = "", subject: str = "") -> DocxDocument:
    """An empty A4 document (python-docx's template is US Letter) with 2 cm margins and the app's styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _plain_font(normal)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        _plain_font(style)
        style.paragraph_format.keep_with_next = True
    doc.styles["Title"].paragraph_format.space_after = Pt(6)
    doc.styles["Title"].font.bold = True  # as the PDFs' titles (the template's is light)
    doc.core_properties.title = title
    doc.core_properties.subject = subject
    doc.core_properties.author = "CRTE Desktop"
    doc.core_properties.language = "fr-FR"
    return doc


def _plain_font(style) -> None:
    """Use FONT for every script, dropping the theme fonts that would override it in Word."""
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def usable_width(doc) -> float:
    """Width between the margins, in centimetres."""
    s = doc.sections[0]
    return (s.page_width - s.left_margin - s.right_margin) / 360000


def _field_runs(paragraph, instruction: str, size) -> None:
    """Append a field (PAGE, NUMPAGES…) as the usual five runs (begin, instruction, separate, result, end),
    each with the same size; Word and LibreOffice compute the value when showing the page."""
    def run_with(element):
        run = paragraph.add_run()
        run.font.size = size
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run_with(element)


def _band_paragraph(doc, part):
    """The first paragraph of a header or footer, with one right tab at the margin (the template's
    centre and right tabs, placed for US Letter, are removed)."""
    paragraph = part.paragraphs[0]
    paragraph.text = ""
    paragraph.paragraph_format.tab_stops.clear_all()
    for style_name in ("Header", "Footer"):
        doc.styles[style_name].paragraph_format.tab_stops.clear_all()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(usable_width(doc)), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def add_footer(doc, left_text: str) -> None:
    """Footer of every page: ``left_text`` on the left, "page X / Y" on the right (fields)."""
    paragraph = _band_paragraph(doc, doc.sections[0].footer)
    small = Pt(8.5)
    run = paragraph.add_run(left_text + "\tpage ")
    run.font.size = small
    _field_runs(paragraph, "PAGE", small)
    run = paragraph.add_run(" / ")
    run.font.size = small
    _field_runs(paragraph, "NUMPAGES", small)


def add_header(doc, left_text: str, right_text: str = "") -> None:
    paragraph = _band_paragraph(doc, doc.sections[0].header)
    run = paragraph.add_run(f"{left_text}\t{right_text}" if right_text else left_text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def repeat_header_row(row) -> None:
    """Mark a table row as a header repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def keep_row_together(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def shade(cell, fill: str = HEADER_FILL) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths, in the grid and in every cell (LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def add_table(doc, headers: list[str], rows: list[list[str]], widths_cm: list[float], *,
              font_size: float = 9.5, min_row_height_cm: float | None = None):
    """A bordered table with a shaded header row repeated on each page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(font_size)
        shade(cell)
    repeat_header_row(table.rows[0])
    for values in rows:
        row = table.add_row()
        keep_row_together(row)
        if min_row_height_cm:
            row.height = Cm(min_row_height_cm)
        for cell, text in zip(row.cells, values):
            cell.text = ""
            lines = str(text).split("\n")
            paragraph = cell.paragraphs[0]
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.font.size = Pt(font_size)
                if i < len(lines) - 1:
                    run.add_break()
    set_widths(table, widths_cm)
    return table


def add_label_value(doc, label: str, value: str) -> None:
    """"Lieu : Sous-préfecture de Douai" with the label in bold."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(f"{label} : ").bold = True
    paragraph.add_run(value)


def add_text(doc, text: str, *, style: str | None = None, italic: bool = False, align=None):
    """Paragraphs of ``text`` (blank lines separate paragraphs; single line breaks are kept)."""
    last = None
    for block in [b for b in str(text).split("\n\n")] or [""]:
        paragraph = doc.add_paragraph(style=style)
        lines = block.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.italic = italic
            if i < len(lines) - 1:
                run.add_break()
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        last = paragraph
    return last
