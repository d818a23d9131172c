"""Reading the secretary's file: sheets, the header row under a title, merged header cells over a second
header row, French values, formulas, empty rows; CSV; and every file that cannot be read, refused with
the reason."""

import subprocess
import sys
from datetime import date

import openpyxl
import pytest

from crte_desktop.excel.first_import import load_table, open_source
from crte_desktop.excel.problems import ImportRefused
from crte_desktop.excel.safety import OLE_SIGNATURE, XLS_MESSAGE
from tests.excel.first_import.secretary import write_workbook


def test_sheets_are_listed_and_the_header_is_found_under_the_title(tracking_file):
    source = open_source(tracking_file)
    assert source.kind == "xlsx"
    assert source.visible_sheets == ["Notes", "Programme"]
    table = load_table(source, "Programme")
    assert (table.header_row, table.header_depth, table.first_data_row) == (3, 2, 5)
    assert table.headers == ["N°", "Intitulé du projet", "Axe", "Maître d'ouvrage", "Coût total HT",
                             "Financements — DSIL sollicité", "Financements — DETR accordé", "Financements — Région",
                             "Avancement", "État d'avancement", "Date de fin", "Année", "Observations"]
    # the empty row 8 is dropped; values are as the file holds them, formulas by their computed value
    assert [r.number for r in table.rows] == [5, 6, 7, 9, 10]
    assert table.rows[1].values[4] == "250 000,00 €"
    assert table.rows[1].values[10] == date(2026, 6, 30)
    assert table.rows[2].values[4] == 150000
    assert table.rows[4].values[:2] == [None, "Total"]
    assert table.column_name(1) == "B « Intitulé du projet »"


def test_a_one_row_header_without_a_title(tmp_path):
    path = tmp_path / "simple.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Réf", "Projet", "Montant"])
    wb.active.append(["A1", "Voie verte", 1000])
    wb.save(path)
    table = load_table(open_source(path), "Sheet")
    assert (table.header_row, table.header_depth, table.headers) == (1, 1, ["Réf", "Projet", "Montant"])
    assert [r.values for r in table.rows] == [["A1", "Voie verte", 1000]]


def test_two_titles_merged_across_the_page_are_not_the_header(tmp_path):
    path = tmp_path / "titres.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["CRTE du Valenciennois", None, None, "Mise à jour : mars 2024"])
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:F1")
    ws.append(["Réf", "Projet", "Porteur", "Coût", "DSIL", "Région"])
    ws.append(["A1", "Voie verte", "Denain", 1000, 200, 100])
    wb.save(path)
    table = load_table(open_source(path), "Sheet")
    assert (table.header_row, table.headers[:2]) == (2, ["Réf", "Projet"])


def test_merged_data_cells_give_their_value_to_each_row_with_a_warning(tmp_path):
    path = tmp_path / "fusion.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["N°", "Intitulé", "Maître d'ouvrage", "Coût"])
    ws.append(["AXE 1 — TRANSITION ÉCOLOGIQUE"])
    ws.merge_cells("A2:D2")
    ws.append(["1", "Chaufferie bois", "Commune de Denain", 100])
    ws.append(["2", "Réseau de chaleur", None, 200])
    ws.merge_cells("C3:C4")
    wb.save(path)
    table = load_table(open_source(path), "Sheet")
    assert table.rows[0].banner == "AXE 1 — TRANSITION ÉCOLOGIQUE"
    assert [r.values[2] for r in table.rows[1:]] == ["Commune de Denain", "Commune de Denain"]
    [warning] = table.problems
    assert (warning.row, warning.column, warning.is_error) == (3, "C", False)
    assert "C3:C4" in warning.message


