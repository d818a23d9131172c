"""The demo workspace: both seed contracts (Valenciennois, Douaisis) in one ``.crte`` file."""

from __future__ import annotations

import json
from importlib.resources.abc import Traversable
from pathlib import Path

from crte_desktop import resources
from crte_desktop.db.errors import WorkspaceError
from crte_desktop.db.store import Store
from crte_desktop.demo.crte_2023 import add_demo_2023
from crte_desktop.demo.loader import ContractLoader, DemoDataError
from crte_desktop.domain.contract import Contract
from crte_desktop.campaigns.demo import add_demo_campaign
from crte_desktop.demo.green_shares import add_demo_green_grants
from crte_desktop.meetings.demo import add_demo_meetings
from crte_desktop.reports.files import write_atomically

DEMO_FILES = ("valenciennois.json", "douaisis.json")


def demo_dir() -> Traversable:
    """The demo contracts, package data (``crte_desktop/resources/demo``): present in a wheel and a bundle."""
    return resources.demo_dir()


def load_datasets(directory: Path | Traversable | None = None,
                  names: tuple[str, ...] = DEMO_FILES) -> list[tuple[str, dict]]:
    """The demo contracts as (file name, parsed JSON) pairs."""
    directory = directory or demo_dir()
    datasets = []
    for name in names:
        path = directory / name
        try:
            datasets.append((name, json.loads(path.read_text(encoding="utf-8"))))
        except OSError as exc:
            raise DemoDataError(f"Données de démonstration introuvables : « {path} » ({exc.strerror}).") from exc
        except json.JSONDecodeError as exc:
            raise DemoDataError(f"Données de démonstration illisibles : « {path} » ({exc}).") from exc
    return datasets


def build(store: Store, datasets: list[tuple[str, dict]]) -> list[Contract]:
    """Load the datasets into an open store, in one transaction."""
    loader = ContractLoader(store)
    with store.transaction():
        contracts = [loader.load(data, name) for name, data in datasets]
        for contract, (_name, data) in zip(contracts, datasets):  # committees and meetings (meetings/demo.py)
            add_demo_meetings(store, contract.id, data.get("committees", []), dataset=data)
        add_demo_2023(store)  # phases, SGPE levers, Fonds vert lines: demonstration values
        add_demo_green_grants(store)  # 2025 DETR and DSIL grants for the green shares: demonstration values
        if contracts:  # a revue de projets campaign in progress (campaigns/demo.py)
            add_demo_campaign(store, contracts[0].id)
        return contracts


def write_demo(path: Path | str, *, overwrite: bool = False,
               datasets: list[tuple[str, dict]] | None = None) -> Path:
    """Write the demo workspace to ``path`` atomically: built in a temporary file beside it, then renamed.

    An existing file is refused unless ``overwrite``; on any failure nothing is left behind."""
    path = Path(path)
    if path.is_dir():
        raise WorkspaceError(f"« {path.name} » est un dossier.")
    if path.exists() and not overwrite:
        raise WorkspaceError(f"Le fichier « {path.name} » existe déjà ; il n'a pas été modifié.")
    datasets = load_datasets() if datasets is None else datasets
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        store = Store.create(tmp, overwrite=True)
        try:
            build(store, datasets)
        finally:
            store.close()
        if path.exists() and not overwrite:  # appeared meanwhile
            raise WorkspaceError(f"Le fichier « {path.name} » existe déjà ; il n'a pas été modifié.")

    return write_atomically(path, write)
