"""Writing the accepted rows of a first import, in one transaction, and undoing it.

Every action goes through ``ActionService.save`` (same rules, same history as the action form), with
the history context "Import du fichier « NAME »". Any refusal rolls the whole import back: the
workspace file is left byte for byte as it was. ``ImportResult`` keeps what undo and redo need: the
actions created (as saved, with their ids), the previous and new state of the actions updated, the
organisations created.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Section
from crte_desktop.domain.directory import Funder, Organisation
from crte_desktop.domain.errors import DomainError, ValidationError
from crte_desktop.domain.wording import plural
from crte_desktop.editing.actions import ActionBundle, ActionService
from crte_desktop.editing.steps import Step
from crte_desktop.excel.first_import.preview import UPDATE, ImportPreview, RowPreview
from crte_desktop.excel.problems import ImportProblem, ImportRefused


@dataclass
class ImportResult:
    file_name: str
    created: list[ActionBundle] = field(default_factory=list)
    updated: list[tuple[ActionBundle, ActionBundle]] = field(default_factory=list)  # (before, after)
    organisations: list[Organisation] = field(default_factory=list)
    funders: list[Funder] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # parents before children
    changes: Changes = field(default_factory=Changes)
    # the updated actions as the last undo left them: its redo refuses to go over a change made since
    put_back: dict[int, ActionBundle] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.created) + len(self.updated)

    @property
    def context(self) -> str:
        return f"Import du fichier « {self.file_name} »"

    def summary(self) -> str:
        n, m = len(self.created), len(self.updated)
        text = f"{n} action{'s' if n > 1 else ''} créée{'s' if n > 1 else ''}, {m} mise{'s' if m > 1 else ''} à jour"
        if self.organisations:
            k = len(self.organisations)
            text += f", {k} organisation{'s' if k > 1 else ''} ajoutée{'s' if k > 1 else ''} à l'annuaire"
        if self.funders:
            k = len(self.funders)
            text += f", {k} financeur{'s' if k > 1 else ''} ajouté{'s' if k > 1 else ''}"
        if self.sections:
            k = len(self.sections)
            text += f", {k} section{'s' if k > 1 else ''} créée{'s' if k > 1 else ''}"
        return text + "."


def apply(store, preview: ImportPreview, accepted_rows: Iterable[int] | None = None, control=None) -> ImportResult:
    """Import the rows numbered ``accepted_rows`` (by default every importable row). Raises ImportRefused
    (nothing written) when a row is not importable or a rule refuses it now. ``control`` (a
    progress.Progress, optional) is told the progress and may cancel: everything is then rolled back."""
    if preview.errors:
        raise ImportRefused(preview.errors)
    rows = _accepted(preview, accepted_rows)
    result = ImportResult(preview.file_name)
    store.snapshot_before("import")  # a version to go back to (issue 9)
    job = _Job(store, preview, result, control)
    try:
        with store.context(result.context), store.transaction():
            job.run(rows)
    except BaseException:
        if job.touched:  # views that reloaded during the attempt read the truth again
            store.notify(Changes(actions=set(job.touched)))
        raise
    result.changes = Changes(actions=set(job.touched), organisations={o.id for o in result.organisations},
                             **_extra_changes(result))
    return result


def _accepted(preview: ImportPreview, accepted_rows: Iterable[int] | None) -> list[RowPreview]:
    if accepted_rows is None:
        rows = preview.importable_rows
    else:
        wanted = set(accepted_rows)
        rows = [r for r in preview.rows if r.number in wanted]
        unknown = wanted - {r.number for r in rows}
        refused = [ImportProblem("Cette ligne ne fait pas partie de l'aperçu.", sheet=preview.table.sheet, row=n)
                   for n in sorted(unknown)]
        refused += [ImportProblem("Cette ligne a des erreurs ou est ignorée : elle ne peut pas être importée.",
                                  sheet=preview.table.sheet, row=r.number) for r in rows if not r.importable]
        if refused:
            raise ImportRefused(refused)
    if not rows:
        raise ImportRefused("Aucune ligne à importer : cochez au moins une ligne sans erreur.")
    return rows


class _Job:
    def __init__(self, store, preview: ImportPreview, result: ImportResult, control):
        self.store = store
        self.preview = preview
        self.result = result
        self.control = control
        self.service = ActionService(store)
        self.actions = ActionRepository(store)
        self.touched: list[int] = []
        self.problems: list[ImportProblem] = []

    def run(self, rows: list[RowPreview]) -> None:
        with self.service.reference_data_read_once():
            self._run(rows)

    def _run(self, rows: list[RowPreview]) -> None:
        # the contract's references, read once: a reference taken since the preview refuses the import
        self.taken = {r.casefold(): i for r, i in self.actions.reference_ids(self.preview.contract_id).items()}
        organisations = self.create_organisations(rows)
        self.funders = self.create_funders(rows)
        self.sections = self.create_sections(rows)
        for done, row in enumerate(rows):
            if self.control is not None:
                self.control.check()
                self.control.report(done, len(rows), f"Import de la ligne {row.number}…")
            self.save_row(row, organisations)
        if self.control is not None:
            self.control.check()  # a cancellation up to the last moment rolls everything back
            self.control.report(len(rows), len(rows), "Enregistrement…")
        if self.problems:
            raise ImportRefused(self.problems)

    def create_funders(self, rows: list[RowPreview]) -> dict[str, int]:
        directory = DirectoryRepository(self.store)
        ids = {}
        for key in dict.fromkeys(k for r in rows for k in r.new_funders.values()):
            funder = copy.copy(self.preview.new_funders[key])
            directory.save_funder(funder)
            self.result.funders.append(funder)
            ids[key] = funder.id
        return ids

    def create_sections(self, rows: list[RowPreview]) -> dict[str, int]:
        """The new sections the accepted rows need, each after its parent, at the end of its siblings."""
        wanted: set[str] = set()
        for key in (r.new_section for r in rows if r.new_section):
            while key is not None and key not in wanted:
                wanted.add(key)
                key = self.preview.new_sections[key].parent_key
        contracts = ContractRepository(self.store)
        existing = contracts.sections(self.preview.contract_id)
        ids: dict[str, int] = {}
        for key, planned in self.preview.new_sections.items():
            if key not in wanted:
                continue
            parent_id = ids[planned.parent_key] if planned.parent_key else planned.parent_id
            position = sum(1 for s in existing if s.parent_id == parent_id)
            section = Section(self.preview.contract_id, planned.title, parent_id=parent_id, position=position)
            contracts.save_section(section)
            existing.append(section)
            self.result.sections.append(copy.copy(section))
            ids[key] = section.id
        return ids

    def create_organisations(self, rows: list[RowPreview]) -> dict[str, int]:
        directory = DirectoryRepository(self.store)
        ids = {}
        for key in dict.fromkeys([r.new_owner for r in rows if r.new_owner] + [k for r in rows for k in r.new_partners]):
            org = copy.copy(self.preview.new_organisations[key])
            directory.save_organisation(org)
            self.result.organisations.append(org)
            ids[key] = org.id
        return ids

    def save_row(self, row: RowPreview, organisations: dict[str, int]) -> None:
        where = dict(sheet=self.preview.table.sheet, row=row.number)
        bundle = _copy(row.bundle)
        if row.new_owner:
            bundle.action.owner_id = organisations[row.new_owner]
        for key in row.new_partners:
            if organisations[key] not in bundle.action.partner_ids:
                bundle.action.partner_ids.append(organisations[key])
        if row.new_section:
            bundle.action.section_id = self.sections[row.new_section]
        for i, key in row.new_funders.items():
            bundle.financing[i].funder_id = self.funders[key]
        before = None
        if row.kind == UPDATE:
            current = self.actions.get(row.action_id)
            if current is None:
                self.problems.append(ImportProblem(f"L'action « {row.reference} » a été supprimée depuis l'aperçu : "
                                                   "relancez l'aperçu.", **where))
                return
            if current.row_version != row.row_version:
                self.problems.append(ImportProblem(f"L'action « {row.reference} » a été modifiée depuis l'aperçu : "
                                                   "relancez l'aperçu.", **where))
                return
            before = self.service.load(row.action_id)
        ref = bundle.action.reference.casefold()
        if self.taken.get(ref, bundle.action.id) != bundle.action.id:
            ref_text = bundle.action.reference
            self.problems.append(ImportProblem(f"La référence « {ref_text} » existe déjà dans ce contrat. "
                                               f"(action « {ref_text} »)", **where))
            return
        try:
            self.service.save(bundle, frozenset())
        except ValidationError as exc:
            self.problems += [ImportProblem(f"{p.message} (action « {bundle.action.reference} »)", **where)
                              for p in exc.problems]
            return
        self.touched.append(bundle.action.id)
        self.taken[ref] = bundle.action.id
        if before is None:
            self.result.created.append(bundle)  # saved from a copy: nothing changes it any more
        else:
            self.result.updated.append((before, bundle.copy()))


def _copy(bundle: ActionBundle) -> ActionBundle:
    """A copy the import may change (ids given by the save…), the preview's left as it was; much quicker
    than a deep copy for thousands of rows."""
    action = dataclasses.replace(bundle.action, partner_ids=list(bundle.action.partner_ids),
                                 commune_ids=list(bundle.action.commune_ids))
    return ActionBundle(action, [dataclasses.replace(x) for x in bundle.financing], copy.deepcopy(bundle.indicators),
                        [dataclasses.replace(x) for x in bundle.assessment])


def _extra_changes(result: ImportResult) -> dict:
    return dict(sections={s.id for s in result.sections}, reference=bool(result.funders),
                contracts={s.contract_id for s in result.sections})


# -- undo and redo ------------------------------------------------------------------------------------
def undo_import(store, result: ImportResult) -> Changes:
    """Delete the actions the import created, put back the ones it updated, remove the organisations it
    added (when nothing uses them), in one transaction. Refused (ConcurrentChangeError, worded for an undo,
    nothing written) when an action it would delete or put back was changed since the import (or its redo)."""
    service = ActionService(store)
    actions = ActionRepository(store)
    directory = DirectoryRepository(store)
    touched: set[int] = set()
    with store.context(f"Annulation de l'import du fichier « {result.file_name} »"), store.transaction():
        for bundle in result.created:
            current = actions.get(bundle.action.id)
            # an id SQLite gave again to another action since is not ours to delete
            if current is not None and current.reference.casefold() == bundle.action.reference.casefold():
                service.delete(bundle.action.id, expected_version=service.version_to_expect(bundle))
                touched.add(bundle.action.id)
        put_back: dict[int, ActionBundle] = {}
        for before, after in result.updated:
            again = before.copy()
            again.action.row_version = service.version_to_expect(after)  # refused if changed since the import
            service.save(again, undoing=True)
            put_back[again.action.id] = again
            touched.add(before.action.id)
        for org in result.organisations:
            current = directory.organisation(org.id)
            if current is not None and current.name == org.name and directory.organisation_usage(org.id) == 0:
                directory.delete_organisation(org.id)
        funders = {f.id: f for f in directory.funders()}
        for funder in result.funders:
            current = funders.get(funder.id)
            if current is not None and current.name == funder.name and directory.funder_usage(funder.id) == 0:
                directory.delete_funder(funder.id)
        contracts = ContractRepository(store)
        for section in reversed(result.sections):  # children first
            current = contracts.section(section.id)
            if current is not None and current.title == section.title and contracts.section_usage(section.id) == 0:
                contracts.delete_section(section.id)
    result.put_back = put_back
    return store.notify(Changes(actions=touched, organisations={o.id for o in result.organisations},
                                **_extra_changes(result)))


def redo_import(store, result: ImportResult) -> Changes:
    """Write the import again. Records created by the import are created anew (SQLite may have given
    their former ids to others since), and ``result`` is updated so that undo finds them. Raises
    DomainError when the workspace moved on in a way that forbids it (a reference taken meanwhile…);
    nothing is then written — as when an updated action was changed since the undo (ConcurrentChangeError)."""
    service = ActionService(store)
    directory = DirectoryRepository(store)
    contracts = ContractRepository(store)
    created, updated, organisations, funders, sections = [], [], [], [], []
    with store.context(result.context), store.transaction():
        new_ids: dict[int, int] = {}
        for org in result.organisations:
            fresh = copy.copy(org)
            fresh.id = None
            directory.save_organisation(fresh)
            new_ids[org.id] = fresh.id
            organisations.append(fresh)
        funder_ids: dict[int, int] = {}
        for funder in result.funders:
            fresh = copy.copy(funder)
            fresh.id = None
            directory.save_funder(fresh)
            funder_ids[funder.id] = fresh.id
            funders.append(fresh)
        section_ids: dict[int, int] = {}
        for section in result.sections:
            fresh = copy.copy(section)
            fresh.id = None
            fresh.parent_id = section_ids.get(section.parent_id, section.parent_id)
            contracts.save_section(fresh)
            section_ids[section.id] = fresh.id
            sections.append(copy.copy(fresh))
        for bundle in result.created:
            fresh = bundle.copy()
            fresh.action.id = None
            fresh.action.section_id = section_ids.get(fresh.action.section_id, fresh.action.section_id)
            fresh.action.partner_ids = [new_ids.get(i, i) for i in fresh.action.partner_ids]
            for line in fresh.financing:
                line.id = None
                line.funder_id = funder_ids.get(line.funder_id, line.funder_id)
            created.append(_save_again(service, fresh, new_ids))
        for before, after in result.updated:
            fresh = after.copy()
            kept = {line.id for line in before.financing}
            fresh.action.section_id = section_ids.get(fresh.action.section_id, fresh.action.section_id)
            fresh.action.partner_ids = [new_ids.get(i, i) for i in fresh.action.partner_ids]
            for line in fresh.financing:
                line.funder_id = funder_ids.get(line.funder_id, line.funder_id)
                if line.id not in kept:
                    line.id = None
            left = result.put_back.get(fresh.action.id)  # as the undo left it
            if left is not None:
                fresh.action.row_version = service.version_to_expect(left)
            updated.append((before, _save_again(service, fresh, new_ids, check_version=left is not None)))
    result.created, result.updated, result.organisations = created, updated, organisations
    result.funders, result.sections = funders, sections
    touched = {b.action.id for b in created} | {b.action.id for _b, b in updated}
    return store.notify(Changes(actions=touched, organisations={o.id for o in organisations},
                                **_extra_changes(result)))


def import_step(store: Store, result: ImportResult) -> Step:
    """The undo step of an import just applied. Undo and redo run on a connection of their own (as the
    import itself ran off the GUI thread), then tell ``store``'s listeners once: saved through ``store``,
    each of hundreds of actions would make the views reload."""

    def in_one_notice(step) -> Changes:
        with Store.sibling(store) as own:  # sharing the claim of the open workspace
            changes = step(own, result)
        return store.notify(changes)

    label = f"Import de {plural(result.count, 'action')} depuis « {result.file_name} »"
    return Step(label, lambda: in_one_notice(redo_import), lambda: in_one_notice(undo_import))


def _save_again(service: ActionService, bundle: ActionBundle, new_ids: dict[int, int], *,
                check_version: bool = False) -> ActionBundle:
    """Save ``bundle`` again in a redo: a created action anew; an updated one ``check_version``-ed against the
    version its undo left (``row_version``)."""
    if bundle.action.owner_id in new_ids:
        bundle.action.owner_id = new_ids[bundle.action.owner_id]
    try:
        service.save(bundle, undoing=True, check_version=check_version)
    except ValidationError as exc:
        raise DomainError(f"L'import ne peut pas être rétabli (action « {bundle.action.reference} ») : {exc}") from exc
    return bundle.copy()
