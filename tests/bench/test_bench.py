"""The benchmark runs end to end at a small scale (it is not a performance test)."""

import re

import pytest

from crte_desktop.bench.first_import_bench import run_first_import_bench
from crte_desktop.bench.generator import generate
from crte_desktop.check.report import check_workspace
from crte_desktop.db.queries import summary as q
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store


def test_bench_small_scale_prints_every_figure(cli):
    code, out, err = cli("bench", "--scale", "200", "--no-gui")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Banc d'essai CRTE Desktop"
    assert ("Espace de travail : 200 actions dans 2 contrats (36 sections), 141 organismes, 1 000 lignes de"
            " financement, 160 indicateurs, 800 mesures") in lines
    assert any(line.startswith("Génération : ") for line in lines)
    for label, budget in (("Synthèse (summary)", "< 300 ms"), ("Mémoire maximale (sans la fenêtre)", "< 400 Mo")):
        [line] = [line for line in lines if line.startswith(label)]
        assert budget in line and line.rstrip().endswith(("OK", "DÉPASSÉ"))
    assert any(line.startswith("Contrôle (check), pour information") and line.endswith("0 erreur") for line in lines)
    assert "Fenêtre principale non mesurée (--no-gui)." in lines
    # the first import of a plan d'action as long as the scale: read, guessed, previewed, imported
    [title] = [i for i, line in enumerate(lines) if line.startswith("Premier import d'un plan d'action de 200 lignes")]
    assert "(budget < 5 s)" in lines[title + 1] and "200 actions importées, 0 refusées" in lines[title + 2]
    assert lines[title + 3] == "  Tableau de l'aperçu non mesuré (--no-gui)."
    assert "CRTE depuis 2023" in lines
    assert any(line.startswith("  Tableau croisé, 1 000 lignes de financement") for line in lines)
    assert any(line.startswith("  Parts vertes, contrat le plus lourd") for line in lines)
    assert any(line.startswith("  Campagne de revue de projets, 10 classeurs") for line in lines)


def test_the_first_import_bench_fills_the_preview_table(tmp_path):
    """With a window (offscreen), the first-import bench also fills the dialog's preview table."""
    path = tmp_path / "g.crte"
    generate(path, 20)
    lines = run_first_import_bench(path, rows=1200)
    assert lines[1] == ("Premier import d'un plan d'action de 1\u00a0200 lignes (lecture, colonnes devinées, aperçu, "
                        "import)")
    assert "1200 actions importées, 0 refusées" in lines[3]
    assert re.fullmatch("  Tableau de l'aperçu \\(1\u00a0201 lignes\\) rempli en \\d+ ms, pour information", lines[4]), lines


def test_keep_writes_the_workspace_and_refuses_an_existing_file(cli, tmp_path, digest):
    kept = tmp_path / "banc.crte"
    code, out, err = cli("bench", "--scale", "20", "--no-gui", "--keep", kept)
    assert code == 0, err
    assert f"Espace de travail conservé : {kept}" in out
    with Store.open_read_only(kept) as store:
        assert sum(q.action_count(store, c.id) for c in ContractRepository(store).contracts()) == 20
    before = digest(kept)
    code, _out, err = cli("bench", "--scale", "20", "--no-gui", "--keep", kept)
    assert code == 1 and "existe déjà" in err
    assert digest(kept) == before


def test_scale_below_one_is_refused(cli):
    code, _out, err = cli("bench", "--scale", "0", "--no-gui")
    assert code == 1 and "--scale" in err


def test_generated_workspace_breaks_no_rule_and_holds_what_was_asked(tmp_path):
    path = tmp_path / "g.crte"
    sizes = generate(path, 300)
    assert (sizes.actions, sizes.financing, sizes.indicators, sizes.measurements) == (300, 1500, 240, 1200)
    report = check_workspace(path)
    assert report.errors == [] and report.action_count == 300
    with Store.open_read_only(path) as store:
        contracts = ContractRepository(store).contracts()
        assert [q.action_count(store, c.id) for c in contracts] == [150, 150]
        # every financing figure is also reachable by EPCI territory: no action outside one
        territories = q.financing_by(store, contracts[1].id, "territory")
        assert None not in [t.key for t in territories]
    with pytest.raises(Exception, match="existe déjà"):
        generate(path, 10)
