"""Creating and opening a workspace: pragmas, version, foreign keys, transactions, copies."""

import sqlite3

import pytest

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConstraintError, WorkspaceError
from crte_desktop.db.migrations import LATEST_VERSION
from crte_desktop.db.store import APPLICATION_ID, Store


def test_create_then_open(tmp_path):
    path = tmp_path / "Douaisis.crte"
    store = Store.create(path)
    uuid = store.workspace_uuid
    assert len(uuid) == 36
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Douaisis.crte"]  # no temporary left behind
    with Store.open(path) as again:
        assert again.workspace_uuid == uuid
        assert again.version == LATEST_VERSION
        assert again.backup is None


def test_pragmas(workspace):
    c = workspace.conn
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert c.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_file_itself_carries_id_and_version(workspace):
    raw = sqlite3.connect(workspace.path)
    try:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        raw.close()
    header = workspace.path.read_bytes()[:100]
    assert header[68:72] == APPLICATION_ID.to_bytes(4, "big")  # what `file` and other tools see


def test_create_refuses_to_overwrite_an_existing_file(tmp_path, digest):
    path = tmp_path / "existant.crte"
    Store.create(path).close()
    before = digest(path)
    with pytest.raises(WorkspaceError) as err:
        Store.create(path)
    assert str(err.value) == "Le fichier « existant.crte » existe déjà."
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["existant.crte"]


def test_foreign_keys_are_enforced(workspace):
    with pytest.raises(ConstraintError) as refused:
        with workspace.transaction() as c:
            c.execute("INSERT INTO financing(action_id, funder_id, category, status) VALUES (999, 1, 'valorise', 'prevu')")
    assert "FOREIGN KEY" in refused.value.detail and str(refused.value).startswith("L'enregistrement a échoué")
    assert workspace.conn.execute("SELECT COUNT(*) FROM financing").fetchone()[0] == 0
    assert not workspace.in_transaction


def test_seeded_reference_data(workspace):
    c = workspace.conn
    statuses = [r[0] for r in c.execute("SELECT label FROM action_status ORDER BY position")]
    assert statuses == ["À venir", "En préparation", "En cours", "Réalisée", "En pause", "Bloquée", "Abandonnée"]
    kinds = {r[0] for r in c.execute("SELECT label FROM org_kind")}
    assert {"État", "EPCI", "Commune", "Région", "Département"} <= kinds


def test_nested_transactions_join_the_outer_one(workspace):
    c = workspace.conn
    with pytest.raises(RuntimeError):
        with workspace.transaction():
            c.execute("INSERT INTO meta(key, value) VALUES ('a', '1')")
            with workspace.transaction():
                c.execute("INSERT INTO meta(key, value) VALUES ('b', '2')")
            assert workspace.in_transaction
            raise RuntimeError("échec après l'imbriquée")
    assert c.execute("SELECT COUNT(*) FROM meta WHERE key IN ('a', 'b')").fetchone()[0] == 0
    with workspace.transaction():
        with workspace.transaction():
            c.execute("INSERT INTO meta(key, value) VALUES ('c', '3')")
    assert c.execute("SELECT value FROM meta WHERE key = 'c'").fetchone()[0] == "3"
    assert not workspace.in_transaction


def test_listeners_get_the_changes_only_when_something_changed(workspace):
    seen = []
    workspace.subscribe(seen.append)
    workspace.notify(Changes())
    workspace.notify(Changes(actions={3}))
    workspace.unsubscribe(seen.append)
    workspace.unsubscribe(seen.append)  # twice is harmless
    workspace.notify(Changes(actions={4}))
    assert seen == [Changes(actions={3})]


def test_changes_merge():
    a = Changes(actions={1}, extra={"meetings"})
    a.merge(Changes(actions={2}, sections={5}, reference=True))
    assert a.actions == {1, 2} and a.sections == {5} and a.reference and a.extra == {"meetings"}
    assert not Changes()


def test_history_context(workspace):
    assert workspace.history_context == ""
    with workspace.context("Décision du COPIL du 12/03/2024"):
        assert workspace.history_context == "Décision du COPIL du 12/03/2024"
    assert workspace.history_context == ""


def test_save_copy(filled, tmp_path, digest):
    store, ids = filled
    target = tmp_path / "copie.crte"
    store.save_copy(target)
    with Store.open(target) as copy:
        assert copy.workspace_uuid == store.workspace_uuid
        assert copy.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 2
    with pytest.raises(WorkspaceError, match="La copie doit avoir un autre nom"):
        store.save_copy(store.path)


def test_reader_is_read_only(filled):
    store, _ = filled
    reader = store.reader()
    try:
        assert reader.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 2
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.conn.execute("DELETE FROM action")
    finally:
        reader.close()


def test_open_read_only_never_writes(filled, digest):
    store, _ = filled
    path = store.path
    store.close()
    before = digest(path)
    ro = Store.open_read_only(path)
    try:
        assert ro.conn.execute("SELECT COUNT(*) FROM action").fetchone()[0] == 2
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM action")
    finally:
        ro.close()
    assert digest(path) == before


def test_opening_and_closing_without_change_leaves_the_file_unchanged(filled, digest):
    store, _ = filled
    path = store.path
    store.close()
    before = digest(path)
    Store.open(path).close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_notices_inside_a_transaction_are_sent_once_after_commit_and_dropped_on_rollback(workspace):
    from crte_desktop.db.changes import Changes

    received = []
    workspace.subscribe(received.append)
    with workspace.transaction():
        workspace.notify(Changes(actions={1}))
        workspace.notify(Changes(actions={2}, sections={5}))
        assert received == []  # not before the commit
    assert len(received) == 1 and received[0].actions == {1, 2} and received[0].sections == {5}
    received.clear()
    try:
        with workspace.transaction():
            workspace.notify(Changes(actions={3}))
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    assert received == []  # rolled back: nothing changed, nothing announced
    workspace.notify(Changes(actions={4}))
    assert [c.actions for c in received] == [{4}]


def test_a_read_only_file_is_refused_in_french_before_anything_is_written(tmp_path, monkeypatch, digest):
    """Tests run as root, who may write anywhere: the permission answer is the operating system's."""
    import os

    from crte_desktop.db.errors import WorkspaceError
    from crte_desktop.db.store import Store

    path = tmp_path / "partage.crte"
    Store.create(path).close()
    before = digest(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and str(p) == str(path)
                        else real_access(p, mode))
    try:
        Store.open(path)
    except WorkspaceError as exc:
        assert "lecture seule" in str(exc) and "Copiez-le" in str(exc)
    else:
        raise AssertionError("a read-only workspace was opened for writing")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partage.crte"]
