"""Revue de projets campaigns as the Workspace offers them: the campaigns of a contract, their owners'
tracking, creating one with its workbooks (campaigns/generate.py does the writing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.campaign import CAMPAIGNS, CampaignRepository
from crte_desktop.domain.campaign import Campaign, CampaignOwner


class CampaignService:
    KIND = CAMPAIGNS  # Changes.extra kind announced by every write

    def __init__(self, store):
        self.store = store
        self.repo = CampaignRepository(store)

    def for_contract(self, contract_id: int) -> list[Campaign]:
        return self.repo.for_contract(contract_id)

    def get(self, campaign_id: int) -> Campaign | None:
        return self.repo.get(campaign_id)

    def owners(self, campaign_id: int) -> list[CampaignOwner]:
        return self.repo.owners(campaign_id)

    def mark(self, campaign_id: int, owner_ids: list[int], field: str, day: date | None) -> Changes:
        """Date the owners' ``field`` (sent_on, reminded_on, received_on, integrated_on), in one transaction."""
        with self.store.transaction():
            for owner_id in owner_ids:
                self.repo.set_date(campaign_id, owner_id, field, day)
        return self.store.notify(Changes(extra={CAMPAIGNS}))

    def create(self, campaign: Campaign, out_dir: Path | str, control=None):
        from crte_desktop.campaigns.generate import create_campaign

        return create_campaign(self.store, campaign, out_dir, control=control)
