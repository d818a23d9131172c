"""The preview: what each row would create or update, and every problem at its sheet, row and column,
before anything is written."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.domain.enums import ActionStatus, FinancingStatus, OrgKind, Stage
from crte_desktop.excel.first_import import (NEW, SKIPPED, UPDATE, Catalogue, ImportOptions, Target, guess_mapping,
                                             load_table, open_source, preview)
from tests.excel.first_import.secretary import simple_workbook

D = Decimal


def run_preview(store, v, path, sheet=None, options=None, mapping=None):
    source = open_source(path)
    table = load_table(source, sheet or source.visible_sheets[-1])
    catalogue = Catalogue.load(store, v.contract_id)
    mapping = guess_mapping(table.headers, catalogue) if mapping is None else mapping
    return preview(store, v.contract_id, table, mapping, options or ImportOptions(update_existing=True), file_name=path.name)


def row_of(result, number):
    return result.row(number)


def test_the_tracking_file_preview(ws, tracking_file, digest):
    store, v = ws
    before = digest(store.path)
    result = run_preview(store, v, tracking_file)
    assert [(r.number, r.kind) for r in result.rows] == [(5, UPDATE), (6, NEW), (7, NEW), (9, NEW), (10, SKIPPED)]
    assert result.summary().startswith("3 nouvelles actions, 1 mise à jour, 1 ligne en erreur, 1 ligne ignorée.")

    piscine = row_of(result, 5)  # the existing 2021-1: its mapped fields change, the others stay
    assert piscine.action_id == v.existing
    a = piscine.bundle.action
    assert (a.section_id, a.owner_id, a.total_cost, a.progress, a.status, a.end_date, a.notes) == (
        v.sections["1.1"], v.organisations["Valenciennes"], D("1000000.00"), 45, ActionStatus.EN_COURS,
        date(2025, 12, 31), "Tranche 1 livrée")
    assert result.financing_text(piscine) == ("DSIL (État) 2021 : 300\u00a0000,00\u00a0€ sollicité ; "
                                              "Région 2021 : 150\u00a0000,00\u00a0€ prévisionnel")

    pistes = row_of(result, 6).bundle  # "Axe 1 - …", "Commune de Denain", "45 %", a real date
    assert (pistes.action.reference, pistes.action.section_id, pistes.action.owner_id, pistes.action.progress,
            pistes.action.end_date, pistes.action.total_cost) == (
        "2022-3", v.sections["1"], v.organisations["Denain"], 45, date(2026, 6, 30), D("250000.00"))
    dsil, detr = pistes.financing
    assert (dsil.requested, dsil.status, dsil.year, detr.granted, detr.status) == (
        D("50000.00"), FinancingStatus.SOLLICITE, 2022, D("40000.00"), FinancingStatus.ACCORDE)

    ecole = row_of(result, 7).bundle.action  # a formula's value; "en étude" is a status in other words
    assert (ecole.total_cost, ecole.status, ecole.owner_id) == (D("150000.00"), ActionStatus.EN_PREPARATION,
                                                               v.organisations["CAVM"])
    assert row_of(result, 10).note == "Ligne de total ignorée."

    prouvy = row_of(result, 9)  # no reference: one is given; its owner is not in the directory
    assert (prouvy.reference, prouvy.note) == ("2023-1", "Référence attribuée : 2023-1.")
    [error] = prouvy.errors
    assert (error.sheet, error.row, error.column, error.header) == ("Programme", 9, "D", "Maître d'ouvrage")
    assert error.message == ("« Commune de Prouvy » n'est pas dans l'annuaire : ajoutez-le, ou cochez « Créer les "
                             "organisations inconnues ».")
    assert [r.number for r in result.importable_rows] == [5, 6, 7]
    assert digest(store.path) == before  # a preview writes nothing


def test_unknown_owners_can_be_created(ws, tracking_file):
    store, v = ws
    result = run_preview(store, v, tracking_file, options=ImportOptions(create_organisations=True, update_existing=True))
    prouvy = row_of(result, 9)
    assert prouvy.importable and prouvy.new_owner
    [org] = result.new_organisations.values()
    assert (org.name, org.kind) == ("Commune de Prouvy", OrgKind.COMMUNE)
    assert "Nouvelle organisation : Commune de Prouvy." in prouvy.note


def test_a_title_row_naming_a_section_files_the_rows_under_it(ws, tmp_path):
    store, v = ws
    path = tmp_path / "axes.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["N°", "Intitulé", "Coût"])
    sheet.append(["AXE 2 — COHÉSION TERRITORIALE"])
    sheet.merge_cells("A2:C2")
    sheet.append(["B-1", "France services", 1000])
    wb.save(path)
    result = run_preview(store, v, path)
    assert row_of(result, 2).kind == SKIPPED
    assert row_of(result, 3).bundle.action.section_id == v.sections["2"]


def problems_of(result, number):
    return [(p.row, p.column, p.message) for p in row_of(result, number).errors]


def test_duplicate_references_within_the_file(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "doublons.xlsx", ["Réf", "Intitulé"],
                           [["2024-1", "Halle"], ["2024-2", "Ensemble sportif"], ["2024-1", "Halle (bis)"]])
    result = run_preview(store, v, path)
    assert problems_of(result, 2) == [(2, "A", "La référence « 2024-1 » figure aussi ligne 4 : chaque action doit "
                                              "avoir sa propre référence.")]
    assert problems_of(result, 4)[0][:2] == (4, "A")
    assert [r.number for r in result.importable_rows] == [3]


@pytest.mark.parametrize("cost, reason", [
    ("-5 000 €", "Le montant ne peut pas être négatif"),
    (-5000, "Le montant ne peut pas être négatif"),
    ("à définir", "« à définir » n'est pas un montant valide"),
    ("12,345", "plus de deux décimales"),
    ("#DIV/0!", "erreur de calcul (#DIV/0!)"),
])
def test_bad_amounts_are_reported_at_their_cell(ws, tmp_path, cost, reason):
    store, v = ws
    path = simple_workbook(tmp_path / "montants.xlsx", ["Réf", "Intitulé", "Coût total"], [["X-1", "Halle", cost]])
    [(row, column, message)] = problems_of(run_preview(store, v, path), 2)
    assert (row, column) == (2, "C") and reason in message


def test_rules_of_the_action_form_apply_at_their_column(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "regles.xlsx",
                           ["Réf", "Intitulé", "Date de début", "Date de fin", "Coût", "DSIL", "Avancement"],
                           [["X-1", "Halle", "01/06/2024", "31/12/2023", "100 000", None, None],
                            ["X-2", "Parc", None, None, "100 000", "150 000", None],
                            ["X-3", "Gare", None, None, None, None, "120 %"],
                            ["X-4", None, None, None, "5", None, None]])
    result = run_preview(store, v, path)
    assert problems_of(result, 2) == [(2, "D", "La date de fin ne peut pas précéder la date de début.")]
    assert problems_of(result, 3) == [(3, "E", "Le total prévisionnel des financements (150\u00a0000,00\u00a0€) "
                                               "dépasse le coût total (100\u00a0000,00\u00a0€).")]
    assert problems_of(result, 4) == [(4, "G", "Le taux de réalisation doit être compris entre 0 et 100 % (« 120 % »).")]
    assert problems_of(result, 5) == [(5, "B", "L'intitulé est obligatoire.")]


def test_unknown_section_and_status_name_the_known_ones(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "choix.xlsx", ["Réf", "Intitulé", "Volet", "Statut"],
                           [["X-1", "Halle", "Axe 9", "presque fini"]])
    errors = sorted(problems_of(run_preview(store, v, path), 2), key=lambda e: e[1])
    assert errors[0][:2] == (2, "C") and errors[0][2].startswith("Section « Axe 9 » inconnue dans ce contrat "
                                                                  "(sections : 1 Transition écologique, 1.1 Mobilité")
    assert errors[1][:2] == (2, "D") and errors[1][2].startswith("Statut « presque fini » inconnu (statuts : « À venir »")


def test_a_formula_without_computed_value_is_an_error(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "formule.xlsx", ["Réf", "Intitulé", "Coût"], [["X-1", "Halle", "=1+1"]])
    [(row, column, message)] = problems_of(run_preview(store, v, path), 2)
    assert (row, column) == (2, "C") and message.startswith("Formule sans valeur calculée")


def test_an_unknown_funder_column_left_unmapped_is_ignored(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "financeur.xlsx", ["Réf", "Intitulé", "Coût", "Fondation Léa Martin", "DSIL"],
                           [["X-1", "Halle", 1000, 300, 200]])
    result = run_preview(store, v, path)
    assert 3 not in result.mapping
    row = row_of(result, 2)
    assert row.importable and [line.planned for line in row.bundle.financing] == [D("200.00")]


def test_mapping_problems_refuse_the_whole_import(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "carte.xlsx", ["Réf", "Intitulé", "Coût", "Coût bis"], [["X-1", "Halle", 1, 2]])
    result = run_preview(store, v, path, mapping={2: Target("total_cost")})
    assert [p.message for p in result.errors] == [
        "Aucune colonne n'est associée à « Intitulé » ni à « Référence » : indiquez au moins la colonne des "
        "intitulés des actions."]
    assert result.importable_rows == []
    result = run_preview(store, v, path, mapping={1: Target("title"), 2: Target("total_cost"), 3: Target("total_cost")})
    assert [(p.column, p.message) for p in result.errors] == [
        ("D", "Les colonnes C et D sont toutes deux associées à « Coût total » : gardez-en une.")]


def test_an_empty_cell_leaves_an_existing_value_and_stages_add_up_on_one_line(ws, tmp_path):
    store, v = ws
    path = simple_workbook(tmp_path / "maj.xlsx", ["Réf", "Intitulé", "Coût", "DSIL sollicité", "DSIL accordé"],
                           [["2021-1", None, None, "300 000", "250 000"]])
    result = run_preview(store, v, path, mapping=None)
    row = row_of(result, 2)
    assert row.kind == UPDATE and row.importable
    assert (row.bundle.action.title, row.bundle.action.total_cost) == ("Piscine intercommunale", D("900000.00"))
    [line] = row.bundle.financing
    assert (line.requested, line.granted, line.status) == (D("300000.00"), D("250000.00"), FinancingStatus.ACCORDE)
    assert ActionRepository(store).get(v.existing).title == "Piscine intercommunale"
    assert result.mapping[3].stage is Stage.REQUESTED
