"""The convocation is a real message: an .eml draft (``X-Unsent: 1``) to the members with an address, with the
convocation PDF, the .ics invitation and, on request, the meeting pack attached; nothing is recorded until the
secretary confirms the sending. Also through ``crte-desktop convocation-mail``."""

from __future__ import annotations

import email
from datetime import date, datetime, UTC
from email import policy

import pytest

from crte_desktop.cli import main
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import MeetingStatus
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.convocation_mail import build_convocation_mail, write_convocation_mail
from crte_desktop.meetings.ics import meeting_ics
from crte_desktop.meetings.meetings import MeetingService
from tests.meetings.conftest import TODAY, new_meeting
from tests.reports.pdf_text import page_texts
from tests.in_transaction import InTransaction

pytestmark = pytest.mark.usefixtures("qapp")

NOW = datetime(2024, 6, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def copil(world):
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    AgendaService(world.store).apply_template(m.id)
    return m


def read_eml(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() if part.get_content_maintype() != "text"
            else part.get_content().encode("utf-8") for part in message.iter_attachments()}


def test_the_eml_parses_back_with_its_recipients_and_attachments(world, copil, tmp_path, digest):
    target = tmp_path / "convocation.eml"
    before = digest(world.path)
    mail = write_convocation_mail(world.store, copil.id, target, today=TODAY, now=NOW)
    assert digest(world.path) == before  # building the message records nothing
    meeting = MeetingService(world.store).get(copil.id)
    assert meeting.convocation_sent_on is None and meeting.status is not MeetingStatus.CONVENED

    message = read_eml(target)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Convocation — Comité de pilotage du CRTE du Douaisis — jeudi 4 juillet 2024"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "jean-marc.leblanc@nord.gouv.fr", "c.poiret@douaisis-agglo.com", "f.delannoy@cc-coeurdostrevent.fr",
        "hauts-de-france@caissedesdepots.fr"]
    assert message["To"].addresses[0].display_name == "M. Jean-Marc LEBLANC"
    assert [a.addr_spec for a in message["Cc"].addresses] == ["p.leroy@douaisis-agglo.com",
                                                              "sophie.martin@nord.gouv.fr"]
    assert message["From"].addresses[0].addr_spec == "sophie.martin@nord.gouv.fr"
    body = message.get_body(("plain",)).get_content()
    assert "Nous avons l'honneur de vous convier à la séance du Comité de pilotage" in body
    assert "ci-joint la convocation, l'invitation à ajouter à votre agenda." in body
    assert "1. Validation du compte rendu" in body

    files = attachments(message)
    assert list(files) == ["Convocation COPIL 2024-07-04.pdf", "Invitation COPIL 2024-07-04.ics"]
    assert mail.attachments == list(files)
    letter = tmp_path / "lettre.pdf"
    letter.write_bytes(files["Convocation COPIL 2024-07-04.pdf"])
    assert "Nous avons l'honneur de vous convier" in " ".join(page_texts(letter))
    assert files["Invitation COPIL 2024-07-04.ics"].decode("utf-8") == meeting_ics(world.store, copil.id, now=NOW)
    assert mail.missing == ["ADEME"]
    assert "Sans adresse électronique, à convoquer autrement : ADEME." in mail.summary()


def test_the_pack_is_attached_on_request(world, copil, tmp_path):
    target = tmp_path / "avec dossier.eml"
    write_convocation_mail(world.store, copil.id, target, with_pack=True, today=TODAY, now=NOW)
    message = read_eml(target)
    files = attachments(message)
    assert list(files)[-1] == "Dossier de séance COPIL 2024-07-04.pdf"
    pack = tmp_path / "dossier.pdf"
    pack.write_bytes(files["Dossier de séance COPIL 2024-07-04.pdf"])
    texts = page_texts(pack)
    assert texts[1].startswith("Sommaire") and len(texts) > 3
    assert "et le dossier de séance." in message.get_body(("plain",)).get_content()


def test_no_address_at_all_is_refused_and_writes_nothing(world, tmp_path, digest):
    from crte_desktop.db.repos.directory import DirectoryRepository

    directory = InTransaction(DirectoryRepository(world.store))
    for person in directory.persons():
        person.email = ""
        directory.save_person(person)
    for org in directory.organisations():
        org.email = ""
        directory.save_organisation(org)
    m = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    target = tmp_path / "convocation.eml"
    with pytest.raises(DomainError, match="Aucun membre du comité n'a d'adresse électronique"):
        build_convocation_mail(world.store, m.id)
    with pytest.raises(DomainError):
        write_convocation_mail(world.store, m.id, target)
    assert not target.exists()


def test_the_command_line(world, copil, tmp_path, capsys, digest):
    path = world.path
    world.store.close()
    before = digest(path)
    out = tmp_path / "convocation.eml"
    assert main(["convocation-mail", str(path), "--meeting", str(copil.id), str(out), "--with-pack"]) == 0
    printed = capsys.readouterr().out
    assert f"Message écrit : {out}" in printed and "Sans adresse électronique" in printed
    names = list(attachments(read_eml(out)))
    assert names == ["Convocation COPIL 2024-07-04.pdf", "Invitation COPIL 2024-07-04.ics",
                     "Dossier de séance COPIL 2024-07-04.pdf"]
    assert digest(path) == before
    with Store.open(path) as store:
        assert MeetingService(store).get(copil.id).convocation_sent_on is None

    # user errors: exit 1 with a French reason, nothing written; usage errors: exit 2
    assert main(["convocation-mail", str(path), "--meeting", "999", str(tmp_path / "x.eml")]) == 1
    assert "Il n'y a pas de séance n° 999" in capsys.readouterr().err
    assert main(["convocation-mail", str(path), "--meeting", str(copil.id), str(tmp_path / "x.txt")]) == 1
    assert "extension .eml" in capsys.readouterr().err
    assert not (tmp_path / "x.eml").exists() and not (tmp_path / "x.txt").exists()
    assert main(["convocation-mail", str(path), str(tmp_path / "x.eml")]) == 2
