"""Revue de projets campaigns from the command line, on the demo: one workbook per maître d'ouvrage, taken
back with import-xlsx (changes and proposed projects through the preview), tracked; workbooks of another
campaign or contract refused in French with the workspace unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from crte_desktop.db.repos.campaign import CampaignRepository
from crte_desktop.db.store import Store
from tests.cli.conftest import cli, demo_copy, demo_master  # noqa: F401


@pytest.fixture
def campaign(cli, demo_copy, tmp_path):
    """The Valenciennois campaign written into tmp/classeurs: (workspace, folder, command output)."""
    out = tmp_path / "classeurs"
    code, text, err = cli("campaign", demo_copy, "--contract", 1, "--out", out, "--name", "Revue de projets 2026",
                          "--start", "01/07/2026", "--end", "30/09/2026")
    assert code == 0, err
    return demo_copy, out, text


def owners_of(workspace, contract_id=1, name="Revue de projets 2026"):
    with Store.open_read_only(workspace) as store:
        repo = CampaignRepository(store)
        [c] = [c for c in repo.for_contract(contract_id) if c.name == name]
        return c, repo.owners(c.id), {a: o for a, o in store.conn.execute(
            "SELECT a.reference, o.name FROM action a JOIN organisation o ON o.id = a.owner_id WHERE a.contract_id = ?",
            (contract_id,))}


def test_one_workbook_per_owner_named_after_it_with_its_own_actions(campaign):
    workspace, out, text = campaign
    c, owners, owner_of = owners_of(workspace)
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(o.file_name for o in owners) and len(files) == len(owners) > 3
    assert text.startswith(f"Campagne « Revue de projets 2026 » (n° {c.id}) créée : {len(owners)} classeurs écrits")
    for o in owners:
        assert o.file_name == f"{o.owner_name}.xlsx".replace("/", "-")
        wb = openpyxl.load_workbook(out / o.file_name)
        assert wb.sheetnames[:5] == ["Campagne", "Actions", "Financements", "Indicateurs", "Nouveaux projets"]
        assert wb["Identifiants"].sheet_state == "hidden"
        meta = {r[0]: r[1] for r in wb["Identifiants"].iter_rows(values_only=True) if r and r[0]}
        assert meta["campaign_uuid"] == c.uuid and meta["owner_id"] == str(o.owner_id)
        refs = [r[0] for r in wb["Actions"].iter_rows(min_row=2, values_only=True) if r[0]]
        assert refs and all(owner_of[ref] == o.owner_name for ref in refs)
        assert len(refs) == o.actions or o.actions > len(refs)  # abandoned actions' owners still counted
    assert all(o.sent_on is None and o.integrated_on is None for o in owners)


def _propose(path: Path, rows: list[list], status_change: tuple[str, str] | None = None,
             phase_change: str | None = None) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Nouveaux projets"]
    for row in rows:
        ws.append(row)
    if status_change:
        actions = wb["Actions"]
        header = [c.value for c in actions[1]]
        for r in actions.iter_rows(min_row=2):
            if r[0].value == status_change[0]:
                r[header.index("Statut")].value = status_change[1]
                if phase_change:
                    r[header.index("Phase")].value = phase_change
    wb.save(path)


def test_a_returned_workbook_is_taken_back_with_its_proposals(cli, campaign):
    workspace, out, _ = campaign
    c, owners, owner_of = owners_of(workspace)
    owner = next(o for o in owners if o.actions >= 1)
    book = out / owner.file_name
    first_ref = next(r[0] for r in openpyxl.load_workbook(book)["Actions"].iter_rows(min_row=2, values_only=True))
    _propose(book, [["Ombrières photovoltaïques du parking de la gare", "Centrale de 500 kWc", "Étude", 850000,
                     None, None, "Valenciennes", "Fonds vert, Région"],
                    ["Réseau de chaleur urbain", None, "Idée", None, None, None, None, None]],
             status_change=(first_ref, "En cours"), phase_change="Opération")
    code, text, err = cli("import-xlsx", workspace, book, "--dry-run", "--campaign", c.id)
    assert code == 0, err
    assert "Nouveaux projets, ligne 2 (Ombrières photovoltaïques du parking de la gare) : nouvelle ligne" in text
    assert "« Phase » : " in text and "→ Opération" in text
    code, text, err = cli("import-xlsx", workspace, book, "--campaign", c.id)
    assert code == 0, err
    assert "Projets proposés rattachés au point « Demandes d'inscription » du COPIL du 05/01/2027" in text \
        or "Projets proposés rattachés au point « Demandes d'inscription » du COPIL du" in text
    with Store.open_read_only(workspace) as store:
        rows = store.conn.execute(
            "SELECT reference, status, owner_id, phase, total_cost_cents FROM action WHERE reference LIKE 'PROP-%'"
            " ORDER BY reference").fetchall()
        assert [(r[1], r[2]) for r in rows] == [("en_preparation", owner.owner_id)] * 2
        assert rows[0][3:] == ("etude", 85000000) and rows[1][3] == "idee"
        linked = store.conn.execute(
            "SELECT COUNT(*) FROM agenda_item i JOIN agenda_item_action l ON l.agenda_item_id = i.id"
            " JOIN action a ON a.id = l.action_id WHERE i.title = 'Demandes d''inscription'"
            " AND a.reference LIKE 'PROP-%'").fetchone()[0]
        assert linked == 2
        assert store.conn.execute("SELECT status, phase FROM action WHERE reference = ? AND contract_id = 1",
                                  (first_ref,)).fetchone() == ("en_cours", "operation")
        tracked = CampaignRepository(store).owner(c.id, owner.owner_id)
        assert tracked.received_on is not None and tracked.integrated_on is not None


@pytest.mark.parametrize("case", ["other campaign", "deleted campaign", "other contract", "bad phase"])
def test_workbooks_of_another_campaign_or_contract_are_refused_and_nothing_written(cli, campaign, digest, case,
                                                                                   tmp_path):
    workspace, out, _ = campaign
    c, owners, _ = owners_of(workspace)
    book = out / owners[0].file_name
    expected = c.id
    if case == "other campaign":
        code, _t, err = cli("campaign", workspace, "--contract", 1, "--out", tmp_path / "autre", "--name", "Autre")
        assert code == 0, err
        with Store.open_read_only(workspace) as store:
            expected = max(x.id for x in CampaignRepository(store).for_contract(1))
        message = "appartient à la campagne « Revue de projets 2026 », pas à la campagne « Autre »"
    elif case == "deleted campaign":
        with Store.open(workspace) as store:
            CampaignRepository(store).delete(c.id)
        expected = None
        message = "qui n'existe pas dans cet espace de travail"
    elif case == "other contract":
        with Store.open_read_only(workspace) as store:
            other_uuid = store.conn.execute("SELECT uuid FROM contract WHERE id = 2").fetchone()[0]
        wb = openpyxl.load_workbook(book)
        for row in wb["Identifiants"].iter_rows():
            if row[0].value == "contract_uuid":
                row[1].value = other_uuid
        wb.save(book)
        expected = None
        message = "d'un autre contrat"
    else:
        _propose(book, [["Projet sans phase connue", None, "Chantier", None, None, None, None, None]])
        message = "Phase « Chantier » inconnue"
    before = digest(workspace)
    args = ["import-xlsx", workspace, book] + (["--campaign", expected] if expected else [])
    code, text, err = cli(*args)
    assert code == 1
    assert message in text + err
    assert digest(workspace) == before


def test_bad_campaign_requests(cli, demo_copy, digest, tmp_path):
    before = digest(demo_copy)
    code, _o, err = cli("campaign", demo_copy, "--contract", 99, "--out", tmp_path / "x")
    assert code == 1 and "Aucun contrat n'a l'identifiant 99" in err
    code, _o, err = cli("campaign", demo_copy, "--contract", 1, "--out", tmp_path / "x", "--start", "31/09/2026")
    assert code == 1 and "n'est pas une date" in err
    code, _o, err = cli("campaign", demo_copy, "--contract", 1, "--out", tmp_path / "x", "--start", "01/10/2026",
                        "--end", "30/09/2026")
    assert code == 1 and "Fin de la campagne : elle précède le début." in err
    code, _o, err = cli("campaign", demo_copy, "--contract", 1)
    assert code == 2
    assert digest(demo_copy) == before and not (tmp_path / "x").exists()
    # a folder already holding one of the workbooks: refused, nothing written
    (tmp_path / "y").mkdir()
    code, _o, err = cli("campaign", demo_copy, "--contract", 1, "--out", tmp_path / "y")
    assert code == 0
    after_first = digest(demo_copy)
    code, _o, err = cli("campaign", demo_copy, "--contract", 1, "--out", tmp_path / "y")
    assert code == 1 and "contient déjà" in err and "rien n'a été écrit" in err
    assert digest(demo_copy) == after_first
    shutil.rmtree(tmp_path / "y")
