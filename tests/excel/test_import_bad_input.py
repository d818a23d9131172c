"""Every kind of bad workbook is reported with sheet, row, column and reason, and the workspace is left
byte-for-byte unchanged when the import is refused."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from crte_desktop.excel.problems import ImportRefused
from tests.excel.conftest import build_contract, column_of, edit, export, find_row, set_cell
from tests.in_transaction import InTransaction

D = Decimal


@pytest.fixture
def book(sample, tmp_path):
    return export(sample[0], tmp_path)


def refused(store, path, digest) -> list:
    """The problems of a refused import; checks the workspace file did not change."""
    before = digest(store.path)
    with pytest.raises(ImportRefused) as exc:
        plan = plan_import(store, path)
        apply_import(store, plan)
    assert digest(store.path) == before
    return exc.value.problems


def where(problem) -> tuple:
    return problem.sheet, problem.row, problem.column


def action_row(book, reference: str) -> int:
    import openpyxl

    return find_row(openpyxl.load_workbook(book)["Actions"], "Référence", reference)


# -- cells ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("header, value, reason", [
    ("Coût total (€)", "beaucoup", "« beaucoup » n'est pas un montant valide"),
    ("Coût total (€)", -5, "ne peut pas être négatif"),
    ("Coût total (€)", "-1 000,00 €", "ne peut pas être négatif"),
    ("Coût total (€)", "12 k€", "n'est pas un montant valide"),
    ("Coût total (€)", 10.123, "plus de deux décimales"),
    ("Coût total (€)", True, "n'est pas une valeur admise"),
    ("Coût total (€)", date(2022, 1, 1), "est une date, un nombre est attendu"),
    ("Date de fin", "31/02/2022", "n'est pas une date qui existe"),
    ("Date de fin", "bientôt", "n'est pas une date valide (format attendu : jj/mm/aaaa)"),
    ("Date de fin", 45000, "n'est pas une date"),
    ("Avancement (%)", "150 %", "compris entre 0 et 100"),
    ("Avancement (%)", "45,5 %", "nombre entier de pour cent"),
    ("Avancement (%)", "à moitié", "n'est pas un nombre"),
    ("Année d'inscription", "deux mille vingt", "n'est pas un nombre"),
    ("Année d'inscription", 2021.5, "L'année doit être un nombre entier"),
    ("Référence", date(2021, 1, 2), "a été lu comme une date par le tableur"),
    ("Statut", "Terminé", "Statut inconnu « Terminé »"),
    ("Intitulé", None, "obligatoire"),
])
def test_bad_cell_is_reported_at_its_place(sample, book, digest, header, value, reason):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", header, value))
    problems = refused(store, path, digest)
    [p] = problems
    import openpyxl

    col = openpyxl.utils.get_column_letter(column_of(openpyxl.load_workbook(book)["Actions"], header))
    assert where(p) == ("Actions", action_row(book, "2021-2"), col)
    assert p.header == header
    assert reason in p.message, p.message
    assert str(p).startswith(f"Feuille « Actions », ligne {p.row}, colonne {col} « {header} » : ")


@pytest.mark.parametrize("header, value, expected", [
    ("Coût total (€)", "1\u00a0234,50\u00a0€", D("1234.50")),
    ("Coût total (€)", "1 234,50 €", D("1234.50")),
    ("Coût total (€)", "1.234,50", D("1234.50")),
    ("Coût total (€)", 1234.5, D("1234.50")),
    ("Coût total (€)", 0.1 + 0.2, D("0.30")),  # a formula's float noise
    ("Date de fin", "12/03/2032", date(2032, 3, 12)),
    ("Date de fin", "2032-03-12", date(2032, 3, 12)),
    ("Avancement (%)", "45 %", 45),
    ("Avancement (%)", "45%", 45),
    ("Avancement (%)", 45, 45),
    ("Avancement (%)", 0.45, 45),
    ("Année d'inscription", "2023", 2023),
    ("Année d'inscription", 2023.0, 2023),
])
def test_french_and_plain_formats_are_read(sample, book, header, value, expected):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2022-1", header, value))
    plan = plan_import(store, path)
    assert plan.problems == []
    apply_import(store, plan)
    key = {"Coût total (€)": "total_cost", "Date de fin": "end_date", "Avancement (%)": "progress",
           "Année d'inscription": "inscription_year"}[header]
    aid = store.conn.execute("SELECT id FROM action WHERE reference = '2022-1'").fetchone()[0]
    assert getattr(ActionService(store).load(aid).action, key) == expected


@pytest.mark.parametrize("header, value, reason", [
    ("Financeur", "Mécène inconnu", "Financeur inconnu « Mécène inconnu »"),
    ("Dispositif", "Fonds imaginaire", "Dispositif inconnu « Fonds imaginaire »"),
    ("Dispositif", "Fonds chaleur", "« Fonds chaleur » n'appartient pas au financeur « État »"),
    ("Financeur", "ADEME", "« DSIL » de cette ligne n'appartient pas au financeur « ADEME »"),
    ("Montant accordé (€)", "non communiqué", "n'est pas un montant valide"),
    ("Montant versé (€)", -100, "ne peut pas être négatif"),
    ("Statut", "Payé", "Statut de financement inconnu « Payé »"),
    ("Catégorie", "Subvention", "Catégorie inconnue « Subvention »"),
    ("Référence action", "2099-9", "Aucune action n'a la référence « 2099-9 »"),
    ("Financeur", None, "obligatoire"),
])
def test_bad_financing_cell_is_reported_at_its_place(sample, book, digest, header, value, reason):
    store, cid = sample
    import openpyxl

    ws0 = openpyxl.load_workbook(book)["Financements"]
    row = find_row(ws0, "Dispositif", "DSIL")
    col = openpyxl.utils.get_column_letter(column_of(ws0, header))

    def change(wb):
        wb["Financements"].cell(row, column_of(wb["Financements"], header)).value = value

    [p] = refused(store, edit(book, change), digest)
    assert where(p) == ("Financements", row, col)
    assert reason in p.message, p.message


def test_funder_and_scheme_typed_by_hand_are_recognised(sample, book):
    store, cid = sample

    def change(wb):
        ws = wb["Financements"]
        r = find_row(ws, "Dispositif", "Aide régionale")
        ws.cell(r, column_of(ws, "Financeur"), "etat")  # short, lower case, no accent
        ws.cell(r, column_of(ws, "Dispositif"), "detr")

    plan = plan_import(store, edit(book, change))
    assert plan.problems == []
    assert {(c.column, c.new) for c in plan.changes} == {("Financeur", "État"), ("Dispositif", "DETR")}


def test_duplicate_references_in_the_sheet(sample, book, digest):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-2", "Référence", "2021-1"))
    [p] = refused(store, path, digest)
    assert where(p) == ("Actions", action_row(book, "2021-2"), "A")
    assert "figure deux fois" in p.message


def test_edit_of_a_computed_column_is_a_warning_and_ignored(sample, book):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2021-1", "Autofinancement (€)", 1))
    plan = plan_import(store, path)
    assert plan.changes == [] and plan.errors == []
    [w] = plan.warnings
    assert (w.sheet, w.row, w.header) == ("Actions", action_row(book, "2021-1"), "Autofinancement (€)")


# -- columns and sheets ---------------------------------------------------------------------------------
def test_missing_required_column(sample, book, digest):
    store, cid = sample
    path = edit(book, lambda wb: wb["Actions"].delete_cols(column_of(wb["Actions"], "Intitulé")))
    [p] = refused(store, path, digest)
    assert (p.sheet, p.row, p.header) == ("Actions", 1, "Intitulé")
    assert "Colonne obligatoire absente" in p.message


def test_renamed_column_is_reported_and_its_values_kept(sample, book):
    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        ws.cell(1, column_of(ws, "Date de fin"), "Fin prévue")
        set_cell(ws, "2021-1", "Fin prévue", date(2040, 1, 1))

    plan = plan_import(store, edit(book, change))
    assert plan.errors == [] and plan.changes == []
    messages = {(w.sheet, w.header or w.column, w.message.split(" :")[0].split(" (")[0]) for w in plan.warnings}
    assert ("Actions", "Date de fin", "Colonne absente") in messages
    assert any("Colonne inconnue « Fin prévue »" in w.message for w in plan.warnings)


def test_extra_sheet_and_extra_column_are_warnings(sample, book):
    store, cid = sample

    def change(wb):
        wb.create_sheet("Notes du partenaire")["A1"] = "à voir"
        ws = wb["Financements"]
        ws.cell(1, ws.max_column + 1, "Remarques")

    plan = plan_import(store, edit(book, change))
    assert plan.errors == [] and plan.changes == []
    assert {(w.sheet, w.message) for w in plan.warnings} >= {("Notes du partenaire", "Feuille inconnue, ignorée.")}
    assert any(w.sheet == "Financements" and "Remarques" in w.message for w in plan.warnings)


def test_empty_sheet_without_header(sample, book, digest):
    store, cid = sample

    def change(wb):
        ws = wb["Indicateurs"]
        ws.delete_rows(1, ws.max_row)

    [p] = refused(store, edit(book, change), digest)
    assert (p.sheet, p.row) == ("Indicateurs", 1)
    assert "La feuille est vide" in p.message


def test_missing_sheet_is_a_warning(sample, book):
    store, cid = sample
    plan = plan_import(store, edit(book, lambda wb: wb.remove(wb["Indicateurs"])))
    assert plan.errors == [] and plan.changes == []
    assert [w.sheet for w in plan.warnings] == ["Indicateurs"]


def test_merged_cells_in_a_data_sheet(sample, book, digest):
    store, cid = sample
    path = edit(book, lambda wb: wb["Financements"].merge_cells("B3:C3"))
    problems = refused(store, path, digest)
    assert any(where(p) == ("Financements", 3, "B") and "Cellules fusionnées (B3:C3)" in p.message for p in problems)


def test_copied_row_with_its_identifier(sample, book, digest):
    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        ws.append([c.value for c in ws[2]])
        ws.cell(ws.max_row, 1, "2023-9")

    problems = refused(store, edit(book, change), digest)
    assert any(p.sheet == "Actions" and p.row == 5 and "en double" in p.message for p in problems)


@pytest.mark.parametrize("ident, reason", [("A999", "inconnu"), ("n'importe quoi", "invalide"), ("F1", "inconnu")])
def test_tampered_row_identifier(sample, book, digest, ident, reason):
    store, cid = sample

    def change(wb):
        ws = wb["Actions"]
        ws.cell(2, ws.max_column, ident)

    problems = refused(store, edit(book, change), digest)
    assert any(p.sheet == "Actions" and p.row == 2 and reason in p.message for p in problems)


# -- formulas -------------------------------------------------------------------------------------------
def rewrite(path: Path, member: str, change, name: str = "retouche.xlsx") -> Path:
    """Rewrite one member of the workbook's zip, as another spreadsheet program would have written it."""
    out = path.with_name(name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                data = change(data)
            dst.writestr(info, data)
    return out


def sheet_member(path: Path, name: str) -> str:
    from crte_desktop.excel.safety import sheet_paths

    return sheet_paths(path)[name][0]


def test_formulas_give_their_cached_values(sample, book):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2022-1", "Coût total (€)", "=1000+234.5"))
    member = sheet_member(path, "Actions")
    with_cache = rewrite(path, member, lambda xml: re.sub(rb"<f>1000\+234.5</f><v\s*/>|<f>1000\+234.5</f><v></v>|"
                                                          rb"<f>1000\+234.5</f>", b"<f>1000+234.5</f><v>1234.5</v>",
                                                          xml))
    plan = plan_import(store, with_cache)
    assert plan.problems == []
    [c] = plan.changes
    assert (c.column, c.new) == ("Coût total (€)", "1\u00a0234,50\u00a0€")


def test_formula_without_computed_value(sample, book, digest):
    store, cid = sample
    path = edit(book, lambda wb: set_cell(wb["Actions"], "2022-1", "Coût total (€)", "=SUM(J2:J3)"))
    problems = refused(store, path, digest)
    assert any(where(p) == ("Actions", action_row(book, "2022-1"), "J") and "Formule sans valeur calculée"
               in p.message for p in problems)


# -- whole files ----------------------------------------------------------------------------------------
def test_workbook_of_another_workspace(sample, book, tmp_path, digest):
    from crte_desktop.db.store import Store

    other = Store.create(tmp_path / "autre.crte")
    build_contract(other, "CRTE du Test")
    try:
        [p] = refused(other, book, digest)
    finally:
        other.close()
    assert "exporté d'un autre espace de travail" in p.message


def test_workbook_of_a_deleted_contract(sample, book, digest):
    store, cid = sample
    from crte_desktop.db.repos.contract import ContractRepository

    InTransaction(ContractRepository(store)).delete_contract(cid)
    [p] = refused(store, book, digest)
    assert "n'existe plus" in p.message


@pytest.mark.parametrize("make, reason", [
    (lambda b, p: p.write_bytes(b[: len(b) // 2]), "incomplet ou endommagé"),
    (lambda b, p: p.write_bytes(b""), "est vide"),
    (lambda b, p: p.write_text("Référence;Intitulé\n2021-1;Piscine\n", encoding="utf-8"), "n'est pas un classeur Excel"),
    (lambda b, p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)), "Les classeurs .xls (Excel 97-2003) ne sont "
                                                                                    "pas pris en charge : enregistrez-le au format .xlsx."),
    (lambda b, p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le")),
     "protégé par un mot de passe"),
    (lambda b, p: _zip(p, {"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), "autre sorte d'archive"),
    (lambda b, p: _zip(p, {f"x{i}.txt": b"" for i in range(2100)}), "2100 fichiers internes"),
])
def test_unreadable_files(sample, book, tmp_path, digest, make, reason):
    store, cid = sample
    path = tmp_path / "mauvais.xlsx"
    make(book.read_bytes(), path)
    [p] = refused(store, path, digest)
    assert reason in p.message


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_zip_bomb_is_refused_before_anything_is_inflated(sample, book, tmp_path, digest):
    store, cid = sample
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/worksheets/sheet9.xml", b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>")
    assert path.stat().st_size < 1024 * 1024
    [p] = refused(store, path, digest)
    assert "anormalement compressé" in p.message and "sheet9.xml" in p.message


def test_xml_entities_are_refused(sample, book, digest):
    store, cid = sample
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    path = rewrite(book, "docProps/app.xml",
                   lambda xml: laughs + re.sub(rb"^<\?xml[^>]*\?>", b"", xml))
    [p] = refused(store, path, digest)
    assert "déclaration XML interdite" in p.message and "docProps/app.xml" in p.message


def test_missing_file_and_folder(sample, tmp_path, digest):
    store, cid = sample
    assert "n'existe pas" in refused(store, tmp_path / "absent.xlsx", digest)[0].message
    assert "est un dossier" in refused(store, tmp_path, digest)[0].message


def test_workbook_not_exported_by_the_application(sample, tmp_path, digest):
    import openpyxl

    store, cid = sample
    wb = openpyxl.Workbook()
    wb.active.title = "Actions"
    wb.active.append(["Référence", "Intitulé"])
    path = tmp_path / "fait-main.xlsx"
    wb.save(path)
    [p] = refused(store, path, digest)
    assert "n'a pas été exporté par CRTE Desktop" in p.message


def test_hidden_sheet_tampered_or_from_a_newer_version(sample, book, digest):
    store, cid = sample

    def newer(wb):
        ws = wb["Identifiants"]
        ws.protection.sheet = False
        ws["B2"] = 99

    [p] = refused(store, edit(book, newer, "recent.xlsx"), digest)
    assert "version plus récente" in p.message

    def broken(wb):
        ws = wb["Identifiants"]
        ws.protection.sheet = False
        ws["E10"] = "{pas du json"

    [p] = refused(store, edit(book, broken, "abime.xlsx"), digest)
    assert p.sheet == "Identifiants" and "endommagée" in p.message


def test_every_problem_is_listed_at_once(sample, book):
    store, cid = sample

    def change(wb):
        set_cell(wb["Actions"], "2021-1", "Coût total (€)", "cher")
        set_cell(wb["Actions"], "2021-2", "Date de fin", "demain")
        fin = wb["Financements"]
        fin.cell(2, column_of(fin, "Financeur"), "Inconnu")

    plan = plan_import(store, edit(book, change))
    assert len(plan.errors) == 3
    assert {p.sheet for p in plan.errors} == {"Actions", "Financements"}


def test_import_needs_defusedxml(sample, book, digest, monkeypatch):
    store, cid = sample
    monkeypatch.setattr("openpyxl.DEFUSEDXML", False)
    [p] = refused(store, book, digest)
    assert "defusedxml" in p.message
