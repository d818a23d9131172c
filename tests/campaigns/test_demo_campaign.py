"""The demo holds a revue de projets campaign in progress, labelled as demonstration values."""

from datetime import date

from crte_desktop.db.repos.campaign import CampaignRepository
from crte_desktop.db.store import Store
from tests.cli.conftest import demo_master  # noqa: F401


def test_the_demo_campaign_is_in_progress(demo_master):
    with Store.open_read_only(demo_master) as store:
        repo = CampaignRepository(store)
        [campaign] = repo.for_contract(1)
        assert campaign.name.endswith("(démonstration)")
        assert campaign.start_date < date.today() < campaign.end_date
        owners = repo.owners(campaign.id)
        states = [o.state for o in owners]
        assert "Intégré" in states and "Reçu, à intégrer" in states and "À envoyer" in states
        assert repo.for_contract(2) == []