def test_csv_with_semicolons_in_windows_encoding(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("Tableau de suivi\n\nRéf;Intitulé;Coût total\n2021-7;Médiathèque;1 234,50 €\n".encode("cp1252"))
    source = open_source(path)
    assert (source.kind, source.visible_sheets) == ("csv", ["export"])
    table = load_table(source, "export")
    assert table.headers == ["Réf", "Intitulé", "Coût total"]
    assert [r.values for r in table.rows] == [["2021-7", "Médiathèque", "1 234,50 €"]]


def refused(path, sheet=None) -> ImportRefused:
    with pytest.raises(ImportRefused) as err:
        source = open_source(path)
        load_table(source, sheet or source.visible_sheets[0])
    return err.value


def test_an_empty_sheet_is_refused_with_its_name(tmp_path):
    path = tmp_path / "vide.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Suivi"
    wb.save(path)
    err = refused(path)
    assert err.problems[0].sheet == "Suivi"
    assert "La feuille est vide" in str(err)


def test_a_sheet_of_numbers_has_no_header_row(tmp_path):
    path = tmp_path / "chiffres.xlsx"
    wb = openpyxl.Workbook()
    for i in range(5):
        wb.active.append([i, i * 10, i * 100])
    wb.save(path)
    err = refused(path)
    assert err.problems[0].sheet == "Sheet"
    assert "Aucune ligne d'en-tête trouvée" in str(err)


def test_a_title_alone_is_not_a_header(tmp_path):
    path = write_workbook(tmp_path / "titre.xlsx", rows=[], top=["Suivi"], sub=[], cached={})
    assert "Aucune ligne d'en-tête" in str(refused(path, "Programme"))


def test_an_xls_workbook_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "ancien.xls"
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 600)
    assert str(refused(path)) == XLS_MESSAGE


@pytest.mark.parametrize("name, content, reason", [
    ("notes.xlsx", b"Ceci est un texte, pas un classeur.", "n'est pas un classeur Excel (.xlsx)"),
    ("vide.xlsx", b"", "est vide"),
    ("tronque.xlsx", b"PK\x03\x04" + b"\x00" * 40, "endommagé"),
    ("tableau.ods", b"Ceci est un texte.", "n'est pas un classeur OpenDocument (.ods)"),
    ("tronque.ods", b"PK\x03\x04" + b"\x00" * 40, "endommagé"),
    ("classeur.csv", b"PK\x03\x04\x14\x00", "n'est pas un fichier texte CSV"),
])
def test_files_that_are_not_spreadsheets_are_refused(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert reason in str(refused(path))


def test_a_missing_file_and_a_missing_sheet(tmp_path, tracking_file):
    assert "n'existe pas" in str(refused(tmp_path / "absent.xlsx"))
    assert "La feuille « Budget » n'existe pas" in str(refused(tracking_file, "Budget"))


def test_the_first_import_service_runs_without_qt():
    """docs/architecture.md, « Layers »: a service package never imports views or Qt; a test can do all through it."""
    code = ("import sys, crte_desktop.excel.first_import\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_sheet_too_large_is_passed_over_with_the_reason(tmp_path, monkeypatch):
    from crte_desktop.excel.first_import import first_table, source

    monkeypatch.setattr(source, "MAX_ROWS", 50)
    path = tmp_path / "deux.xlsx"
    wb = openpyxl.Workbook()
    big = wb.active
    big.title = "Export complet"
    big.append(["Réf", "Projet"])
    for i in range(60):
        big.append([f"A{i}", f"Projet {i}"])
    small = wb.create_sheet("Programme")
    small.append(["Réf", "Projet"])
    small.append(["B1", "Halle"])
    wb.save(path)
    found = first_table(open_source(path))
    assert found.table.sheet == "Programme"
    assert found.skipped == [("Export complet", "La feuille a plus de 50 lignes : ce n'est pas un tableau d'actions "
                                                "(import refusé).")]


@pytest.mark.parametrize("name", ["long.xlsx", "long.csv", "long.ods"])
def test_reading_a_large_file_can_be_cancelled(tmp_path, name):
    from crte_desktop.excel.first_import import first_table
    from crte_desktop.progress import Cancelled, Control
    from tests.excel.first_import.ods import write_ods

    rows = [["Réf", "Projet"]] + [[f"A{i}", f"Projet {i}"] for i in range(3000)]
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("\n".join(";".join(r) for r in rows), encoding="utf-8")
    elif name.endswith(".ods"):
        write_ods(path, {"Feuille": rows})
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    seen = []
    control = Control()
    original = control.check

    def check():
        seen.append(1)
        if len(seen) == 3:
            control.cancel()
        original()

    control.check = check
    with pytest.raises(Cancelled):
        first_table(open_source(path), control=control)


def test_csv_in_utf16_with_tabs_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes("Réf\tProjet\tCoût\nA1\tVoie verte à Denain\t1 000,50\n".encode("utf-16"))
    table = load_table(open_source(path), "export")
    assert table.headers == ["Réf", "Projet", "Coût"]
    assert [r.values for r in table.rows] == [["A1", "Voie verte à Denain", "1 000,50"]]
