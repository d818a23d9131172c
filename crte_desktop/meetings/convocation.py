"""Convocation of a meeting: who receives it (members' addresses, substitutes in copy), the mailto: link
that the GUI opens in the user's mail program, and the sending date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from crte_desktop.db.changes import Changes
from crte_desktop.domain.meetings import MemberRole, format_long_date
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.meetings.meetings import MeetingService

MAILTO_MAX = 1900  # longer mailto: links are cut by some mail programs (Windows: about 2 000 characters)


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


def mail_body(header: MeetingHeader) -> str:
    lines = ["Madame, Monsieur,", "",
             f"Nous avons l'honneur de vous convier à la séance du {header.committee.name}, le {header.schedule}."]
    if header.place:
        lines.append(f"Lieu : {header.place}")
    if header.video_link:
        lines.append(f"Visioconférence : {header.video_link}")
    if header.items:
        lines += ["", "Ordre du jour :"] + [f"{n}. {item.title}" for n, item in enumerate(header.items, 1)]
    lines += ["", "Vous trouverez ci-joint la convocation et l'invitation à ajouter à votre agenda.",
              "En cas d'empêchement, merci d'en informer le secrétariat ou de vous faire représenter.", "",
              f"Le secrétariat du {header.contract_name or 'CRTE'}"]
    return "\n".join(lines)


def mailto_url(store, meeting_id: int, *, with_body: bool = True) -> str:
    """"mailto:a@x.fr,b@y.fr?cc=…&subject=…&body=…" (RFC 6068) for the members who have an address.
    The body is dropped, then shortened, when the link would be too long for mail programs."""
    header = meeting_header(store, meeting_id)
    return build_mailto(recipients_of(header), subject(header), mail_body(header) if with_body else "")


def build_mailto(rcpt: Recipients, subject_text: str, body: str = "") -> str:
    def addresses(items: list[Recipient]) -> str:
        return ",".join(quote(r.email, safe="@.+-_") for r in items)

    base = "mailto:" + addresses(rcpt.to)
    params = []
    if rcpt.cc:
        params.append("cc=" + addresses(rcpt.cc))
    params.append("subject=" + quote(subject_text, safe=""))
    url = base + "?" + "&".join(params)
    if body:
        encoded = quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
        if len(url) + 6 + len(encoded) > MAILTO_MAX:
            room = MAILTO_MAX - len(url) - 6
            encoded = encoded[:max(room, 0)]
            cut = encoded.rfind("%0D%0A")  # end on a whole line, never inside a %XX escape
            encoded = encoded[:cut] if cut > 0 else ""
        if encoded:
            url += "&body=" + encoded
    return url


def mark_sent(store, meeting_id: int, on: date | None = None, today: date | None = None) -> Changes:
    """Record that the convocation was sent (the meeting becomes "convoquée")."""
    return MeetingService(store, today).mark_convocation_sent(meeting_id, on)
