"""After an export: the folder is remembered per kind of document, the first proposal is the Documents folder,
and « Ouvrir » / « Ouvrir le dossier » open the file and its folder through the system (Qt's URL handlers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from crte_desktop.views.widgets.export_files import OPEN_FILE, OPEN_FOLDER, documents_dir, last_dir
from tests.meetings.conftest import new_meeting


class UrlCatcher(QObject):
    """Stands in for the desktop: receives what QDesktopServices would open."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def test_each_kind_of_document_remembers_its_own_folder(page, ctx, world, tmp_path):  # noqa: F811
    m = new_meeting(world.store, world.cotech.id, date(2024, 7, 4))
    page.show_meeting(m.id)
    assert last_dir(ctx.settings, "Convocation") == documents_dir()
    letters, invitations = tmp_path / "courriers", tmp_path / "agendas"
    letters.mkdir(), invitations.mkdir()
    assert page.form.export_letter_pdf(str(letters / "c.pdf"))
    assert page.form.export_ics(str(invitations / "i.ics"))
    assert last_dir(ctx.settings, "Convocation") == letters
    assert last_dir(ctx.settings, "Invitation") == invitations
    assert not any(part.startswith(".") for part in documents_dir().parts[len(Path.home().parts):])


def test_open_and_open_folder_after_an_export(page, world, tmp_path, opened):  # noqa: F811
    m = new_meeting(world.store, world.cotech.id, date(2024, 7, 4))
    page.show_meeting(m.id)
    target = tmp_path / "convocation.pdf"
    assert page.form.export_letter_pdf(str(target))
    label = page.form.convocation_message
    assert "Ouvrir le dossier" in label.text() and label.isVisibleTo(page)
    label.linkActivated.emit(OPEN_FILE)
    label.linkActivated.emit(OPEN_FOLDER)
    assert [u.toLocalFile() for u in opened] == [str(target.resolve()), str(tmp_path.resolve())]
