"""The exported workbook as a partner opens it: sheets, French headers, real cell types, formats, lists,
frozen header, filters, print setup, the hidden sheet; and a failed export leaves nothing behind."""

from __future__ import annotations

import zipfile
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from crte_desktop.domain.errors import DomainError
from crte_desktop.excel.export import export_workbook
from crte_desktop.excel.layout import FORMAT_VERSION
from tests.excel.conftest import export, rows
from tests.in_transaction import InTransaction

ACTION_HEADERS = ["Référence", "Intitulé", "Statut", "Avancement (%)", "Coût total (€)"]
FINANCING_HEADERS = ["Référence action", "Financeur", "Dispositif", "Année", "Montant prévisionnel (€)",
                     "Montant sollicité (€)", "Montant accordé (€)", "Montant versé (€)"]


@pytest.fixture
def book(sample, tmp_path):
    store, cid = sample
    return export(store, tmp_path, charts=True)


def headers(ws) -> list:
    return [c.value for c in ws[1]]


def test_sheets_in_order_with_two_hidden(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Synthèse", "Actions", "Financements", "Indicateurs", "Tableaux croisés", "Parts vertes",
                             "Listes", "Identifiants"]
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states == {"Synthèse": "visible", "Actions": "visible", "Financements": "visible",
                      "Indicateurs": "visible", "Tableaux croisés": "visible", "Parts vertes": "visible", "Listes": "hidden",
                      "Identifiants": "hidden"}
    assert wb.active.title == "Synthèse"


def test_headers_spelled_as_the_issue_says(book):
    wb = openpyxl.load_workbook(book)
    actions = headers(wb["Actions"])
    for h in ACTION_HEADERS:
        assert h in actions
    financing = headers(wb["Financements"])
    for h in FINANCING_HEADERS:
        assert h in financing
    assert headers(wb["Indicateurs"])[:2] == ["Référence action", "Indicateur"]


def test_cells_hold_real_numbers_dates_and_percentages(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["Actions"]
    h = headers(ws)
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "2021-1")
    cell = {name: row[i] for i, name in enumerate(h)}
    assert cell["Coût total (€)"].value == 1000000 and cell["Coût total (€)"].data_type == "n"
    assert cell["Coût total (€)"].number_format == '#,##0.00\\ "€"'
    assert cell["Avancement (%)"].value == pytest.approx(0.30)
    assert cell["Avancement (%)"].number_format == "0\\ %"
    assert isinstance(cell["Date de début"].value, datetime)
    assert cell["Date de début"].number_format == "dd/mm/yyyy"
    assert cell["Année d'inscription"].value == 2021
    assert cell["Statut"].value == "En cours"
    fin = rows(book, "Financements")
    dsil = next(r for r in fin if r["Dispositif"] == "DSIL")
    assert (dsil["Montant prévisionnel (€)"], dsil["Montant sollicité (€)"], dsil["Montant accordé (€)"],
            dsil["Montant versé (€)"]) == (300000, 300000, 250000, 100000)
    assert dsil["Financeur"] == "État" and dsil["Année"] == 2021 and dsil["Référence action"] == "2021-1"
    velo = next(r for r in fin if r["Référence action"] == "2021-2")
    assert velo["Montant prévisionnel (€)"] == pytest.approx(50000.25)
    assert velo["Montant accordé (€)"] is None  # unknown stays empty, not 0


def test_frozen_header_filter_widths_and_hidden_identifiers(book):
    wb = openpyxl.load_workbook(book)
    for name in ("Actions", "Financements", "Indicateurs"):
        ws = wb[name]
        assert ws.freeze_panes == "C2"  # the reference and the title (wrapped) stay in view
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.auto_filter.ref.endswith(str(ws.max_row))
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert ws.cell(1, ws.max_column).value == "Identifiant (ne pas modifier)"
        assert ws.column_dimensions[last].hidden
        assert ws.column_dimensions["B"].width >= 20  # titles and funders are readable
        assert ws.cell(1, 1).font.b


def test_drop_down_lists_on_status_funder_and_scheme(book):
    wb = openpyxl.load_workbook(book)
    lists = wb["Listes"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                         if lists.cell(r, c).value is not None]
               for c in range(1, lists.max_column + 1)}
    assert "État" in columns["funder"] and "ADEME" in columns["funder"]
    assert "DSIL" in columns["scheme"]
    assert columns["action_status"][:3] == ["À venir", "En préparation", "En cours"]

    def validated(ws):
        h = headers(ws)
        found = {}
        for dv in ws.data_validations.dataValidation:
            assert dv.type == "list" and dv.showErrorMessage
            col = str(dv.sqref).split(":")[0].rstrip("0123456789")
            found[h[openpyxl.utils.column_index_from_string(col) - 1]] = dv.formula1
        return found

    actions = validated(wb["Actions"])
    assert actions["Statut"].startswith("'Listes'!$")
    financing = validated(wb["Financements"])
    assert {"Financeur", "Dispositif", "Statut", "Catégorie"} <= set(financing)
    n_funders = len(columns["funder"])
    letter = openpyxl.utils.get_column_letter(list(columns).index("funder") + 1)
    assert financing["Financeur"] == f"'Listes'!${letter}$2:${letter}${n_funders + 1}"


