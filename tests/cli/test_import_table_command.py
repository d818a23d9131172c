"""``crte-desktop new`` and ``crte-desktop import-table``: the dialog's code path from the command line —
the mapping printed, the counts, the exit codes; --dry-run and refusals leave the workspace unchanged."""

import openpyxl

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from tests.excel.first_import.real_files import dgcl_list, tet_template


def titles(path, contract_id):
    with Store.open(path) as store:
        return sorted(a.title for a in ActionRepository(store).for_contract(contract_id))


def test_new_then_import_a_template_into_a_new_contract(cli, tmp_path, digest):
    ws = tmp_path / "denaisis.crte"
    code, out, _err = cli("new", ws)
    assert code == 0 and ws.is_file() and "Espace de travail créé" in out
    assert cli("new", ws)[0] == 1  # not overwritten
    plan = tet_template(tmp_path / "plan.ods")

    before = digest(ws)
    code, out, _err = cli("import-table", ws, plan, "--new-contract", "CRTE du Denaisis", "--create-missing",
                          "--dry-run")
    assert code == 0 and digest(ws) == before
    assert "Feuille « Lisez-moi » ignorée : Aucune ligne d'en-tête" in out
    assert "X « Budget prévisionnel total € HT » → Coût total" in out
    assert "S « Montant € HT » → Financeur 1 (montant) (prévisionnel)" in out
    assert "F « Descriptif » → Description" in out and "K « Moyens humains et techniques » → — ignorée —" in out
    assert "Simulation (--dry-run) : 4 actions seraient importées. Rien n'a été écrit." in out

    code, out, _err = cli("import-table", ws, plan, "--new-contract", "CRTE du Denaisis", "--create-missing")
    assert code == 0 and "Importées : 4" in out and "4 sections créées" in out
    with Store.open(ws) as store:
        [contract] = ContractRepository(store).contracts()
    assert titles(ws, contract.id)[:2] == ["Action 1 — Créer un réseau de chaleur", "Action 1 — Isoler les écoles"]

    # the same file again: everything is already there, nothing can be imported
    before = digest(ws)
    code, out, _err = cli("import-table", ws, plan, "--contract", contract.id, "--create-missing")
    assert code == 1 and "Déjà présentes : 4" in out and "Rien à importer." in out
    assert digest(ws) == before
    # the partners' workbook exports the result
    code, _out, _err = cli("export-xlsx", ws, tmp_path / "export.xlsx", "--contract", contract.id)
    assert code == 0
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx", read_only=True)
    assert any("Isoler les écoles" in str(v) for ws_ in sheet.worksheets for row in ws_.iter_rows(values_only=True)
               for v in row if v)


def test_refused_rows_are_listed_with_their_reason(cli, tmp_path, digest):
    ws = tmp_path / "w.crte"
    cli("new", ws)
    grants = dgcl_list(tmp_path / "dotations.xlsx")
    code, out, _err = cli("import-table", ws, grants, "--new-contract", "CRTE")
    assert code == 1  # the beneficiaries are not in the directory and may not be created
    assert "Refusées : 5" in out
    assert "ligne 2 : colonne D « beneficiaire_nom » : « Commune de Prouvy » n'est pas dans l'annuaire" in out
    code, out, _err = cli("import-table", ws, grants, "--contract", 1, "--create-missing")
    assert code == 0 and "Importées : 4" in out
    assert "ligne 7 : colonne F « dispositif » : Dispositif « FSIL » inconnu" in out
    assert "Déjà présentes : 0" in out


def test_usage_errors_exit_2(cli, tmp_path, digest):
    ws = tmp_path / "w.crte"
    cli("new", ws)
    plan = tet_template(tmp_path / "plan.xlsx")
    before = digest(ws)
    assert cli("import-table", ws, plan, "--contract", 1, "--new-contract", "X")[0] == 2
    code, _out, err = cli("import-table", ws, plan)
    assert code == 2 and "aucun contrat" in err
    code, _out, err = cli("import-table", ws, plan, "--contract", 7)
    assert code == 2 and "aucun contrat n° 7" in err
    code, _out, err = cli("import-table", tmp_path / "absent.crte", plan)
    assert code == 2 and "n'existe pas" in err
    code, _out, err = cli("import-table", ws, plan, "--new-contract", "X", "--sheet", "Budget")
    assert code == 2 and "la feuille « Budget » n'existe pas" in err
    assert cli("new", tmp_path / "w.xlsx")[0] == 2
    assert digest(ws) == before
    code, _out, err = cli("import-table", ws, tmp_path / "absent.xlsx", "--new-contract", "X")
    assert code == 1 and "n'existe pas" in err
