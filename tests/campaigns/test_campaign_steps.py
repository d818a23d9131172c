"""Campaign operations as undo steps (editing/steps.py): creating a campaign and dating its owners (envoyé,
relancé, reçu) are undone and redone through CampaignService; an undo leaves every table as it was before;
a replay over a change made since is refused and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.store import Store
from crte_desktop.domain.campaign import Campaign
from crte_desktop.domain.errors import DomainError
from crte_desktop.workspace import Workspace
from tests.cli.conftest import demo_copy, demo_master  # noqa: F401
from tests.contents import contents, differing_tables

UNDO = "L'annulation aurait effacé ce changement plus récent"


@pytest.fixture
def service(demo_copy):
    store = Store.open(demo_copy)
    yield store.path, Workspace(store).campaigns
    store.close()


def test_marking_owners_sent_is_undone_and_redone(service):
    path, campaigns = service
    [demo] = campaigns.for_contract(1)
    owners = campaigns.owners(demo.id)
    waiting = [o.owner_id for o in owners if o.sent_on is None][:2]
    already = next(o for o in owners if o.sent_on is not None)
    before = contents(path)
    step = campaigns.mark_step(demo.id, [*waiting, already.owner_id], "sent_on", date(2026, 7, 3))
    assert step.label == "Envoyé le : 3 maîtres d'ouvrage"
    step.redo()
    assert {o.owner_id: o.sent_on for o in campaigns.owners(demo.id)}[waiting[0]] == date(2026, 7, 3)
    step.undo()
    assert differing_tables(before, contents(path)) == []
    assert {o.owner_id: o.sent_on for o in campaigns.owners(demo.id)}[already.owner_id] == already.sent_on
    step.redo()
    assert all(o.sent_on == date(2026, 7, 3) for o in campaigns.owners(demo.id)
               if o.owner_id in (*waiting, already.owner_id))


def test_an_undo_over_a_later_date_is_refused_and_writes_nothing(service, digest):
    path, campaigns = service
    [demo] = campaigns.for_contract(1)
    owner = next(o.owner_id for o in campaigns.owners(demo.id) if o.reminded_on is None)
    step = campaigns.mark_step(demo.id, [owner], "reminded_on", date(2026, 7, 3))
    step.redo()
    campaigns.mark(demo.id, [owner], "reminded_on", date(2026, 7, 10))  # another window, outside the stack
    before = digest(path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.undo()
    assert digest(path) == before


def test_a_tracking_field_that_does_not_exist_is_refused(service, digest):
    path, campaigns = service
    [demo] = campaigns.for_contract(1)
    before = digest(path)
    with pytest.raises(DomainError):
        campaigns.mark_step(demo.id, [1], "signed_on", date(2026, 7, 3))
    assert digest(path) == before


def test_creating_a_campaign_is_undone_with_its_owners_and_redone_with_the_same_identity(service, tmp_path):
    path, campaigns = service
    before = contents(path)
    result = campaigns.create(Campaign(1, "Revue de projets 2027", date(2027, 7, 1), date(2027, 9, 30)),
                              tmp_path / "classeurs")
    step = campaigns.creation_step(result.campaign.id)
    assert step.label == "Nouvelle campagne « Revue de projets 2027 »"
    created = campaigns.get(result.campaign.id)
    owners = campaigns.owners(created.id)
    step.undo()
    assert differing_tables(before, contents(path)) == []
    assert "Revue de projets 2027" not in [c.name for c in campaigns.for_contract(1)]
    assert len(list((tmp_path / "classeurs").iterdir())) == len(owners)  # the workbooks written stay
    step.redo()
    assert campaigns.get(created.id) == created  # same id and uuid: its workbooks belong to it again
    assert campaigns.owners(created.id) == owners


def test_undoing_a_campaign_whose_owners_were_dated_since_is_refused(service, tmp_path, digest):
    path, campaigns = service
    result = campaigns.create(Campaign(1, "Revue de projets 2027", date(2027, 7, 1), date(2027, 9, 30)),
                              tmp_path / "classeurs")
    step = campaigns.creation_step(result.campaign.id)
    owner = campaigns.owners(result.campaign.id)[0].owner_id
    campaigns.mark(result.campaign.id, [owner], "received_on", date(2027, 8, 1))  # outside the stack
    before = digest(path)
    with pytest.raises(ConcurrentChangeError, match=UNDO):
        step.undo()
    assert digest(path) == before


def test_an_undone_campaigns_id_is_never_given_to_the_next_one(service, tmp_path):
    """Its workbooks name it by uuid, the command line and the window by id: a new campaign after an undo
    gets a new id (db/ids.py), as actions and meetings do."""
    path, campaigns = service
    first = campaigns.create(Campaign(1, "Revue de projets 2027", date(2027, 7, 1), date(2027, 9, 30)),
                             tmp_path / "a").campaign
    campaigns.creation_step(first.id).undo()
    second = campaigns.create(Campaign(1, "Revue de projets 2027 bis", date(2027, 7, 1), date(2027, 9, 30)),
                              tmp_path / "b").campaign
    assert second.id > first.id
