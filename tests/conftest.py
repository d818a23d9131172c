"""Shared fixtures. Qt runs offscreen: set before any QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
# the application's settings and data folder (crte_desktop/paths.py): never the real user's during tests
if "CRTE_DESKTOP_HOME" not in os.environ:
    import tempfile

    os.environ["CRTE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="crte-tests-home-")

import hashlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def workspace(tmp_path):
    """A new empty workspace store, closed after the test."""
    from crte_desktop.db.store import Store

    store = Store.create(tmp_path / "espace.crte")
    yield store
    store.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def digest():
    return file_digest


@pytest.fixture(autouse=True)
def _qapplication_first(qapp):
    """Services that render PDFs create a bare QGuiApplication when none exists, and widget tests then
    could not get their QApplication. pytest-qt's QApplication is made first, whatever the test order."""
    return qapp
