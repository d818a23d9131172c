"""The "Synthèse" sheet: the dashboard's figures as real numbers, and its charts as images."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.pagebreak import Break

from crte_desktop.dashboard.model import FINANCING_GROUPS, Dashboard, DashboardFilter
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.money import from_cents
from crte_desktop.excel.cells import clean_text
from crte_desktop.excel.layout import NUMBER_FORMATS, SHEET_SUMMARY, Kind
from crte_desktop.excel.sheet_writer import (BOLD, TITLE_FONT, chars_per_line, header_cells, print_setup,
                                            safe_text_cell, styled_cell, wrapped_lines)
from crte_desktop.reports.chart_images import chart_image

CHART_DPI = 110  # sharp enough on screen and paper, light in the file
SCREEN_DPI = 96  # spreadsheet programs size a picture as if it were shown at 96 dpi
ROW_PX = 20  # a default row, at 96 dpi
PAGE_PX = 600  # what a landscape A4 page holds between its margins, at 96 dpi
HALF_PAGE_PX = PAGE_PX // 2
PRINT_WIDTH_PX = 900  # columns A to F (the print area), at 96 dpi
ALERT_FONT = Font(size=9)
ALERT_WIDTH_CHARS = 56 + 5 * 17 - 4  # columns A to F, merged for an alert, less its indent
ALERT_FONT_RATIO = 0.85  # a 9 pt character against the 11 pt digit of the column widths
ALERT_LINE_PT = 12  # a line of 9 pt text
SECTION_FONT = Font(bold=True, size=12, color="1B3A57")
NOTE_FONT = Font(italic=True, size=9, color="555555")
ALERT_FILL = PatternFill("solid", fgColor="FFF3E0")
ALERTS_SHOWN = 15  # per kind
LABEL_WIDTH = 56  # column A, in characters
INDENT_CHARS = 1.5  # what one indent level of a cell takes, in characters
LINE_PT = 14  # a line of the default font, in points (Excel 15, LibreOffice 12.8)
TOP = Alignment(vertical="top")
STAGE_HEADERS = [f"{s.label} (€)" for s in Stage]


class _Sheet:
    """Appends label/value rows with per-kind formats to the write-only summary sheet."""

    def __init__(self, ws):
        self.ws = ws
        self.rows = 0
        self.formats = {k: styled_cell(ws, number_format=f) for k, f in NUMBER_FORMATS.items()}
        self.integer = styled_cell(ws, number_format="0")
        self.bold_money = styled_cell(ws, number_format=NUMBER_FORMATS[Kind.MONEY], font=BOLD)
        self.bold = styled_cell(ws, font=BOLD)

    def append(self, cells) -> None:
        self.ws.append(cells)
        self.rows += 1

    def value(self, kind: Kind | None, value, bold: bool = False, alignment: Alignment | None = None):
        if value is None:
            return None
        if kind is None:
            return safe_text_cell(self.ws, value) if isinstance(value, str) else value
        cell = styled_cell(self.ws, number_format=NUMBER_FORMATS[kind], font=BOLD if bold else None,
                           alignment=alignment)
        cell.value = value
        return cell

    def title(self, text: str, font: Font) -> None:
        cell = styled_cell(self.ws, font=font)
        cell.value = clean_text(text)
        cell.data_type = "s"
        self.append([cell])

    def blank(self) -> None:
        self.append([])


def write_summary_sheet(wb, store, data, today: date, exported_at: datetime, *, charts: bool = True) -> None:
    from crte_desktop.dashboard.compute import compute_dashboard

    dashboard = compute_dashboard(store, DashboardFilter(contract_id=data.contract.id), today)
    ws = wb.create_sheet(SHEET_SUMMARY)
    for letter, width in zip("ABCDEFG", (LABEL_WIDTH, 17, 17, 17, 17, 17, 3)):
        ws.column_dimensions[letter].width = width
    print_setup(ws, data.contract.name, exported_at, repeat_header=False)
    sheet = _Sheet(ws)
    sheet.title(f"Tableau de bord — {data.contract.name}", TITLE_FONT)
    note = styled_cell(ws, font=NOTE_FONT)
    note.value = f"Exporté par CRTE Desktop le {exported_at:%d/%m/%Y à %H:%M}. Les feuilles Actions, Financements " \
                 "et Indicateurs peuvent être complétées puis réimportées."
    sheet.append([note])
    sheet.blank()
    _key_figures(sheet, dashboard)
    _statuses(sheet, dashboard)
    for group in ("funder", "year", "category"):
        _financing_table(sheet, dashboard, group)
    _sections(sheet, dashboard)
    _alerts(sheet, dashboard)
    if charts:
        _charts(sheet, dashboard, f"{data.contract.name} — situation au {today:%d/%m/%Y}")
    ws.print_area = f"A1:F{max(sheet.rows, 1)}"


def _key_figures(sheet: _Sheet, d: Dashboard) -> None:
    k = d.kpis
    sheet.title("Chiffres clés", SECTION_FONT)
    late = next((s.count for s in d.statuses if s.code == "late"), 0)
    rows = [
        ("Nombre d'actions", None, k.action_count),
        ("Coût total des actions (€)", Kind.MONEY, k.total_cost),
        ("Actions sans coût connu", None, k.uncosted_count),
    ]
    rows += [(f"Financements — {s.label.lower()} (€)", Kind.MONEY, k.stage(s)) for s in Stage]
    rows += [
        ("Taux de couverture du coût", Kind.RATIO,
         float(k.coverage) if k.coverage is not None else None),
        ("Avancement pondéré par le coût", Kind.RATIO, k.progress / 100 if k.progress is not None else None),
        ("Actions en retard", None, late),
    ]
    for label, kind, value in rows:
        sheet.append([label, sheet.value(kind, value, bold=True) if value is not None else "—"])
    sheet.blank()


def _statuses(sheet: _Sheet, d: Dashboard) -> None:
    sheet.title("Actions par statut", SECTION_FONT)
    sheet.append(header_cells(sheet.ws, ["Statut", "Nombre d'actions"]))
    for s in d.statuses:
        sheet.append([sheet.value(None, s.label), s.count])
    sheet.blank()


def _financing_table(sheet: _Sheet, d: Dashboard, group: str) -> None:
    rows = d.financing.get(group, [])
    titles = {"funder": "Financeur", "year": "Année", "category": "Catégorie"}
    sheet.title(f"Financements {FINANCING_GROUPS[group].lower()}", SECTION_FONT)
    sheet.append(header_cells(sheet.ws, [titles[group]] + STAGE_HEADERS))
    for r in rows:
        sheet.append([sheet.value(None, str(r.label))] + [sheet.value(Kind.MONEY, from_cents(c)) for c in r.cents])
    total = [sum(r.cents[i] for r in rows) for i in range(4)]
    sheet.append([sheet.value(None, "Total")] + [sheet.value(Kind.MONEY, from_cents(c), bold=True) for c in total])
    sheet.blank()


def _sections(sheet: _Sheet, d: Dashboard) -> None:
    if not d.sections:
        return
    sheet.title("Avancement par section", SECTION_FONT)
    sheet.append(header_cells(sheet.ws, ["Section", "Actions", "Coût (€)", "Avancement"]))
    for s in d.sections:
        # a long title wraps inside its column (it was cut by the figures beside it), indented by its depth
        label = styled_cell(sheet.ws, alignment=Alignment(wrap_text=True, vertical="top", indent=2 * s.depth),
                            font=BOLD if s.depth == 0 else None)
        label.value = clean_text(s.label)
        label.data_type = "s"
        lines = _wrapped_lines(label.value, LABEL_WIDTH - INDENT_CHARS * 2 * s.depth, bold=s.depth == 0)
        if lines > 1:  # spreadsheet programs do not grow a row for wrapped text written without its height
            sheet.ws.row_dimensions[sheet.rows + 1].height = LINE_PT * lines + 2
        progress = s.weighted if s.weighted is not None else s.average
        sheet.append([label, sheet.value(Kind.NUMBER, s.count, alignment=TOP),
                      sheet.value(Kind.MONEY, Decimal(s.cost), alignment=TOP),
                      sheet.value(Kind.RATIO, progress / 100 if progress is not None else None, alignment=TOP)])
    sheet.blank()


def _wrapped_lines(text: str, width_chars: float, bold: bool = False) -> int:
    """How many lines ``text`` takes wrapped in a column of ``width_chars`` (bold text is wider)."""
    return wrapped_lines(text, chars_per_line(width_chars * (0.9 if bold else 1.0)))


def _alerts(sheet: _Sheet, d: Dashboard) -> None:
    """The alerts by kind: how many, and the first ones (the application lists them all), each in full: wrapped
    across the printed columns (merged) in a row tall enough, never cut."""
    sheet.title("Alertes", SECTION_FONT)
    if not d.alerts:
        sheet.append(["Aucune alerte."])
        return
    for kind in dict.fromkeys(a.kind for a in d.alerts):
        alerts = d.alerts_of(kind)
        label = styled_cell(sheet.ws, fill=ALERT_FILL, font=BOLD)
        label.value = f"{alerts[0].kind_label} ({len(alerts)})"
        sheet.append([label])
        for alert in alerts[:ALERTS_SHOWN]:
            text = clean_text(alert.message)
            cell = styled_cell(sheet.ws, font=ALERT_FONT, alignment=Alignment(wrap_text=True, vertical="top",
                                                                              indent=1))
            cell.value = text
            cell.data_type = "s"
            row = sheet.rows + 1
            lines = _wrapped_lines(text, ALERT_WIDTH_CHARS / ALERT_FONT_RATIO)
            if lines > 1:
                sheet.ws.row_dimensions[row].height = ALERT_LINE_PT * lines + 3
            sheet.ws.merged_cells.add(f"A{row}:F{row}")
            sheet.append([cell])
        if len(alerts) > ALERTS_SHOWN:
            more = len(alerts) - ALERTS_SHOWN
            sheet.append([sheet.value(None, f"    … et {more} autre{'s' if more > 1 else ''} : voir le tableau de "
                                            "bord de l'application.")])
    sheet.blank()


def _charts(sheet: _Sheet, d: Dashboard, caption: str = "") -> None:
    """The dashboard's charts, rendered by the same functions as the window, from a new page, one per half page:
    each scaled to half a page at most, two a page; ``caption`` (contract and date) at the foot of each."""
    from crte_desktop.dashboard import charts

    figures = [
        charts.status_figure(d.statuses),
        charts.funding_figure(d.financing.get("funder", [])),
        charts.progress_figure(d.top_sections or d.sections),
    ]
    sheet.ws.row_breaks.append(Break(id=sheet.rows))
    sheet.title("Graphiques", SECTION_FONT)
    half_rows = HALF_PAGE_PX // ROW_PX
    first = True
    for n, fig in enumerate(figures):
        if n and n % 2 == 0:  # a new page every two charts
            sheet.ws.row_breaks.append(Break(id=sheet.rows))
        # whole: a long title or axis note is not cut at the figure's edge
        image = Image(io.BytesIO(chart_image(charts.stamp(fig, caption), CHART_DPI).png))
        room = HALF_PAGE_PX - (ROW_PX if first else 0)  # the first half page also holds the title
        scale = min(SCREEN_DPI / CHART_DPI, room / image.height, PRINT_WIDTH_PX / image.width)
        image.width, image.height = int(image.width * scale), int(image.height * scale)
        sheet.ws.add_image(image, f"A{sheet.rows + 1}")
        for _ in range(half_rows - (1 if first else 0)):
            sheet.ws.row_dimensions[sheet.rows + 1].height = ROW_PX * 0.75  # points: Excel's and LibreOffice's alike
            sheet.blank()
        first = False
