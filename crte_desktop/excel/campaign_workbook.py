"""The workbook of one maître d'ouvrage in a revue de projets campaign: what to do (« Campagne »), its own
actions, financing lines and indicators (the same sheets, hidden identifiers and snapshots as the dashboard
workbook, so the same re-import takes it back), and « Nouveaux projets » to propose projects. The hidden
sheet also names the campaign and the owner: a workbook of another campaign or contract is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.enums import Phase
from crte_desktop.excel import workbook_data
from crte_desktop.excel.export import _discard, _save_atomically, _write_ids_sheet
from crte_desktop.excel.layout import DATA_SHEETS, PROPOSALS, SHEET_CAMPAIGN
from crte_desktop.excel.sheet_writer import (TITLE_FONT, list_ranges, safe_text_cell, styled_cell, write_data_sheet,
                                            write_lists_sheet)

WRAP = Alignment(wrap_text=True, vertical="top")


def owner_data(data: workbook_data.WorkspaceData, action_ids: set[int]) -> workbook_data.WorkspaceData:
    """The rows of ``data`` that belong to the given actions (an owner's)."""
    rows = {}
    for layout in DATA_SHEETS:
        rows[layout.name] = [r for r in data.rows[layout.name]
                             if (r.entity_id if layout.prefix == "A" else r.action_id) in action_ids]
    return replace(data, rows=rows, _by_ident={})


def write_campaign_workbook(out: Path, data: workbook_data.WorkspaceData, campaign, owner_id: int, owner_name: str,
                            exported_at: datetime) -> Path:
    wb = Workbook(write_only=True)
    try:
        _intro_sheet(wb, data, campaign, owner_name)
        lists = {**data.lists.as_dict(), "phase": [p.label for p in Phase]}
        ranges = list_ranges(lists)
        snapshots = {layout.name: write_data_sheet(wb, layout, data.rows[layout.name], data.contract.name, exported_at,
                                                   ranges) for layout in DATA_SHEETS}
        write_data_sheet(wb, PROPOSALS, [], data.contract.name, exported_at, ranges)
        write_lists_sheet(wb, lists)
        _write_ids_sheet(wb, data, exported_at, snapshots, {
            "campaign_uuid": campaign.uuid, "campaign_name": campaign.name, "owner_id": str(owner_id),
            "owner_name": owner_name})
        _save_atomically(wb, out)
    except BaseException:
        _discard(wb)
        raise
    return out


def _intro_sheet(wb, data, campaign, owner_name: str) -> None:
    ws = wb.create_sheet(SHEET_CAMPAIGN)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    title = styled_cell(ws, font=TITLE_FONT)
    title.value = safe_text_cell(ws, f"{campaign.name} — {data.contract.name}")
    ws.append([title])
    ws.append([])
    bold = Font(bold=True)
    for label, value in (("Maître d'ouvrage", owner_name), ("Contrat", data.contract.name),
                         ("Période de la revue", f"du {format_date(campaign.start_date)} au "
                                                 f"{format_date(campaign.end_date)}"),
                         ("À renvoyer avant le", format_date(campaign.end_date))):
        cell = styled_cell(ws, font=bold)
        cell.value = label
        ws.append([cell, safe_text_cell(ws, value)])
    ws.append([])
    steps = [
        "1. Feuille « Actions » : mettez à jour vos actions (statut, dates, coût, avancement).",
        "2. Feuille « Financements » : complétez ou corrigez les financements (montants sollicités, accordés, "
        "versés, dates de décision).",
        "3. Feuille « Indicateurs » : indiquez la dernière valeur mesurée et sa date.",
        "4. Feuille « Nouveaux projets » : proposez vos nouveaux projets, un par ligne (intitulé obligatoire). "
        "Ils seront examinés au prochain comité de pilotage (point « Demandes d'inscription »).",
        f"5. Renvoyez ce classeur au secrétariat du CRTE avant le {format_date(campaign.end_date)}.",
        "Ne renommez pas les feuilles et ne modifiez pas les colonnes masquées : elles permettent de reprendre "
        "vos réponses sans ressaisie.",
    ]
    for text in steps:
        cell = styled_cell(ws, alignment=WRAP)
        cell.value = text
        ws.append([None, cell])


def default_out_name(owner_name: str) -> str:
    """The workbook's file name, from the owner's name (characters some systems refuse replaced)."""
    cleaned = "".join("-" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in owner_name).strip(" .")
    return f"{cleaned or 'Maitre d-ouvrage'}.xlsx"

