"""Issue 9.2 — versions to go back to: snapshots before imports, migrations, restores and the first change of
each day, a stated retention rule, the ``snapshots`` and ``restore`` commands, comparing with today and
restoring whole or one deleted action with its financing."""

import time
from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest

from crte_desktop.cli import main
from crte_desktop.db import versions
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.actions import ActionService
from crte_desktop.versions.compare import compare
from crte_desktop.versions.restore import deleted_actions, restore_action, restore_whole
from tests.fixtures.make_fixtures import fill


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "contrat.crte"
    with Store.create(p) as store:
        fill(store)
    return p


def test_first_change_of_the_day_takes_one_snapshot(path):
    with Store.open(path) as store:
        service = ActionService(store)
        for title in ("Un", "Deux", "Trois"):
            fiche = service.load(1 if False else service.actions.all()[0].id)
            fiche.action.title = title
            service.save(fiche)
    [snap] = versions.list_snapshots(path)
    assert snap.reason == "quotidien" and snap.figures["actions"] == 2
    with Store.open_read_only(snap.path) as old:  # the state before the first change
        assert "Un" not in {r[0] for r in old.conn.execute("SELECT title FROM action")}
    with Store.open(path) as store:  # the same day again: no second daily snapshot
        fiche = ActionService(store).load(store.conn.execute("SELECT MIN(id) FROM action").fetchone()[0])
        fiche.action.title = "Quatre"
        ActionService(store).save(fiche)
    assert len(versions.list_snapshots(path)) == 1


def test_retention_rule_keeps_20_then_one_a_day_then_one_a_month():
    now = datetime(2026, 12, 4, 12, 0)
    snaps = []
    for hours in range(0, 24 * 400, 6):  # one every 6 hours for 400 days
        at = now - timedelta(hours=hours)
        snaps.append(versions.Snapshot(at.strftime("%Y%m%d-%H%M%S"), at, "quotidien", None))
    kept = versions.keep(snaps, now)
    kept_snaps = [s for s in snaps if s.ident in kept]
    assert all(s.ident in kept for s in snaps[:20])
    days = {s.at.date() for s in kept_snaps if now - s.at <= timedelta(days=30)}
    assert len(days) >= 30
    old = [s for s in kept_snaps if now - s.at > timedelta(days=31)]
    assert len({(s.at.year, s.at.month) for s in old}) == len(old)  # one a month
    assert not [s for s in kept_snaps if now - s.at > timedelta(days=31 * 12 + 1)]
    assert len(kept) < 20 + 30 + 13


def test_prune_removes_files_beyond_the_rule(path):
    with Store.open(path) as store:
        base = datetime(2025, 1, 1, 10, 0)
        for n in range(30):
            versions.take(store, "manuel", now=base + timedelta(minutes=n), prune_after=False)
        removed = versions.prune(path, now=base + timedelta(minutes=40))
    assert len(removed) == 10
    assert len(versions.list_snapshots(path)) == 20
    assert len(list(versions.versions_folder(path).glob("*.json"))) == 20


def test_snapshots_and_restore_commands(path, tmp_path, capsys, digest):
    with Store.open(path) as store:
        store.snapshot("manuel")
    assert main(["snapshots", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 version de « contrat.crte »" in out and "enregistrée à la demande" in out and "2 actions" in out
    before = digest(path)
    assert main(["restore", str(path), "--snapshot", "latest", str(tmp_path / "hier.crte")]) == 0
    assert "écrite dans « hier.crte »" in capsys.readouterr().out
    assert digest(path) == before
    with Store.open_read_only(tmp_path / "hier.crte") as restored:
        assert restored.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 2
    assert main(["restore", str(path), "--snapshot", "19990101-000000", str(tmp_path / "x.crte")]) == 1
    assert "Aucune version « 19990101-000000 »" in capsys.readouterr().err
    assert main(["restore", str(path), "--snapshot", "latest", str(tmp_path / "hier.crte")]) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_listing_is_fast_and_opens_no_database(path):
    with Store.open(path) as store:
        base = datetime(2026, 1, 1)
        for n in range(20):
            versions.take(store, "manuel", now=base + timedelta(minutes=n), prune_after=False)
    start = time.perf_counter()
    snaps = versions.list_snapshots(path)
    assert time.perf_counter() - start < 0.2
    assert len(snaps) == 20 and all(s.figures["actions"] == 2 for s in snaps)


def test_compare_and_restore_a_deleted_action_with_its_financing(path):
    with Store.open(path) as store:
        service = ActionService(store)
        first, second = sorted(a.id for a in service.actions.all())
        kept = service.load(first)
        deleted = service.load(second)
        snap = store.snapshot("manuel")
        service.delete(second)
        kept.action.title = "Titre modifié"
        service.save(kept)
        result = compare(store, snap.path)
        actions = result.kinds[0]
        assert [deleted.action.reference in r for r in actions.removed] == [True]
        assert any("Titre modifié" in c for c in actions.changed)
        assert len(result.kinds[1].removed) == len(deleted.financing)
        assert deleted_actions(store, snap) == [(second, f"{deleted.action.reference} — {deleted.action.title}")]
        restore_action(store, snap, second)
        back = service.load(second)
        assert back.action.description == deleted.action.description
        assert [line.granted for line in back.financing] == [line.granted for line in deleted.financing]
        assert sum((line.planned or D(0)) for line in back.financing) == sum(
            (line.planned or D(0)) for line in deleted.financing)
        with pytest.raises(DomainError, match="existe toujours"):
            restore_action(store, snap, second)
        reasons = [s.reason for s in versions.list_snapshots(path)]
        assert "restauration" in reasons  # a snapshot first


def test_restore_whole_takes_a_snapshot_first(path):
    with Store.open(path) as store:
        service = ActionService(store)
        snap = store.snapshot("manuel")
        for a in service.actions.all():
            service.delete(a.id)
        restore_whole(store, snap)
        assert len(service.actions.all()) == 2
        latest = versions.list_snapshots(path)[0]
        assert latest.reason == "restauration" and latest.figures["actions"] == 0


def test_import_takes_a_snapshot_before(tmp_path):
    import openpyxl

    from crte_desktop.demo.builder import write_demo
    from crte_desktop.excel.export import export_workbook
    from crte_desktop.excel.import_apply import apply_import
    from crte_desktop.excel.import_diff import plan_import

    path = write_demo(tmp_path / "demo.crte")
    with Store.open(path) as store:
        export_workbook(store, tmp_path / "c.xlsx", charts=False)
        title = store.conn.execute("SELECT title FROM action ORDER BY id LIMIT 1").fetchone()[0]
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    cell = next(c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == title)
    cell.value = title + " (modifié par un partenaire)"
    wb.save(tmp_path / "c.xlsx")
    with Store.open(path) as store:
        plan = plan_import(store, tmp_path / "c.xlsx")
        assert plan.changes and not plan.errors
        apply_import(store, plan, dry_run=True)
        assert "import" not in [s.reason for s in versions.list_snapshots(path)]  # a simulation: no import
        apply_import(store, plan)
    snap = versions.list_snapshots(path)[0]
    assert snap.reason == "import"
    with Store.open_read_only(snap.path) as before:
        assert before.conn.execute("SELECT COUNT(*) FROM action WHERE title = ?", (title,)).fetchone()[0] == 1
