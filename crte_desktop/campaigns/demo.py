"""The demo's revue de projets campaign in progress (demonstration values, not from the seeds): opened three
weeks before today, due in six weeks; of its maîtres d'ouvrage, about half were sent their workbook, a few
reminded, two answered and one of these was integrated. No workbook file is written."""

from __future__ import annotations

from datetime import date, timedelta

from crte_desktop.db.repos.campaign import CampaignRepository
from crte_desktop.domain.campaign import Campaign
from crte_desktop.excel.campaign_workbook import default_out_name

DEMO_LABEL = "(démonstration)"


def add_demo_campaign(store, contract_id: int, today: date | None = None) -> Campaign | None:
    today = today or date.today()
    repo = CampaignRepository(store)
    owners = repo.contract_owners(contract_id)
    if not owners:
        return None
    start, end = today - timedelta(days=21), today + timedelta(days=42)
    campaign = Campaign(contract_id, f"Revue de projets {start.year} {DEMO_LABEL}", start, end)
    with store.transaction():
        repo.create(campaign, [(owner_id, default_out_name(name)) for owner_id, name, _short in owners])
        sent = owners[: max(1, (len(owners) + 1) // 2)]
        for i, (owner_id, _name, _short) in enumerate(sent):
            repo.set_date(campaign.id, owner_id, "sent_on", start + timedelta(days=1))
            if i % 3 == 2:
                repo.set_date(campaign.id, owner_id, "reminded_on", start + timedelta(days=15))
            if i < 2:
                repo.set_date(campaign.id, owner_id, "received_on", start + timedelta(days=10 + i))
            if i == 0:
                repo.set_date(campaign.id, owner_id, "integrated_on", start + timedelta(days=12))
    return campaign
