"""History rows for committees and meetings, with readable French field names.

Everything that happens inside a meeting (agenda, attendance, minutes, decisions, follow-ups, documents)
is recorded under the meeting (entity "meeting"), so that one query gives the meeting's whole history;
committee and member changes under the committee (entity "committee"). Rows about a link to an action
also carry that action's id, so the action's History tab shows the meetings that dealt with it.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import time

from crte_desktop.db.repos.history import HistoryRepository
from crte_desktop.domain.history import FIELD_LABELS, display_value
from crte_desktop.db.store import Store

LABELS = {
    "kind": "Type", "min_per_year": "Nombre minimal de séances par an", "role": "Rôle",
    "substitute_id": "Suppléant", "person_id": "Personne", "start_time": "Heure de début",
    "end_time": "Heure de fin", "place": "Lieu", "video_link": "Lien de visioconférence", "status": "Statut",
    "convocation_sent_on": "Convocation envoyée le", "minutes_status": "Compte rendu",
    "minutes_validated_on": "Compte rendu validé le", "minutes_validated_at": "Compte rendu validé en séance n°",
    "introduction": "Introduction du compte rendu", "change_kind": "Demande d'évolution",
    "presenter": "Présenté par", "duration_minutes": "Durée prévue (min)", "notes": "Notes",
    "organisation_name": "Organisation", "role_label": "Qualité", "represented_by": "Représenté par",
    "is_guest": "Invité", "text": "Texte", "outcome": "Résultat", "effect": "Effet sur le programme",
    "agenda_item_id": "Point de l'ordre du jour", "applied_on": "Appliquée le", "owner": "Responsable",
    "done": "Fait", "done_on": "Fait le", "decision_id": "Décision", "file_name": "Nom du fichier",
    "mime_type": "Type de fichier", "size": "Taille (octets)",
}
ATTENDANCE_LABELS = {"status": "Présence"}


def _text(value) -> str | None:
    if isinstance(value, time):
        return f"{value.hour}h{value.minute:02d}"
    return display_value(value)


def field_diff(old, new, skip: tuple[str, ...] = (), labels: dict[str, str] | None = None,
               prefix: str = "") -> list[tuple[str, str | None, str | None]]:
    """(label, old text, new text) for each field that differs; ``old`` None lists the filled fields."""
    skip = set(skip) | {"id", "row_version"}
    labels = labels or {}
    changes = []
    for f in fields(new):
        if f.name in skip:
            continue
        o = _text(getattr(old, f.name)) if old is not None else None
        n = _text(getattr(new, f.name))
        if old is None and n in (None, "", "0", "non"):
            continue
        if o != n:
            label = labels.get(f.name) or LABELS.get(f.name) or FIELD_LABELS.get(f.name, f.name)
            changes.append((prefix + label, o, n))
    return changes


class MeetingHistory:
    """Writes the history rows of committees and meetings."""

    def __init__(self, store: Store):
        self.repo = HistoryRepository(store)

    def committee(self, committee_id: int, changes, action_id: int | None = None) -> int:
        return self.repo.record("committee", committee_id, changes, action_id)

    def meeting(self, meeting_id: int, changes, action_id: int | None = None) -> int:
        return self.repo.record("meeting", meeting_id, changes, action_id)

    def meeting_event(self, meeting_id: int, what: str, description: str | None,
                      action_id: int | None = None) -> int:
        return self.repo.record("meeting", meeting_id, [(what, None, description)], action_id)

    def for_meeting(self, meeting_id: int):
        return self.repo.for_record("meeting", meeting_id)

    def for_committee(self, committee_id: int):
        return self.repo.for_record("committee", committee_id)
