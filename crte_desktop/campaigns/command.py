"""``crte-desktop campaign FILE --contract ID --out DIR [--name NOM] [--start JJ/MM/AAAA] [--end JJ/MM/AAAA]``:
create a revue de projets campaign and write one workbook per maître d'ouvrage into DIR (named after the
owner). Each returned workbook is taken back with ``crte-desktop import-xlsx``."""

from __future__ import annotations

from datetime import date

from crte_desktop.campaigns.generate import create_campaign
from crte_desktop.db.store import Store
from crte_desktop.domain.campaign import default_campaign
from crte_desktop.domain.dates import parse_date
from crte_desktop.domain.errors import DomainError


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except (ValueError, DomainError) as exc:
        raise DomainError(f"{what} : « {text} » n'est pas une date (exemple : 01/07/2025).") from exc


def run(args) -> int:
    campaign = default_campaign(args.contract, date.today())
    if args.name:
        campaign.name = args.name
    campaign.start_date = _day(args.start, "Début de la campagne (--start)") or campaign.start_date
    campaign.end_date = _day(args.end, "Fin de la campagne (--end)") or campaign.end_date
    with Store.open(args.file) as store:
        result = create_campaign(store, campaign, args.out)
    print(result.summary())
    for owner, path in result.files:
        print(f"  {owner} : {path.name}")
    print("Reprenez chaque classeur renvoyé avec : crte-desktop import-xlsx FICHIER CLASSEUR.xlsx")
    return 0