def test_print_setup_landscape_readable_scale_header_and_footer(book):
    """The Synthèse fits the page width; the data sheets print at a readable scale (never the 55 % that fitting
    their width gave), with the header row repeated, and the reference and title on each page across."""
    wb = openpyxl.load_workbook(book)
    for name in ("Synthèse", "Actions", "Financements", "Indicateurs"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.oddHeader.center.text == "CRTE du Test"
        assert ws.oddFooter.right.text == "Page &P / &N"
        assert ws.oddFooter.left.text.startswith("Exporté le ")
    summary = wb["Synthèse"]
    assert summary.sheet_properties.pageSetUpPr.fitToPage and summary.page_setup.fitToWidth == 1
    for name in ("Actions", "Financements", "Indicateurs"):
        ws = wb[name]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage
        assert 75 <= int(ws.page_setup.scale) <= 100
        assert ws.print_title_rows == "$1:$1"
    assert wb["Actions"].print_title_cols == "$A:$B"  # its columns need two pages across at a readable scale


def test_hidden_sheet_holds_version_identity_time_and_every_row(sample, book):
    store, cid = sample
    wb = openpyxl.load_workbook(book)
    ws = wb["Identifiants"]
    assert ws.protection.sheet
    meta = {}
    for r in ws.iter_rows(min_row=2, values_only=True):
        if r[0] is None:
            break
        meta[r[0]] = r[1]
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["workspace_uuid"] == store.workspace_uuid
    contract = store.conn.execute("SELECT uuid FROM contract WHERE id = ?", (cid,)).fetchone()[0]
    assert meta["contract_uuid"] == contract
    assert datetime.fromisoformat(meta["exported_at"])
    table = [r for r in ws.iter_rows(min_row=9, values_only=True) if r[0]]
    assert table[0][:4] == ("Feuille", "Identifiant", "Version", "Ligne exportée")
    idents = {(r[0], r[1]) for r in table[1:]}
    assert len([i for i in idents if i[0] == "Actions"]) == 3
    assert len([i for i in idents if i[0] == "Financements"]) == 3
    assert len([i for i in idents if i[0] == "Indicateurs"]) == 1
    for name in ("Actions", "Financements", "Indicateurs"):
        sheet = wb[name]
        in_sheet = {sheet.cell(r, sheet.max_column).value for r in range(2, sheet.max_row + 1)}
        assert in_sheet == {i for s, i in idents if s == name}


def test_summary_sheet_has_figures_as_numbers_and_the_charts(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["Synthèse"]
    assert ws["A1"].value == "Tableau de bord — CRTE du Test"
    figures = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert figures["Nombre d'actions"] == 3
    assert figures["Coût total des actions (€)"] == pytest.approx(1250000.50)
    assert figures["Financements — prévisionnel (€)"] == pytest.approx(500000.25)
    assert figures["Financements — accordé (€)"] == 250000
    assert figures["Financements — versé (€)"] == 100000
    assert len(ws._images) == 3
    with zipfile.ZipFile(book) as zf:
        assert len([n for n in zf.namelist() if n.startswith("xl/media/")]) == 3


def test_text_that_looks_like_a_formula_stays_text(sample, tmp_path):
    store, cid = sample
    from crte_desktop.editing.actions import ActionService

    service = ActionService(store)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2021-2'").fetchone()[0]
    bundle = service.load(aid)
    bundle.action.title = '=HYPERLINK("http://example.com","clic")'
    bundle.financing[0].comment = "+33 1 23 45 67 89"
    service.save(bundle)
    out = export(store, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb["Actions"]
    cell = next(r[1] for r in ws.iter_rows(min_row=2) if r[0].value == "2021-2")
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://example.com","clic")'
    assert cell.quotePrefix
    with zipfile.ZipFile(out) as zf:
        sheet = zf.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    comment = next(r for r in wb["Financements"].iter_rows(min_row=2) if r[0].value == "2021-2")
    assert [c.value for c in comment if c.value == "+33 1 23 45 67 89"]


def test_export_refuses_wrong_extension_and_missing_folder(sample, tmp_path):
    store, cid = sample
    with pytest.raises(DomainError, match="extension .xlsx"):
        export_workbook(store, tmp_path / "tableau.xls")
    with pytest.raises(DomainError, match="n'existe pas"):
        export_workbook(store, tmp_path / "absent" / "tableau.xlsx")


def test_failed_export_keeps_the_previous_file_and_leaves_no_temporary(sample, tmp_path, monkeypatch):
    store, cid = sample
    out = export(store, tmp_path)
    before = out.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", boom)
    with pytest.raises(DomainError, match="Impossible d'écrire"):
        export_workbook(store, out, charts=False)
    assert out.read_bytes() == before
    # (the claim of the open workspace, espace.crte.verrou, is not a leftover)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".verrou") == ["espace.crte", "export.xlsx"]


def test_workspace_without_contract_is_refused(workspace, tmp_path):
    with pytest.raises(DomainError, match="aucun contrat"):
        export_workbook(workspace, tmp_path / "x.xlsx")


def test_each_contract_exports_its_own_rows(sample, tmp_path):
    store, cid = sample
    from tests.excel.conftest import add_action, build_contract

    other = build_contract(store, "CRTE voisin")
    add_action(store, other, "V-1", "Action du voisin", total_cost=Decimal("10.00"))
    mine = rows(export(store, tmp_path, "a.xlsx", cid), "Actions")
    theirs = rows(export(store, tmp_path, "b.xlsx", other), "Actions")
    assert [r["Référence"] for r in mine] == ["2021-1", "2021-2", "2022-1"]
    assert [r["Référence"] for r in theirs] == ["V-1"]


class _CancelAfter:
    """A task control whose user presses "Annuler" after ``n`` checks."""

    def __init__(self, n: int):
        self.n = n

    def check(self) -> None:
        self.n -= 1
        if self.n < 0:
            raise KeyboardInterrupt("annulé")


def test_cancelled_export_writes_nothing(sample, tmp_path):
    store, cid = sample
    out = tmp_path / "annule.xlsx"
    for n in range(4):
        with pytest.raises(KeyboardInterrupt):
            export_workbook(store, out, control=_CancelAfter(n), charts=False)
        assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".verrou") == ["espace.crte"]


def test_control_characters_and_very_long_text_are_exported_cleanly(sample, tmp_path):
    store, cid = sample
    from crte_desktop.editing.actions import ActionService
    from crte_desktop.excel.import_diff import plan_import

    service = ActionService(store)
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2021-2'").fetchone()[0]
    bundle = service.load(aid)
    bundle.action.title = "Pistes\x00 cyclables\x1b\r\nphase 2"
    bundle.financing[0].comment = "x" * 40000
    service.save(bundle)
    out = export(store, tmp_path)
    fin = rows(out, "Financements")
    assert [len(r["Commentaire"]) for r in fin if r["Référence action"] == "2021-2"] == [32767]
    actions = {r["Référence"]: r for r in rows(out, "Actions")}
    assert actions["2021-2"]["Intitulé"] == "Pistes cyclables\nphase 2"
    assert plan_import(store, out).changes == []  # what could not be written is not taken for an edit


def test_a_long_section_title_is_wrapped_whole_in_a_row_tall_enough(sample, tmp_path):
    from crte_desktop.db.repos.contract import ContractRepository

    store, cid = sample
    repo = InTransaction(ContractRepository(store))
    section = repo.sections(cid)[1]
    section.title = ("Mobiliser les outils de cohésion en faveur de l'emploi, avec le plan « 1 jeune 1 solution », "
                     "et de la solidarité territoriale")
    repo.save_section(section)
    wb = openpyxl.load_workbook(export(store, tmp_path))
    ws = wb["Synthèse"]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").endswith("solidarité territoriale"))
    label = ws.cell(row, 1)
    assert label.value.startswith("1.1 Mobiliser les outils")  # whole, not cut nor padded with spaces
    assert label.alignment.wrap_text and label.alignment.indent == 2
    assert ws.row_dimensions[row].height >= 2 * 14  # two lines at least: the title does not run under the figures
    assert all(ws.cell(row, c).alignment.vertical == "top" for c in (1, 2, 3))
    assert ws.cell(row, 2).value == 1
    short = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "1 Transition écologique")
    assert ws.row_dimensions[short].height is None and ws.cell(short, 1).font.bold


def test_the_summary_line_speaks_french(sample, tmp_path):
    store, _cid = sample
    result = export_workbook(store, tmp_path / "classeur.xlsx")
    text = result.summary()
    assert text.startswith("Classeur « classeur.xlsx » écrit (3 lignes « Actions »")
    assert "." not in text.rsplit(" en ", 1)[1][:-1]  # "en 0,4 s." : a decimal comma
