"""Creating a campaign and writing one workbook per maître d'ouvrage into a folder.

All or nothing: the workbooks are written into a temporary folder beside the targets, the campaign is
recorded in the same transaction, and only when every workbook is written are they moved into place and
the transaction committed. A target that already exists refuses the whole campaign.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from crte_desktop.db.repos.campaign import CAMPAIGNS, CampaignRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.domain.campaign import Campaign, campaign_problems
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.excel import workbook_data
from crte_desktop.excel.campaign_workbook import default_out_name, owner_data, write_campaign_workbook


@dataclass
class CampaignResult:
    campaign: Campaign
    files: list[tuple[str, Path]] = field(default_factory=list)  # (owner name, workbook)
    seconds: float = 0.0

    @property
    def changes(self) -> Changes:
        """What the views must refresh (announced by ``WriteOp`` on the GUI thread)."""
        return Changes(extra={CAMPAIGNS})

    def summary(self) -> str:
        n = len(self.files)
        took = f"{self.seconds:.1f}".replace(".", ",")
        return (f"Campagne « {self.campaign.name} » (n° {self.campaign.id}) créée : {n} classeur{'s' if n > 1 else ''} "
                f"écrit{'s' if n > 1 else ''} en {took}\u00a0s.")


def _targets(out_dir: Path, owners: list[tuple[int, str, str]]) -> list[tuple[int, str, Path]]:
    used: set[str] = set()
    result = []
    for owner_id, name, _short in owners:
        file_name = default_out_name(name)
        stem, n = file_name[:-5], 2
        while file_name.casefold() in used:
            file_name = f"{stem} ({n}).xlsx"
            n += 1
        used.add(file_name.casefold())
        result.append((owner_id, name, out_dir / file_name))
    return result


def create_campaign(store, campaign: Campaign, out_dir: Path | str, *, control=None) -> CampaignResult:
    """Record ``campaign`` with every owner of the contract's actions and write their workbooks to ``out_dir``."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    if ContractRepository(store).contract(campaign.contract_id) is None:
        raise DomainError(f"Aucun contrat n'a l'identifiant {campaign.contract_id} dans cet espace de travail.")
    problems = campaign_problems(campaign)
    if problems:
        raise ValidationError(problems)
    if out_dir.exists() and not out_dir.is_dir():
        raise DomainError(f"« {out_dir} » n'est pas un dossier.")
    if not out_dir.parent.is_dir():
        raise DomainError(f"Le dossier « {out_dir.parent} » n'existe pas.")
    repo = CampaignRepository(store)
    owners = repo.contract_owners(campaign.contract_id)
    if not owners:
        raise DomainError("Aucune action de ce contrat n'a de maître d'ouvrage : il n'y a personne à qui envoyer "
                          "un classeur.")
    targets = _targets(out_dir, owners)
    existing = [p.name for _, _, p in targets if p.exists()]
    if existing:
        raise DomainError(f"Le dossier « {out_dir} » contient déjà {', '.join(f'« {n} »' for n in existing[:5])}"
                          f"{' …' if len(existing) > 5 else ''} : choisissez un dossier vide, rien n'a été écrit.")
    data = workbook_data.load(store, campaign.contract_id)
    by_owner = repo.action_ids_by_owner(campaign.contract_id)
    created_dir = not out_dir.exists()
    out_dir.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".campagne-", dir=out_dir))
    result = CampaignResult(campaign)
    moved: list[Path] = []
    try:
        with store.transaction():
            repo.create(campaign, [(owner_id, path.name) for owner_id, _name, path in targets])
            exported_at = datetime.now().replace(microsecond=0)
            for owner_id, name, path in targets:
                if control is not None:
                    control.check()
                write_campaign_workbook(tmp / path.name, owner_data(data, by_owner.get(owner_id, set())), campaign,
                                        owner_id, name, exported_at)
            for _owner_id, name, path in targets:
                os.replace(tmp / path.name, path)
                moved.append(path)
                result.files.append((name, path))
    except BaseException:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if created_dir and not moved:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
    store.notify(result.changes)
    result.seconds = time.perf_counter() - started
    return result
