"""Revue de projets campaigns as the Workspace offers them: the campaigns of a contract, their owners'
tracking, creating one with its workbooks (campaigns/generate.py does the writing) — and the undo steps of
these operations (editing/steps.py), each next to its operation: dating owners puts their previous dates
back; creating a campaign is undone by deleting it with its owners (the workbooks written stay in their
folder) and redone by putting it back with the same id and uuid, so that its workbooks belong to it again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.campaign import CAMPAIGNS, CampaignRepository
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.domain.campaign import TRACKING, Campaign, CampaignOwner
from crte_desktop.domain.dates import format_date, from_iso
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural
from crte_desktop.editing.steps import Step, state_step

_OWNER_DATE = {name: 2 + i for i, name in enumerate(TRACKING)}  # its place in CampaignRepository.owner_rows
_OWNER = "maître d'ouvrage"
_GONE = "absent"  # the date of an owner no longer in the campaign (never equal to a date)


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

    def mark_step(self, campaign_id: int, owner_ids: list[int], field: str, day: date | None) -> Step:
        """``mark`` as an undo step: its undo puts back the dates the owners had."""
        if field not in TRACKING:
            raise DomainError(f"« {field} » n'est pas une date du suivi d'une campagne.")
        campaign = self.repo.get(campaign_id)
        if campaign is None:
            raise DomainError("Cette campagne n'existe plus dans l'espace de travail.")
        ids = [i for i in dict.fromkeys(owner_ids) if i in self._dates(campaign_id, field)]
        if not ids:
            raise DomainError("Choisissez d'abord les maîtres d'ouvrage de la campagne à dater.")

        def read() -> dict[int, str | None]:
            dates = self._dates(campaign_id, field)
            return {i: dates.get(i, _GONE) for i in ids}

        def put_back(dates: dict[int, str | None]) -> None:
            self.mark_each(campaign_id, field, {i: from_iso(d) for i, d in dates.items()})

        def refusal(now, expected) -> str:
            changed = [i for i in ids if now.get(i) != expected.get(i)]
            names = {o.owner_id: o.owner_name for o in self.repo.owners(campaign_id)}
            return changed_elsewhere_message(
                f"Le suivi de la campagne « {campaign.name} »", [],
                [(f"{TRACKING[field]} ({names.get(i, i)})", _shown(now.get(i)), _shown(expected.get(i)))
                 for i in changed], undo=True, feminine=False)

        return state_step(f"{TRACKING[field]} : {plural(len(ids), _OWNER)}", read, put_back, refusal,
                          self.store.transaction,
                          apply=lambda: self.mark(campaign_id, ids, field, day))

    def mark_each(self, campaign_id: int, field: str, dates: dict[int, date | None]) -> Changes:
        """Give each owner its own date (``mark`` gives them all the same)."""
        with self.store.transaction():
            for owner_id, day in dates.items():
                self.repo.set_date(campaign_id, owner_id, field, day)
        return self.store.notify(Changes(extra={CAMPAIGNS}))

    def _dates(self, campaign_id: int, field: str) -> dict[int, str | None]:
        return {row[0]: row[_OWNER_DATE[field]] for row in self.repo.owner_rows(campaign_id)}

    def create(self, campaign: Campaign, out_dir: Path | str, control=None):
        from crte_desktop.campaigns.generate import create_campaign

        return create_campaign(self.store, campaign, out_dir, control=control)

    def creation_step(self, campaign_id: int) -> Step:
        """The undo step of a campaign ``create`` has just recorded (off the GUI thread, hence after the fact)."""
        campaign = self.repo.get(campaign_id)
        if campaign is None:
            raise DomainError("Cette campagne n'existe plus dans l'espace de travail.")

        def read():
            stored = self.repo.get(campaign_id)
            return (stored, self.repo.owner_rows(campaign_id)) if stored is not None else None

        def put_back(state) -> None:
            with self.store.transaction():
                if state is None:
                    self.repo.delete(campaign_id)
                else:
                    self.repo.restore(*state)
            self.store.notify(Changes(extra={CAMPAIGNS}))

        def refusal(now, expected) -> str:
            names = {o.owner_id: o.owner_name for o in self.repo.owners(campaign_id)}
            now_rows = {r[0]: r for r in (now[1] if now else [])}
            differences = []
            for row in expected[1] if expected else []:
                stored = now_rows.get(row[0], row)
                differences += [(f"{label} ({names.get(row[0], row[0])})", _shown(stored[_OWNER_DATE[field]]),
                                 _shown(row[_OWNER_DATE[field]]))
                                for field, label in TRACKING.items() if stored[_OWNER_DATE[field]] != row[_OWNER_DATE[field]]]
            return changed_elsewhere_message(f"La campagne « {campaign.name} »", [], differences, undo=True)

        return state_step(f"Nouvelle campagne « {campaign.name} »", read, put_back, refusal,
                          self.store.transaction, before=None)


def _shown(iso: str | None) -> str:
    return format_date(from_iso(iso)) if iso and iso != _GONE else ""
