"""The Financements sheet since 2023: Fonds vert mesure and Démarches simplifiées dossier go out and come back;
the lapse date (« caducité ») is shown, computed, read-only; a wrong mesure or dossier number is refused."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from crte_desktop.excel.problems import ImportRefused
from tests.excel.conftest import column_of, edit, export, rows

DSIL_LINE = ("2021-1", "DSIL")


def _line_row(ws) -> int:
    ref, scheme = column_of(ws, "Référence action"), column_of(ws, "Dispositif")
    return next(r for r in range(2, ws.max_row + 1)
                if (ws.cell(r, ref).value, ws.cell(r, scheme).value) == DSIL_LINE)


def test_new_columns_are_exported_with_the_computed_lapse_date(sample, tmp_path):
    store, _cid = sample
    [line] = [r for r in rows(export(store, tmp_path), "Financements") if r["Dispositif"] == "DSIL"]
    # decided 15/06/2021, 24 months for the DSIL
    assert line["Caducité"].date() == date(2023, 6, 15)
    assert line["Mesure du Fonds vert"] is None and line["N° Démarches simplifiées"] is None


def test_mesure_and_dossier_number_come_back(sample, tmp_path):
    store, _cid = sample

    def change(wb):
        ws = wb["Financements"]
        r = _line_row(ws)
        ws.cell(r, column_of(ws, "Mesure du Fonds vert")).value = "renaturation des villes et des villages"
        ws.cell(r, column_of(ws, "N° Démarches simplifiées")).value = 12345678  # a number in the cell

    apply_import(store, plan_import(store, edit(export(store, tmp_path), change)))
    line = next(l for a in (1, 2, 3) for l in FinancingRepository(store).for_action(a) if l.granted)
    renaturation = next(m.id for m in NationalReferenceRepository(store).mesures()
                        if m.name == "Renaturation des villes et des villages")
    assert (line.mesure_id, line.ds_number) == (renaturation, "12345678")
    [again] = [r for r in rows(export(store, tmp_path, "again.xlsx"), "Financements") if r["Dispositif"] == "DSIL"]
    assert again["Mesure du Fonds vert"] == "Renaturation des villes et des villages"


@pytest.mark.parametrize("header, value, words", [
    ("Mesure du Fonds vert", "Mesure imaginaire", "Mesure du Fonds vert inconnue « Mesure imaginaire »"),
    ("N° Démarches simplifiées", "DS-12", "de dossier Démarches simplifiées : « DS-12 »"),
])
def test_bad_values_are_refused_and_nothing_is_written(sample, tmp_path, digest, header, value, words):
    store, _cid = sample

    def change(wb):
        ws = wb["Financements"]
        ws.cell(_line_row(ws), column_of(ws, header)).value = value

    path = edit(export(store, tmp_path), change)
    before = digest(store.path)
    with pytest.raises(ImportRefused) as exc:
        apply_import(store, plan_import(store, path))
    assert any(words in p.message and p.sheet == "Financements" for p in exc.value.problems), exc.value.problems
    assert digest(store.path) == before
