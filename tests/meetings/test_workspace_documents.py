"""The meeting documents through ``Workspace.documents`` (the one path of the window and the command line): each
is written, the command line's pack is the window's, an unknown meeting is refused in French and the
workspace is never written."""

from __future__ import annotations

import email
from datetime import date
from email import policy

import pytest
from docx import Document
from pypdf import PdfReader

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import MeetingStatus
from crte_desktop.meetings.commands import export_pack
from crte_desktop.workspace import Workspace
from tests.meetings.conftest import TODAY, new_meeting
from tests.meetings.test_documents import held  # noqa: F401 - the fixture


@pytest.fixture
def documents(world):
    return Workspace(world.store, TODAY).documents


def test_every_document_of_a_meeting_through_the_workspace(world, held, documents, tmp_path, digest):  # noqa: F811
    before = digest(world.path)
    written = {
        "minutes.docx": documents.minutes_docx(held.id, tmp_path / "minutes.docx"),
        "minutes.pdf": documents.minutes_pdf(held.id, tmp_path / "minutes.pdf"),
        "sheet.docx": documents.attendance_docx(held.id, tmp_path / "sheet.docx"),
        "sheet.pdf": documents.attendance_pdf(held.id, tmp_path / "sheet.pdf"),
        "letter.docx": documents.convocation_docx(held.id, tmp_path / "letter.docx", date(2024, 3, 1)),
        "letter.pdf": documents.convocation_pdf(held.id, tmp_path / "letter.pdf", date(2024, 3, 1)),
        "invitation.ics": documents.ics(held.id, tmp_path / "invitation.ics"),
    }
    for name, path in written.items():
        assert path.name == name and path.stat().st_size > 0
    assert "Transmettre le planning actualisé" in "\n".join(
        c.text for t in Document(str(written["minutes.docx"])).tables for r in t.rows for c in r.cells)
    assert "DTSTART" in written["invitation.ics"].read_text(encoding="utf-8")
    result = documents.pack(held.id, tmp_path / "pack.pdf")
    assert result.page_count == len(PdfReader(str(tmp_path / "pack.pdf")).pages) > 5
    mail = documents.convocation_mail(held.id, tmp_path / "convocation.eml")
    message = email.message_from_bytes((tmp_path / "convocation.eml").read_bytes(), policy=policy.default)
    assert message["Subject"] and len(mail.attachments) == 2
    assert documents.mail_name(held.id) == "Convocation COTECH 2024-03-12.eml"
    assert documents.header(held.id).committee.id == world.cotech.id
    assert digest(world.path) == before  # documents only read the workspace


def test_the_command_line_writes_the_windows_pack(world, held, tmp_path, capsys):  # noqa: F811
    Workspace(world.store).documents.pack(held.id, tmp_path / "fenetre.pdf")  # dated today, as the command line
    world.store.close()  # the command line opens the file itself, read-only
    assert export_pack(world.path, held.id, tmp_path / "ligne.pdf") == 0
    window, cli = (PdfReader(str(tmp_path / name)) for name in ("fenetre.pdf", "ligne.pdf"))
    assert [p.extract_text() for p in cli.pages] == [p.extract_text() for p in window.pages]
    assert "Dossier de séance écrit" in capsys.readouterr().out


def test_an_unknown_meeting_is_refused_in_french(world, documents, tmp_path, digest):
    new_meeting(world.store, world.copil.id, date(2024, 5, 2), MeetingStatus.HELD)
    before = digest(world.path)
    with pytest.raises(DomainError, match="Il n'y a pas de séance n° 999"):
        documents.require(999)
    with pytest.raises(DomainError, match="Il n'y a pas de séance n° 999"):
        documents.pack(999, tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()
    assert digest(world.path) == before
