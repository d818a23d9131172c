"""``crte-desktop meetings / minutes / ics`` through the real command line entry point."""

from datetime import date

import pytest
from docx import Document

from crte_desktop.cli import main
from crte_desktop.domain.meetings import MeetingStatus
from crte_desktop.meetings.agenda import AgendaService
from tests.meetings.conftest import new_meeting


@pytest.fixture
def cli(capsys):
    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def saved(world):
    """The world's workspace with two meetings, closed (the commands open it themselves)."""
    held = new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)
    coming = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    AgendaService(world.store).apply_template(held.id)
    world.store.close()
    return world.path, held.id, coming.id


def test_meetings_lists_one_meeting_per_line_beginning_with_its_id(cli, saved, digest):
    path, held, coming = saved
    before = digest(path)
    code, out, err = cli("meetings", path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split("\t")[:4] for line in lines] == [
        [str(held), "COTECH", "12/03/2024", "Tenue"], [str(coming), "COPIL", "04/07/2024", "Prévue"]]
    assert lines[0].endswith("CRTE du Douaisis")
    assert digest(path) == before


def test_minutes_and_ics_are_written(cli, saved, tmp_path, digest):
    path, held, coming = saved
    before = digest(path)
    code, out, err = cli("minutes", path, "--meeting", held, tmp_path / "cr.docx")
    assert (code, err) == (0, "")
    assert "Compte rendu de séance" in [p.text for p in Document(str(tmp_path / "cr.docx")).paragraphs]
    code, out, err = cli("ics", path, "--meeting", coming, tmp_path / "copil.ics")
    assert (code, err) == (0, "")
    assert "DTSTART;TZID=Europe/Paris:20240704T140000" in (tmp_path / "copil.ics").read_text(encoding="utf-8")
    assert digest(path) == before


def test_user_errors_exit_1_with_a_french_reason_and_write_nothing(cli, saved, tmp_path):
    path, held, coming = saved
    code, out, err = cli("minutes", path, "--meeting", 999, tmp_path / "cr.docx")
    assert code == 1 and "Il n'y a pas de séance n° 999" in err
    code, out, err = cli("ics", path, "--meeting", held, tmp_path / "copil.txt")
    assert code == 1 and "l'extension .ics" in err
    code, out, err = cli("minutes", tmp_path / "absent.crte", "--meeting", held, tmp_path / "cr.docx")
    assert code == 1 and "n'existe pas" in err
    code, out, err = cli("minutes", path, "--meeting", held, tmp_path / "nowhere" / "cr.docx")
    assert code == 1 and "n'existe pas" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".crte") == []


def test_missing_meeting_option_is_a_usage_error(cli, saved, tmp_path):
    path, _held, _coming = saved
    code, _out, _err = cli("minutes", path, tmp_path / "cr.docx")
    assert code == 2


def test_an_empty_workspace_has_no_meetings(cli, tmp_path):
    from crte_desktop.db.store import Store

    Store.create(tmp_path / "vide.crte").close()
    assert cli("meetings", tmp_path / "vide.crte")[:2] == (0, "Aucune séance.\n")
