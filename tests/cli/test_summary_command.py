"""``crte-desktop summary FILE``: figures per contract, read-only."""

import os
import subprocess
import sys
from datetime import date

from crte_desktop.db.store import Store
from crte_desktop.summary.report import summary_lines


def _section(out: str, contract: str) -> list[str]:
    """The lines of one contract's part of the summary."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(contract))
    end = next((i for i in range(start + 2, len(lines)) if lines[i].startswith("CRTE ")), len(lines))
    return lines[start:end]


def _row(lines: list[str], heading: str, label: str) -> list[str]:
    """The cells of the row ``label`` in the table under ``heading`` (split on two spaces or more)."""
    start = lines.index(heading)
    for line in lines[start + 1:]:
        if not line.strip():
            break
        if set(line.strip()) <= {"-", " "}:
            continue
        cells = [c.strip() for c in line.strip().split("  ") if c.strip()]
        if cells[0] == label:
            return cells
    raise AssertionError(f"{label!r} absent de « {heading} »")


def test_summary_of_the_demo(cli, demo_copy, digest):
    before = digest(demo_copy)
    code, out, err = cli("summary", demo_copy)
    assert code == 0, err
    assert digest(demo_copy) == before

    val = _section(out, "CRTE du Valenciennois")
    assert val[0] == "CRTE du Valenciennois — Arrondissement de Valenciennes (2021-2026)"
    assert "Actions : 35" in val
    # the nine costs given by the contract: 100 000 + 39,8 M + 42 M + 1,03 M + 9 M + 33,2 M + 10,08 M + 1,5 M + 397 M
    assert "Coût total des actions : 533 710 000,00 € (26 actions sans coût renseigné)" in val
    # the Aunelle cycle loop: 283 000 € of DSIL relance in 2021, granted, not yet paid
    assert _row(val, "Par dispositif (hors autofinancement)", "État — DSIL relance") == [
        "État — DSIL relance", "283 000,00 €", "283 000,00 €", "283 000,00 €", "0,00 €"]
    assert _row(val, "Par catégorie (hors autofinancement)", "France Relance")[0] == "France Relance"
    assert _row(val, "Par année (hors autofinancement)", "2018") == ["2018", "1 300 000,00 €", "1 300 000,00 €", "1 300 000,00 €",
                                              "1 300 000,00 €"]

    dou = _section(out, "CRTE du Douaisis")
    assert "Actions : 23" in dou
    # the grants table of the contract, per territory: TOTAL 2017 à 2021
    assert _row(dou, "Montants versés par année et par territoire EPCI", "Année")[1:3] == ["DA", "CCCO"]
    assert _row(dou, "Montants versés par année et par territoire EPCI", "2017")[1:3] == [
        "2 322 789,12 €", "800 984,77 €"]
    assert _row(dou, "Montants versés par année et par territoire EPCI", "2021")[1:3] == [
        "4 435 022,68 €", "2 705 689,48 €"]
    assert _row(dou, "Montants versés par année et par territoire EPCI", "TOTAL")[1:3] == [
        "16 546 179,90 €", "6 247 864,84 €"]
    # the same per scheme: DETR + DSIL + FNADT received by both territories
    assert _row(dou, "Par dispositif (hors autofinancement)", "État — DETR")[4] == "4 778 420,17 €"
    assert _row(dou, "Par dispositif (hors autofinancement)", "État — FNADT")[4] == "4 755 150,24 €"
    assert _row(dou, "Par dispositif (hors autofinancement)", "État — DSIL")[4] == "13 260 474,33 €"
    # the only other payment: 593 271 € of politique de la ville, by the prefecture (outside any EPCI)
    assert _row(dou, "Financements par étape", "Financeurs")[4] == "23 387 315,74 €"
    assert _row(dou, "Par territoire EPCI (hors autofinancement)", "(hors EPCI)")[4] == "593 271,00 €"


def test_statuses_count_late_actions_apart_as_the_domain_does(demo_master):
    from crte_desktop.db.repos.action import ActionRepository
    from crte_desktop.db.repos.contract import ContractRepository

    for today in (date(2021, 1, 1), date(2023, 6, 30), date(2030, 1, 1)):
        with Store.open_read_only(demo_master) as store:
            dou = next(c for c in ContractRepository(store).contracts() if c.name == "CRTE du Douaisis")
            actions = ActionRepository(store).for_contract(dou.id)
            lines = _section("\n".join(summary_lines(store, today=today)), "CRTE du Douaisis")
        late = sum(a.is_late(today) for a in actions)
        assert _row(lines, "Actions : 23", "En retard") == ["En retard", str(late)]
        in_progress = sum(a.status.value == "en_cours" and not a.is_late(today) for a in actions)
        assert _row(lines, "Actions : 23", "En cours") == ["En cours", str(in_progress)]
    assert late > 0


def test_summary_of_an_empty_workspace(cli, tmp_path):
    path = tmp_path / "vide.crte"
    Store.create(path).close()
    code, out, _err = cli("summary", path)
    assert code == 0
    assert "Aucun contrat dans cet espace de travail." in out


def test_summary_through_python_dash_m(demo_master, digest):
    before = digest(demo_master)
    env = dict(os.environ, LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "crte_desktop", "summary", str(demo_master)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "16\u00a0546\u00a0179,90\u00a0€" in done.stdout
    assert digest(demo_master) == before
    missing = subprocess.run([sys.executable, "-m", "crte_desktop", "summary"], capture_output=True, text=True,
                             encoding="utf-8", env=env, timeout=60)
    assert missing.returncode == 2
