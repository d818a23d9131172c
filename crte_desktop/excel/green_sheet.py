"""The « Parts vertes » sheet of the dashboard workbook: per year and dotation, granted amounts, the part on
projects favourable to the environment, the share against its threshold (read-only figures)."""

from __future__ import annotations

from datetime import datetime

from openpyxl.styles import Font, PatternFill

from crte_desktop.dashboard.green import GREEN_RULE_SHORT, GreenShare
from crte_desktop.excel.layout import NUMBER_FORMATS, SHEET_GREEN, Kind
from crte_desktop.excel.sheet_writer import TITLE_FONT, header_cells, print_setup, safe_text_cell, styled_cell

BELOW_FILL = PatternFill("solid", fgColor="FFEBEE")
NOTE_FONT = Font(italic=True, size=9, color="555555")
HEADERS = ["Année", "Dotation", "Accordé (€)", "Dont projets favorables (€)", "Part verte", "Seuil", "Situation"]


def write_green_sheet(wb, shares: list[GreenShare], contract_name: str, exported_at: datetime) -> None:
    ws = wb.create_sheet(SHEET_GREEN)
    print_setup(ws, contract_name, exported_at, repeat_header=False)
    for letter, width in zip("ABCDEFG", (8, 12, 18, 24, 12, 10, 16)):
        ws.column_dimensions[letter].width = width
    title = styled_cell(ws, font=TITLE_FONT)
    title.value = safe_text_cell(ws, f"Parts vertes des dotations — {contract_name}")
    ws.append([title])
    note = styled_cell(ws, font=NOTE_FONT)
    note.value = GREEN_RULE_SHORT
    ws.append([note])
    ws.append([])
    ws.append(header_cells(ws, HEADERS))
    if not shares:
        ws.append(["Aucun montant accordé en DSIL, DSID, DETR ou FNADT."])
    for s in shares:
        fill = BELOW_FILL if s.below else None
        cells = [styled_cell(ws, number_format=fmt, fill=fill) for fmt in
                 ("0", None, NUMBER_FORMATS[Kind.MONEY], NUMBER_FORMATS[Kind.MONEY], NUMBER_FORMATS[Kind.RATIO],
                  "0\\ %", None)]
        values = [s.year, s.scheme, s.granted, s.favourable, float(s.share),
                  s.threshold / 100 if s.threshold is not None else None, s.verdict]
        for cell, value in zip(cells, values):
            cell.value = value
        ws.append(cells)
