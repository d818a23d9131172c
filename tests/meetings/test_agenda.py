"""The agenda: templates, order, linked actions (and their deletion), attached documents."""

import shutil
from datetime import date

import pytest

from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind, LinkedAction, MeetingStatus
from crte_desktop.editing.actions import ActionService
from crte_desktop.meetings.agenda import AgendaService
from tests.meetings.conftest import new_meeting
from tests.in_transaction import InTransaction


@pytest.fixture
def meeting(world):
    return new_meeting(world.store, world.cotech.id, date(2024, 3, 12), MeetingStatus.HELD)


def titles(agenda, meeting_id):
    return [i.title for i in agenda.items(meeting_id)]


def test_cotech_and_copil_templates(world, meeting):
    agenda = AgendaService(world.store)
    agenda.apply_template(meeting.id)
    items = agenda.items(meeting.id)
    assert [i.kind for i in items] == [
        AgendaItemKind.PREVIOUS_MINUTES, AgendaItemKind.PROGRESS, AgendaItemKind.PROGRESS,
        AgendaItemKind.CHANGE_REQUEST, AgendaItemKind.INFORMATION, AgendaItemKind.DECISION,
        AgendaItemKind.OTHER_BUSINESS]
    assert items[0].title == "Validation du compte rendu de la séance précédente"
    assert agenda.total_minutes(meeting.id) == 145
    copil_before = new_meeting(world.store, world.copil.id, date(2023, 12, 5), MeetingStatus.HELD)
    copil = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    agenda.apply_template(copil.id)
    copil_items = agenda.items(copil.id)
    assert copil_items[0].title == "Validation du compte rendu du COPIL du 05/12/2023"
    assert AgendaItemKind.ANNUAL_REVIEW in [i.kind for i in copil_items]
    assert copil_before.id != copil.id


def test_items_are_reordered(world, meeting):
    agenda = AgendaService(world.store)
    agenda.apply_template(meeting.id)
    first, second, third = agenda.items(meeting.id)[:3]
    agenda.move(third.id, 0)
    assert titles(agenda, meeting.id)[:3] == [third.title, first.title, second.title]
    agenda.move_by(third.id, +1)
    assert titles(agenda, meeting.id)[:3] == [first.title, third.title, second.title]
    agenda.move(first.id, 99)  # clamped to the end
    assert titles(agenda, meeting.id)[-1] == first.title
    assert [i.position for i in agenda.items(meeting.id)] == list(range(1, 8))
    agenda.delete_item(second.id)
    assert [i.position for i in agenda.items(meeting.id)] == list(range(1, 7))


def test_an_item_links_actions_and_the_action_history_says_so(world, meeting):
    agenda = AgendaService(world.store)
    item = AgendaItem(meeting.id, "Friche Arc-en-Ciel : avancement", AgendaItemKind.PROGRESS, presenter="DA",
                      duration_minutes=20, actions=[agenda.link(world.ids["action1"])])
    agenda.save_item(item)
    saved = agenda.get(item.id)
    assert saved.actions == [LinkedAction(world.ids["action1"], "2021-1 — Requalification de la friche Arc-en-Ciel")]
    history = HistoryRepository(world.store).for_action(world.ids["action1"])
    assert history[0].field == "Ordre du jour du COTECH du 12/03/2024"
    assert history[0].new_value == ("2021-1 — Requalification de la friche Arc-en-Ciel "
                                    "(point « Friche Arc-en-Ciel : avancement »)")


def test_an_item_linked_to_a_deleted_action_is_refused_and_nothing_is_written(world, meeting, digest):
    agenda = AgendaService(world.store)
    link = agenda.link(world.ids["action2"])
    ActionService(world.store).delete(world.ids["action2"])
    before = digest(world.path)
    item = AgendaItem(meeting.id, "Maison France Services", AgendaItemKind.PROGRESS, actions=[link])
    with pytest.raises(ValidationError) as err:
        agenda.save_item(item)
    assert str(err.value) == ("L'action « 2021-2 — Maison France Services de Somain » n'existe plus "
                              "(elle a été supprimée) : retirez-la de ce point.")
    assert digest(world.path) == before
    assert agenda.items(meeting.id) == []
    with pytest.raises(DomainError, match="Cette action n'existe plus"):
        agenda.link(world.ids["action2"])


