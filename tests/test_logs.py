"""The log file: errors with their traceback and long operations' durations, in the user's data folder."""

from __future__ import annotations

import pytest

from crte_desktop import logs
from crte_desktop.domain.errors import DomainError


@pytest.fixture
def log_path(tmp_path):
    path = logs.start_logging(tmp_path / "journal" / "crte-desktop.log")
    yield path
    logs.stop_logging()


def _text(path) -> str:
    for handler in logs.log.handlers:
        handler.flush()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_the_log_lives_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CRTE_DESKTOP_HOME", str(tmp_path))
    assert logs.log_file() == tmp_path / "crte-desktop.log"


def test_an_unexpected_error_is_written_with_its_traceback(log_path):
    with pytest.raises(RuntimeError), logs.timed("Export du classeur"):
        raise RuntimeError("disque arraché")
    text = _text(log_path)
    assert "Export du classeur failed" in text and "Traceback" in text and "RuntimeError: disque arraché" in text


def test_a_user_error_is_not_an_incident(log_path):
    with pytest.raises(DomainError), logs.timed("Import"):
        raise DomainError("Le classeur n'a pas de feuille « Actions ».")
    assert "Import" not in _text(log_path)


def test_long_operations_are_timed_and_short_ones_not(log_path, monkeypatch):
    with logs.timed("Lecture rapide"):
        pass
    monkeypatch.setattr(logs, "LONG_OPERATION_S", 0.0)
    with logs.timed("Dossier de séance"):
        pass
    text = _text(log_path)
    assert "Dossier de séance: " in text and "Lecture rapide" not in text


def test_starting_twice_keeps_one_file(log_path, tmp_path):
    assert logs.start_logging(tmp_path / "other.log") == log_path
    assert not (tmp_path / "other.log").exists()
