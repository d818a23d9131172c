"""The agenda (ordre du jour) of a meeting: items, their order, their actions and attached documents."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from crte_desktop.db.changes import Changes
from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.history import changed_elsewhere_message
from crte_desktop.db.repos.meeting_history import MeetingHistory, field_diff
from crte_desktop.db.repos.meeting_agenda import AgendaRepository, action_labels, actions_of_contract
from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.errors import DomainError, Problem
from crte_desktop.domain.meeting_rules import check_agenda_item, check_attachment, require_editable_minutes
from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, Attachment, CommitteeKind, LinkedAction, meeting_label,
)
from crte_desktop.meetings.base import meeting_changes, refuse
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.templates import template_for
from crte_desktop.reports.files import write_bytes


class AgendaService:
    def __init__(self, store):
        self.store = store
        self.repo = AgendaRepository(store)
        self.meetings = MeetingService(store)
        self.meeting_repo = MeetingRepository(store)

    # -- reading ------------------------------------------------------------------------------------
    def items(self, meeting_id: int) -> list[AgendaItem]:
        return self.repo.items(meeting_id)

    def get(self, item_id: int) -> AgendaItem:
        item = self.repo.item(item_id)
        if item is None:
            raise DomainError("Ce point de l'ordre du jour n'existe plus.")
        return item

    def new_item(self, meeting_id: int, kind: AgendaItemKind = AgendaItemKind.INFORMATION) -> AgendaItem:
        return AgendaItem(meeting_id=meeting_id, title="", kind=kind)

    def total_minutes(self, meeting_id: int) -> int:
        return sum(i.duration_minutes for i in self.repo.items(meeting_id))

    def link(self, action_id: int) -> LinkedAction:
        """A link to an existing action, with its "reference — title" label."""
        label = action_labels(self.store, [action_id]).get(action_id)
        if label is None:
            raise DomainError("Cette action n'existe plus (elle a peut-être été supprimée).")
        return LinkedAction(action_id, label)

    # -- rules --------------------------------------------------------------------------------------
    def problems(self, item: AgendaItem) -> list[Problem]:
        """Broken rules; a link to an action is refused when the action does not exist, unless the link was
        saved before the action's deletion (the agenda then keeps the action's reference text)."""
        links = item.actions
        old = self.repo.item(item.id) if item.id is not None else None
        if old is not None:
            deleted_before = {a.label for a in old.actions if a.deleted}
            links = [a for a in item.actions if not (a.deleted and a.label in deleted_before)]
        return check_agenda_item(item) + linked_action_problems(self.store, self.meeting_repo, item.meeting_id, links,
                                                                "ce point")

    # -- writing ------------------------------------------------------------------------------------
    def save_item(self, item: AgendaItem, *, loaded: AgendaItem | None = None) -> Changes:
        """Create or update an item. Refused (ConcurrentChangeError, nothing written) when it was changed
        elsewhere since ``item`` was loaded (``loaded``: the item as loaded, to name only what changed
        elsewhere)."""
        meeting = self.meetings.get(item.meeting_id)
        require_editable_minutes(meeting)
        old = self.repo.item(item.id) if item.id is not None else None
        if old is not None and old.meeting_id != item.meeting_id:
            raise DomainError("Un point de l'ordre du jour ne change pas de séance.")
        refuse(self.problems(item))
        with self.store.transaction():
            self.refuse_if_changed_elsewhere(item, loaded=loaded)
            self.repo.save_item(item, self.meetings.label(meeting))
            if old is None:  # a new item (or one put back by undo) takes its place, the others follow
                ids = [i.id for i in self.repo.items(meeting.id) if i.id != item.id]
                ids.insert(max(0, min(item.position - 1, len(ids))), item.id)
                self.repo.set_positions(meeting.id, ids)
        return self.store.notify(meeting_changes(meeting.id, set(item.action_ids)))

    def delete_item(self, item_id: int, *, expected_version: int | None = None) -> Changes:
        """Remove an item with its attached documents; its decisions and follow-ups stay in the meeting.
        ``expected_version`` (the item as shown): refused if it was changed elsewhere since."""
        item = self.get(item_id)
        require_editable_minutes(self.meetings.get(item.meeting_id))
        if expected_version is not None:
            self.refuse_if_changed_elsewhere(item, expected=expected_version)
        with self.store.transaction():
            self.repo.delete_item(item_id)
            self.repo.set_positions(item.meeting_id, [i.id for i in self.repo.items(item.meeting_id)])
        return self.store.notify(meeting_changes(item.meeting_id))

    def move(self, item_id: int, new_index: int) -> Changes:
        """Move an item to ``new_index`` (0-based, clamped) in its meeting's agenda."""
        item = self.get(item_id)
        require_editable_minutes(self.meetings.get(item.meeting_id))
        ids = [i.id for i in self.repo.items(item.meeting_id)]
        old_index = ids.index(item_id)
        new_index = max(0, min(new_index, len(ids) - 1))
        if new_index == old_index:
            return Changes()
        ids.insert(new_index, ids.pop(old_index))
        with self.store.transaction():
            self.repo.set_positions(item.meeting_id, ids)
            self.repo.history.meeting(item.meeting_id, [(f"Point « {item.title} » : Ordre", str(old_index + 1),
                                                         str(new_index + 1))])
        return self.store.notify(meeting_changes(item.meeting_id))

    def move_by(self, item_id: int, delta: int) -> Changes:
        """Move up (delta -1) or down (+1)."""
        ids = [i.id for i in self.repo.items(self.get(item_id).meeting_id)]
        return self.move(item_id, ids.index(item_id) + delta)

    def apply_template(self, meeting_id: int, kind: CommitteeKind | None = None) -> Changes:
        """Append the typical agenda of the committee's kind (a COTECH or a COPIL)."""
        meeting = self.meetings.get(meeting_id)
        require_editable_minutes(meeting)
        committee = self.meetings.committee_of(meeting)
        previous = self.meetings.previous(meeting)
        label = self.meetings.label(meeting)
        with self.store.transaction():
            for t in template_for(kind or committee.kind):
                title = t.title
                if t.kind is AgendaItemKind.PREVIOUS_MINUTES and previous is not None:
                    title = f"Validation du compte rendu du {meeting_label(committee, previous)}"
                self.repo.save_item(AgendaItem(meeting_id=meeting_id, title=title, kind=t.kind,
                                               change_kind=t.change_kind, presenter=t.presenter,
                                               duration_minutes=t.duration_minutes, description=t.description), label)
        return self.store.notify(meeting_changes(meeting_id))

    def template_warning(self, meeting_id: int, kind: CommitteeKind | None) -> str | None:
        """A French warning when ``kind``'s typical agenda is not that of the meeting's own committee."""
        committee = self.meetings.committee_of(self.meetings.get(meeting_id))
        if kind is None or kind is committee.kind:
            return None
        return (f"Ordre du jour type d'un {kind.label} appliqué à une séance du {committee.kind.label} : "
                "vérifiez les points ajoutés (Ctrl+Z pour annuler).")

    def refuse_if_changed_elsewhere(self, item: AgendaItem, *, expected: int | None = None,
                                    loaded: AgendaItem | None = None) -> None:
        """Optimistic concurrency: refuse to write over an item changed since it was loaded (another window,
        a colleague on a share whose locks lie), naming what differs from ``loaded`` (default: ``item``)."""
        mine = loaded or item
        if item.id is None:
            return
        current = self.repo.version(item.id)
        if current is None or current == (item.row_version if expected is None else expected):
            return
        stored = self.repo.item(item.id)
        differences = [(label, now or "", before or "") for label, before, now in
                       field_diff(mine, stored, skip=("actions", "meeting_id", "position"))]
        if [a.label for a in stored.actions] != [a.label for a in mine.actions]:
            differences.append(("Actions concernées", ", ".join(a.label for a in stored.actions) or "aucune",
                                ", ".join(a.label for a in mine.actions) or "aucune"))
        raise ConcurrentChangeError(changed_elsewhere_message(
            f"Le point « {stored.title} » de l'ordre du jour", MeetingHistory(self.store).for_meeting(item.meeting_id)[:1],
            differences, feminine=False, advice="ce que vous avez saisi reste affiché ; choisissez à nouveau le "
                                                "point dans la liste pour le recharger, puis refaites-les"))

    # -- attached documents -------------------------------------------------------------------------
    def attachments(self, meeting_id: int, agenda_item_id: int | None = None, *, all_items: bool = True) -> list[Attachment]:
        """The meeting's documents; with ``agenda_item_id``, only that item's; ``all_items=False`` and no
        item: only the documents attached to the meeting itself."""
        docs = self.repo.attachments(meeting_id)
        if agenda_item_id is not None:
            return [d for d in docs if d.agenda_item_id == agenda_item_id]
        return docs if all_items else [d for d in docs if d.agenda_item_id is None]

    def add_attachment(self, meeting_id: int, file_name: str, data: bytes, *, agenda_item_id: int | None = None,
                       mime_type: str | None = None, description: str = "") -> Attachment:
        meeting = self.meetings.get(meeting_id)
        if agenda_item_id is not None and self.get(agenda_item_id).meeting_id != meeting_id:
            raise DomainError("Ce point n'appartient pas à cette séance.")
        file_name = Path(file_name.strip()).name if file_name.strip() else ""
        refuse(check_attachment(file_name, len(data)))
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        att = Attachment(meeting_id=meeting.id, agenda_item_id=agenda_item_id, file_name=file_name, mime_type=mime,
                         description=description)
        with self.store.transaction():
            self.repo.add_attachment(att, bytes(data))
        self.store.notify(meeting_changes(meeting_id))
        return att

    def add_attachment_file(self, meeting_id: int, path: Path | str, *, agenda_item_id: int | None = None,
                            description: str = "") -> Attachment:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DomainError(f"Impossible de lire « {path.name} » : {exc.strerror}.") from exc
        return self.add_attachment(meeting_id, path.name, data, agenda_item_id=agenda_item_id, description=description)

    def attachment_data(self, attachment_id: int) -> bytes:
        data = self.repo.attachment_data(attachment_id)
        if data is None:
            raise DomainError("Ce document n'existe plus.")
        return data

    def export_attachment(self, attachment_id: int, target: Path | str) -> Path:
        """Write the document to ``target`` (a file, or a folder to keep its name)."""
        att = self.repo.attachment(attachment_id)
        if att is None:
            raise DomainError("Ce document n'existe plus.")
        target = Path(target)
        if target.is_dir():
            target = target / att.file_name
        write_bytes(target, self.attachment_data(attachment_id))
        return target

    def delete_attachment(self, attachment_id: int) -> Changes:
        att = self.repo.attachment(attachment_id)
        if att is None:
            return Changes()
        with self.store.transaction():
            self.repo.delete_attachment(attachment_id)
        return self.store.notify(meeting_changes(att.meeting_id))


def linked_action_problems(store, meeting_repo: MeetingRepository, meeting_id: int, links: list[LinkedAction],
                           where: str) -> list[Problem]:
    """Links must point to existing actions of the meeting's contract."""
    ids = [a.action_id for a in links if a.action_id is not None]
    problems = []
    for a in links:
        if a.action_id is None:
            problems.append(Problem("actions", f"L'action « {a.label or '?'} » a été supprimée : retirez-la de {where}."))
    if not ids:
        return problems
    existing = action_labels(store, ids)
    contract_id = meeting_repo.contract_of(meeting_id)
    same_contract = actions_of_contract(store, ids, contract_id) if contract_id is not None else set()
    for a in links:
        if a.action_id is None:
            continue
        if a.action_id not in existing:
            problems.append(Problem("actions", f"L'action « {a.label or a.action_id} » n'existe plus "
                                               f"(elle a été supprimée) : retirez-la de {where}."))
        elif a.action_id not in same_contract:
            problems.append(Problem("actions", f"L'action « {existing[a.action_id]} » n'appartient pas au contrat "
                                               "de ce comité."))
    return problems

