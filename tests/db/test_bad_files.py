"""Files that are not (or no longer) workspaces: a clear French message, and the file untouched."""

import random
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from crte_desktop.db.errors import NewerVersionError, WorkspaceError
from crte_desktop.db.migrations import LATEST_VERSION
from crte_desktop.db.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace_v1.crte"
PNG = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
       + b"\x90wS\xde" + bytes(64))


def _real_workspace(tmp_path: Path) -> bytes:
    """The bytes of a real, filled workspace of the current version."""
    path = tmp_path / "source" / "reel.crte"
    path.parent.mkdir()
    shutil.copy(FIXTURE, path)
    Store.open(path).close()
    return path.read_bytes()


def _refused(path: Path, digest, error=WorkspaceError) -> str:
    """Open ``path``, expect a refusal; check nothing changed in the folder; return the message."""
    folder = path.parent

    def state():
        return {p.name: digest(p) if p.is_file() else "dossier" for p in folder.iterdir()}

    before = state()
    with pytest.raises(error) as err:
        Store.open(path)
    assert state() == before, "the file changed, or a file appeared beside it"
    return str(err.value)


def test_missing_file(tmp_path, digest):
    msg = _refused(tmp_path / "absent.crte", digest)
    assert msg == "Le fichier « absent.crte » n'existe pas."
    assert not (tmp_path / "absent.crte").exists()  # not created as an empty database


def test_directory(tmp_path, digest):
    (tmp_path / "dossier.crte").mkdir()
    msg = _refused(tmp_path / "dossier.crte", digest)
    assert msg == "« dossier.crte » est un dossier, pas un espace de travail."
    assert list((tmp_path / "dossier.crte").iterdir()) == []


@pytest.mark.parametrize("name, content", [
    ("vide.crte", b""),
    ("notes.crte", "Compte rendu du COPIL du 12 mars 2024\nPrésents : …\n".encode()),
    ("photo.crte", PNG),
    ("classeur.crte", b"PK\x03\x04" + bytes(200)),  # an .xlsx renamed
    ("court.crte", b"SQLite format"),  # shorter than the header
])
def test_files_that_are_not_workspaces(tmp_path, digest, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    msg = _refused(path, digest)
    assert msg == f"« {name} » n'est pas un espace de travail CRTE Desktop."
    assert path.read_bytes() == content


def test_sqlite_database_of_another_application(tmp_path, digest):
    path = tmp_path / "autre.crte"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE notes(texte TEXT)")
    conn.execute("INSERT INTO notes VALUES ('bonjour')")
    conn.commit()
    conn.close()
    msg = _refused(path, digest)
    assert msg == "« autre.crte » est une base SQLite, mais pas un espace de travail CRTE Desktop."


def test_plain_sqlite_database_without_application_id(tmp_path, digest):
    path = tmp_path / "plain.crte"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert "pas un espace de travail CRTE Desktop" in _refused(path, digest)


@pytest.mark.parametrize("keep", ["4k", "half"])
def test_truncated_workspace(tmp_path, digest, keep):
    data = _real_workspace(tmp_path)
    path = tmp_path / "tronque.crte"
    path.write_bytes(data[:4096] if keep == "4k" else data[: len(data) // 2])
    msg = _refused(path, digest)
    assert msg.startswith("« tronque.crte » est endommagé")
    assert "endommagé" in msg


def test_workspace_with_garbage_in_the_middle(tmp_path, digest):
    data = _real_workspace(tmp_path)
    middle = (len(data) // 2) // 4096 * 4096
    garbage = random.Random(1789).randbytes(8192)
    path = tmp_path / "abime.crte"
    path.write_bytes(data[:middle] + garbage + data[middle + 8192:])
    assert len(path.read_bytes()) == len(data)
    msg = _refused(path, digest)
    assert msg.startswith("« abime.crte » est endommagé")


def test_workspace_of_a_newer_version(tmp_path, digest):
    path = tmp_path / "futur.crte"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    msg = _refused(path, digest, NewerVersionError)
    assert "version plus récente de CRTE Desktop" in msg
    assert f"schéma {LATEST_VERSION + 1}" in msg
    assert "Mettez l'application à jour pour l'ouvrir" in msg
    assert "le fichier n'a pas été modifié" in msg
    with pytest.raises(NewerVersionError):
        Store.open_read_only(path)


def test_open_read_only_refuses_bad_files_too(tmp_path, digest):
    path = tmp_path / "notes.crte"
    path.write_text("pas une base", encoding="utf-8")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="n'est pas un espace de travail CRTE Desktop"):
        Store.open_read_only(path)
    assert digest(path) == before
