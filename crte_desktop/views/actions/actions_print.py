"""Printing the actions list as shown (same filter, order and visible columns), with a preview."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from crte_desktop.domain.dates import format_date
from crte_desktop.views.actions.actions_model import COLUMNS

_RIGHT = {"progress", "total_cost", "financed"}
_CENTER = {"section", "start_date", "end_date", "year"}
_WIDTHS = {"title": 30, "owner": 13}  # % of the page width; the other columns take what their text needs


def actions_html(title: str, keys: list[str], rows, totals_line: str, today: date) -> str:
    """An HTML table of ``rows`` (tuples of the model's texts, all columns) limited to ``keys``."""
    index = {c.key: i for i, c in enumerate(COLUMNS)}
    labels = {c.key: escape(c.title).replace("\n", "<br>") for c in COLUMNS}
    head = "".join(f"<th style='font-size: 7pt;'>{labels[k]}</th>" for k in keys)
    body = []
    for texts in rows:
        cells = []
        for k in keys:
            align = "right" if k in _RIGHT else "center" if k in _CENTER else "left"
            width = f' width="{_WIDTHS[k]}%"' if k in _WIDTHS else ""
            cells.append(f'<td align="{align}"{width}>{escape(texts[index[k]])}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<html><body style='font-size: 8pt;'>"
        f"<h3>{escape(title)}</h3>"
        f"<p>{escape(totals_line)} — état au {format_date(today)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-collapse: collapse;'>"
        f"<thead><tr style='background: #e6e8eb;'>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>"
    )


def preview_and_print(parent: QWidget | None, html: str, document_title: str) -> None:
    """The print preview (A4 landscape); its Print button opens the printer dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_title)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    doc.setHtml(html)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Aperçu avant impression — {document_title}")
    dialog.paintRequested.connect(lambda p: doc.print_(p))
    dialog.resize(1000, 720)
    dialog.exec()
