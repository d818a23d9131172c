"""``crte-desktop check FILE``: integrity and rules, read-only, exit 1 on any error."""

import shutil
import sqlite3

from crte_desktop.db.store import Store


def _sql(path, *statements):
    """Write behind the application's back, as a broken tool or a bad copy would."""
    conn = sqlite3.connect(path)
    with conn:
        for statement, params in statements:
            conn.execute(statement, params)
    conn.close()


def test_healthy_demo_exits_0_and_is_not_modified(cli, demo_copy, digest):
    before = digest(demo_copy)
    code, out, err = cli("check", demo_copy)
    assert code == 0, out + err
    assert "Intégrité du fichier SQLite : correcte" in out
    assert "Clés étrangères : aucune référence rompue" in out
    assert "CRTE du Valenciennois — 35 actions contrôlées" in out
    assert "CRTE du Douaisis — 23 actions contrôlées" in out
    assert "Bilan : 0 erreur," in out
    # the public aid rule is a warning, shown but not failing
    assert "Alerte  CRTE du Douaisis — DOT-DA : Les aides publiques atteignent 100,0 % du coût" in out
    assert digest(demo_copy) == before
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == ["demo.crte"]


def test_paid_above_granted_is_an_error_line_and_exit_1(cli, demo_copy, digest):
    _sql(demo_copy, ("UPDATE financing SET paid_cents = 200000000 WHERE action_id ="
                     " (SELECT id FROM action WHERE reference = 'D-02') AND granted_cents IS NOT NULL", ()))
    before = digest(demo_copy)
    code, out, _err = cli("check", demo_copy)
    assert code == 1
    assert ("  Erreur  CRTE du Douaisis — D-02 : Ligne 1 : le montant versé (2 000 000,00 €) dépasse le montant"
            " accordé (1 573 998,00 €).") in out.splitlines()
    assert "Bilan : 1 erreur," in out
    assert "Des erreurs sont à corriger." in out
    assert digest(demo_copy) == before


def test_broken_reference_is_reported(cli, demo_copy, digest):
    _sql(demo_copy, ("UPDATE action SET owner_id = 99999 WHERE reference = 'D-01'", ()))
    before = digest(demo_copy)
    code, out, _err = cli("check", demo_copy)
    assert code == 1
    assert "Clés étrangères : 1 référence rompue" in out
    assert "renvoie à un enregistrement absent de la table « organisation »" in out
    assert digest(demo_copy) == before


def test_unreadable_value_is_an_error_not_a_crash(cli, demo_copy):
    _sql(demo_copy, ("UPDATE action SET status = 'termine' WHERE reference = 'D-01'", ()))
    code, out, _err = cli("check", demo_copy)
    assert code == 1
    assert "CRTE du Douaisis — actions : fiches illisibles" in out
    assert "CRTE du Valenciennois — 35 actions contrôlées" in out


def test_older_workspace_is_refused_not_migrated(cli, tmp_path, digest):
    from pathlib import Path

    old = shutil.copy2(Path(__file__).parents[1] / "fixtures" / "workspace_v1.crte", tmp_path / "ancien.crte")
    before = digest(old)
    code, _out, err = cli("check", old)
    assert code == 1
    assert "version antérieure" in err and "n'a pas été modifié" in err
    assert digest(old) == before
    assert [p.name for p in tmp_path.iterdir()] == ["ancien.crte"]  # no backup: nothing was migrated


def test_newer_workspace_is_refused(cli, tmp_path, digest):
    path = tmp_path / "futur.crte"
    Store.create(path).close()
    _sql(path, ("PRAGMA user_version = 99", ()))
    before = digest(path)
    code, _out, err = cli("check", path)
    assert code == 1
    assert "version plus récente" in err
    assert digest(path) == before


def test_empty_workspace_is_coherent(cli, tmp_path):
    path = tmp_path / "vide.crte"
    Store.create(path).close()
    code, out, _err = cli("check", path)
    assert code == 0
    assert "Bilan : 0 erreur, 0 alerte (0 contrat, 0 action)." in out
    assert "Aucune erreur : l'espace de travail est cohérent." in out


def test_write_cut_short_does_not_block_reading(cli, demo_copy, tmp_path, digest):
    """A hot journal (the application was killed while saving) does not block check or summary (issue 9):
    they read the last saved state from a private rolled-back copy, and the file and its journal are
    left exactly as they were (the application plays the journal back when it opens the file)."""
    crashed = tmp_path / "coupure"
    crashed.mkdir()
    conn = sqlite3.connect(demo_copy, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE action SET title = 'à moitié écrit'")
    shutil.copy2(demo_copy, crashed / "demo.crte")
    shutil.copy2(f"{demo_copy}-journal", crashed / "demo.crte-journal")
    conn.execute("ROLLBACK")
    conn.close()
    before = digest(crashed / "demo.crte"), digest(crashed / "demo.crte-journal")
    for command in ("check", "summary", "meetings"):
        code, out, err = cli(command, crashed / "demo.crte")
        assert code == 0, err
        assert "à moitié écrit" not in out
    code, out, _err = cli("check", crashed / "demo.crte")
    assert "Intégrité du fichier SQLite : correcte" in out
    assert (digest(crashed / "demo.crte"), digest(crashed / "demo.crte-journal")) == before
