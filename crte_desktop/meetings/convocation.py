"""Convocation of a meeting: who receives it (members' addresses, substitutes in copy), the text of the
message (sent as an .eml draft: ``convocation_mail``), and the sending date, recorded when the secretary
confirms it was sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crte_desktop.db.changes import Changes
from crte_desktop.domain.meetings import MemberRole, format_long_date
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.meetings.meetings import MeetingService


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    role: MemberRole | None = None


@dataclass
class Recipients:
    to: list[Recipient] = field(default_factory=list)  # the members (co-presidents, members, permanent guests)
    cc: list[Recipient] = field(default_factory=list)  # substitutes and the secretariat
    missing: list[str] = field(default_factory=list)  # members without any address
    organizer: Recipient | None = None  # the secretariat, when it has an address

    @property
    def emails(self) -> list[str]:
        return [r.email for r in self.to]


def recipients(store, meeting_id: int) -> Recipients:
    return recipients_of(meeting_header(store, meeting_id))


def recipients_of(header: MeetingHeader) -> Recipients:
    result = Recipients()
    seen: set[str] = set()

    def add(target: list[Recipient], name: str, email: str, role) -> None:
        key = email.casefold()
        if key not in seen:
            seen.add(key)
            target.append(Recipient(name, email, role))

    for view in header.members:
        name = view.display_name
        if view.role is MemberRole.SECRETARIAT:
            if view.email:
                result.organizer = result.organizer or Recipient(name, view.email, view.role)
                add(result.cc, name, view.email, view.role)
            continue
        if view.email:
            add(result.to, name, view.email, view.role)
        else:
            result.missing.append(name)
        if view.substitute_email:
            add(result.cc, view.substitute_name, view.substitute_email, view.role)
    return result


def subject(header: MeetingHeader) -> str:
    return f"Convocation — {header.committee.name} — {format_long_date(header.meeting.date)}"


def mail_body(header: MeetingHeader, with_pack: bool = False) -> str:
    """The text of the convocation message (``convocation_mail``), naming what is attached."""
    lines = ["Madame, Monsieur,", "",
             f"Nous avons l'honneur de vous convier à la séance du {header.committee.name}, le {header.schedule}."]
    if header.place:
        lines.append(f"Lieu : {header.place}")
    if header.video_link:
        lines.append(f"Visioconférence : {header.video_link}")
    if header.items:
        lines += ["", "Ordre du jour :"] + [f"{n}. {item.title}" for n, item in enumerate(header.items, 1)]
    joined = "la convocation, l'invitation à ajouter à votre agenda" + (" et le dossier de séance" if with_pack else "")
    lines += ["", f"Vous trouverez ci-joint {joined}.",
              "En cas d'empêchement, merci d'en informer le secrétariat ou de vous faire représenter.", "",
              f"Le secrétariat du {header.contract_name or 'CRTE'}"]
    return "\n".join(lines)


def mark_sent(store, meeting_id: int, on: date | None = None, today: date | None = None) -> Changes:
    """Record that the convocation was sent (the meeting becomes "convoquée")."""
    return MeetingService(store, today).mark_convocation_sent(meeting_id, on)