def test_deleting_an_action_keeps_its_reference_on_the_agenda(world, meeting):
    agenda = AgendaService(world.store)
    item = AgendaItem(meeting.id, "Maison France Services", AgendaItemKind.PROGRESS,
                      actions=[agenda.link(world.ids["action2"]), agenda.link(world.ids["action1"])])
    agenda.save_item(item)
    ActionService(world.store).delete(world.ids["action2"])
    kept = agenda.get(item.id)
    assert kept.actions == [LinkedAction(None, "2021-2 — Maison France Services de Somain"),
                            LinkedAction(world.ids["action1"], "2021-1 — Requalification de la friche Arc-en-Ciel")]
    assert kept.actions[0].deleted
    # the item can still be edited: the old reference stays, a new deleted link would not be accepted
    kept.notes = "Le projet est abandonné par la commune."
    agenda.save_item(kept)
    assert agenda.get(item.id).notes == "Le projet est abandonné par la commune."


def test_an_action_of_another_contract_is_refused(world, meeting):
    from crte_desktop.db.repos.contract import ContractRepository
    from crte_desktop.domain.contract import Contract

    other = Contract(name="CRTE du Valenciennois")
    InTransaction(ContractRepository(world.store)).save_contract(other)
    service = ActionService(world.store)
    bundle = service.new_bundle(other.id, year=2022)
    bundle.action.title = "Boucle cyclable"
    service.save(bundle)
    agenda = AgendaService(world.store)
    with pytest.raises(ValidationError, match="n'appartient pas au contrat de ce comité"):
        agenda.save_item(AgendaItem(meeting.id, "Vélo", actions=[agenda.link(bundle.action.id)]))


def test_documents_are_stored_inside_the_workspace(world, meeting, tmp_path):
    agenda = AgendaService(world.store)
    item = AgendaItem(meeting.id, "Tableau de suivi", AgendaItemKind.PROGRESS)
    agenda.save_item(item)
    source = tmp_path / "Tableau de suivi 2024.xlsx"
    source.write_bytes(b"PK\x03\x04 tableau")
    att = agenda.add_attachment_file(meeting.id, source, agenda_item_id=item.id, description="Version du 1er mars")
    agenda.add_attachment(meeting.id, "note.pdf", b"%PDF-1.4 note")
    source.unlink()
    # the workspace file alone carries the documents: copy it elsewhere and read them back
    copy = tmp_path / "copie.crte"
    world.store.close()
    shutil.copy(world.path, copy)
    with Store.open(copy) as other:
        docs = AgendaService(other).attachments(meeting.id)
        assert [(d.file_name, d.size, d.agenda_item_id, d.description) for d in docs] == [
            ("Tableau de suivi 2024.xlsx", 12, item.id, "Version du 1er mars"), ("note.pdf", 13, None, "")]
        assert docs[1].mime_type == "application/pdf"
        assert AgendaService(other).attachment_data(att.id) == b"PK\x03\x04 tableau"
        out = AgendaService(other).export_attachment(att.id, tmp_path)
        assert out.read_bytes() == b"PK\x03\x04 tableau"
        assert [d.file_name for d in AgendaService(other).attachments(meeting.id, all_items=False)] == ["note.pdf"]


def test_bad_documents_are_refused(world, meeting, tmp_path, digest):
    agenda = AgendaService(world.store)
    before = digest(world.path)
    with pytest.raises(ValidationError, match="« vide.pdf » est vide."):
        agenda.add_attachment(meeting.id, "vide.pdf", b"")
    with pytest.raises(DomainError, match="Impossible de lire « absent.pdf »"):
        agenda.add_attachment_file(meeting.id, tmp_path / "absent.pdf")
    other = new_meeting(world.store, world.copil.id, date(2024, 7, 4))
    item = AgendaItem(other.id, "Point")
    agenda.save_item(item)
    before = digest(world.path)
    with pytest.raises(DomainError, match="Ce point n'appartient pas à cette séance."):
        agenda.add_attachment(meeting.id, "a.pdf", b"x", agenda_item_id=item.id)
    assert digest(world.path) == before


def test_an_item_needs_a_title_and_a_change_request_its_kind(world, meeting, digest):
    agenda = AgendaService(world.store)
    before = digest(world.path)
    with pytest.raises(ValidationError) as err:
        agenda.save_item(AgendaItem(meeting.id, " ", AgendaItemKind.CHANGE_REQUEST))
    assert err.value.problems[0].message == "L'intitulé du point de l'ordre du jour est obligatoire."
    assert len(err.value.problems) == 2
    assert digest(world.path) == before


def test_an_agenda_item_put_back_by_undo_comes_back_at_its_place_with_its_id(world):
    m = new_meeting(world.store, world.cotech.id, date(2024, 3, 12))
    agenda = AgendaService(world.store)
    agenda.apply_template(m.id)
    item = agenda.items(m.id)[2]
    item.actions = [agenda.link(world.ids["action1"])]
    agenda.save_item(item)
    kept = agenda.get(item.id)
    titles = [i.title for i in agenda.items(m.id)]
    agenda.delete_item(item.id)
    agenda.save_item(kept)
    assert agenda.get(item.id) == kept
    assert [i.title for i in agenda.items(m.id)] == titles
