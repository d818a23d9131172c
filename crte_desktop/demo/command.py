"""``crte-desktop demo OUT.crte [--force]``: write the demo workspace."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.db.queries.action_table import action_count
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import write_demo
from crte_desktop.domain.errors import DomainError


def run(args) -> int:
    out = Path(args.out)
    if out.is_dir():
        raise DomainError(f"« {out} » est un dossier : donnez le nom du fichier .crte à écrire.")
    if out.exists() and not args.force:
        raise DomainError(f"Le fichier « {out} » existe déjà ; il n'a pas été modifié. "
                          "Ajoutez --force pour le remplacer.")
    write_demo(out, overwrite=args.force)
    with Store.open_read_only(out) as store:
        contracts = ContractRepository(store).contracts()
        names = ", ".join(c.name for c in contracts)
        print(f"Espace de travail de démonstration écrit dans « {out} » : {len(contracts)} contrats ({names}), "
              f"{action_count(store)} actions.")
    return 0
