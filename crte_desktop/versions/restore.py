"""Going back to a version: the whole workspace, or one action deleted since with its financing,
indicators and assessment. A snapshot of the workspace as it is is always taken first, so that a
restore can itself be undone by restoring that snapshot."""

from __future__ import annotations

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConstraintError
from crte_desktop.db.queries.versions import version_labelled_rows
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.db.versions import Snapshot, restore_into
from crte_desktop.domain.errors import DomainError
from crte_desktop.editing.actions import ActionService
from crte_desktop.versions.compare import compare


def restore_whole(store: Store, snap: Snapshot) -> Changes:
    """Replace the content of the open workspace by the version ``snap`` (snapshot of today's state first)."""
    if store.read_only:
        raise DomainError("L'espace de travail est ouvert en lecture seule : il ne peut pas être restauré.")
    store.snapshot_before("restauration")
    restore_into(store, snap.path)  # migrated if taken before an update of the application
    return store.notify(Changes(everything=True))


def deleted_actions(store: Store, snap: Snapshot) -> list[tuple[int, str]]:
    """The actions of the version that no longer exist: (id, « reference — title »)."""
    comparison = compare(store, snap.path)
    rows = version_labelled_rows(snap.path, ["actions"])["actions"]
    return [(i, rows[i][0]) for i in comparison.removed_action_ids]


def restore_action(store: Store, snap: Snapshot, action_id: int) -> Changes:
    """Put back the action ``action_id`` of the version, with its financing, indicators and assessment
    (same ids). Refused, nothing written, when it still exists or when what it refers to is gone."""
    if store.read_only:
        raise DomainError("L'espace de travail est ouvert en lecture seule : rien ne peut y être restauré.")
    service = ActionService(store)
    if service.actions.get(action_id) is not None:
        raise DomainError("Cette action existe toujours : ouvrez-la pour la modifier.")
    with Store.open_read_only(snap.path) as old:
        bundle = ActionService(old).load(action_id)
    if ContractRepository(store).contract(bundle.action.contract_id) is None:
        raise DomainError(f"Le contrat de l'action {bundle.action.reference} a été supprimé depuis : restaurez "
                          "la version entière.")
    if bundle.action.reference in service.actions.references(bundle.action.contract_id):
        raise DomainError(f"Une autre action porte aujourd'hui la référence {bundle.action.reference} : "
                          "renommez-la avant de restaurer celle-ci.")
    store.snapshot_before("restauration")
    try:
        with store.context(f"Restauration depuis la version du {snap.at:%d/%m/%Y %H:%M}"):
            return service.restore(bundle)
    except ConstraintError as exc:
        raise DomainError(f"L'action {bundle.action.reference} renvoie à une section, une organisation ou un "
                          "financeur supprimé depuis : elle n'a pas été restaurée (restaurez la version "
                          "entière, ou recréez ce qui manque).") from exc
