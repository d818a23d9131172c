"""The convocation as a real e-mail: an .eml draft with the convocation letter (PDF), the invitation (.ics)
and, on request, the meeting pack attached, addressed to the committee's members who have an address
(substitutes and the secretariat in copy).

The ``X-Unsent: 1`` header makes Outlook and Thunderbird open the file as a new message ready to be sent.
Building the message writes nothing in the workspace: the meeting becomes « Convoquée » only when the
secretary confirms that the message was sent (``convocation.mark_sent``). The GUI and the command line
``convocation-mail`` share ``build_convocation_mail``.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.headerregistry import Address
from email.utils import formatdate, make_msgid
from pathlib import Path

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural
from crte_desktop.meetings.convocation import Recipient, Recipients, mail_body, recipients_of, subject
from crte_desktop.meetings.convocation_letter import default_file_name, write_convocation_pdf
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.meetings.ics import meeting_ics
from crte_desktop.progress import NO_PROGRESS, Progress
from crte_desktop.reports.files import write_bytes

NO_ADDRESS = ("Aucun membre du comité n'a d'adresse électronique : complétez l'annuaire ou envoyez la lettre "
              "par courrier.")


@dataclass
class ConvocationMail:
    message: EmailMessage
    recipients: Recipients
    attachments: list[str] = field(default_factory=list)  # file names, in the order attached

    @property
    def missing(self) -> list[str]:
        """The members without any address: to convene another way."""
        return self.recipients.missing

    def as_bytes(self) -> bytes:
        return self.message.as_bytes(policy=policy.SMTP)  # CRLF line ends, as a mail program writes .eml

    def summary(self) -> str:
        """« Message à 5 membres (2 en copie) ; pièces jointes : … » and who has no address."""
        text = f"Message à {plural(len(self.recipients.to), 'membre')}"
        if self.recipients.cc:
            text += f" ({len(self.recipients.cc)} en copie)"
        text += " ; pièces jointes : " + ", ".join(self.attachments) + "."
        if self.missing:
            text += " Sans adresse électronique, à convoquer autrement : " + ", ".join(self.missing) + "."
        return text


def build_convocation_mail(store, meeting_id: int, *, with_pack: bool = False, today: date | None = None,
                           now: datetime | None = None, progress: Progress = NO_PROGRESS) -> ConvocationMail:
    """The message, its attachments made from the workspace (only read). Raises DomainError (in French) when no
    member has an address. ``progress`` is passed on to the pack's generation."""
    header = meeting_header(store, meeting_id)
    rcpt = recipients_of(header)
    if not rcpt.to:
        raise DomainError(NO_ADDRESS)
    message = EmailMessage()
    message["X-Unsent"] = "1"
    message["Subject"] = subject(header)
    if rcpt.organizer is not None:
        message["From"] = _address(rcpt.organizer)
    message["To"] = [_address(r) for r in rcpt.to]
    if rcpt.cc:
        message["Cc"] = [_address(r) for r in rcpt.cc]
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="crte-desktop.local")
    message.set_content(mail_body(header, with_pack))
    mail = ConvocationMail(message, rcpt)

    with tempfile.TemporaryDirectory(prefix="crte-convocation-") as folder:
        letter = Path(folder) / default_file_name(header, ".pdf").replace("/", "-")
        write_convocation_pdf(store, meeting_id, letter, today)
        _attach(mail, letter.name, letter.read_bytes(), "application", "pdf")
        ics_name = f"Invitation {header.committee.short_label} {header.meeting.date.isoformat()}.ics"
        _attach(mail, ics_name, meeting_ics(store, meeting_id, now=now).encode("utf-8"), "text", "calendar")
        if with_pack:
            from crte_desktop.meetings.pack import build_pack

            pack = Path(folder) / f"Dossier de séance {header.committee.short_label} {header.meeting.date.isoformat()}.pdf"
            build_pack(store, meeting_id, pack, progress, today=today)
            _attach(mail, pack.name, pack.read_bytes(), "application", "pdf")
    return mail


def _address(r: Recipient) -> Address:
    """A recipient as the header wants it (names with accents, dashes or dots are encoded properly)."""
    return Address(display_name=r.name, addr_spec=r.email)


def _attach(mail: ConvocationMail, name: str, data: bytes, maintype: str, subtype: str) -> None:
    if maintype == "text":
        mail.message.add_attachment(data.decode("utf-8"), subtype=subtype, filename=name)
    else:
        mail.message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    mail.attachments.append(name)


def write_convocation_mail(store, meeting_id: int, target: Path | str, *, with_pack: bool = False,
                           today: date | None = None, now: datetime | None = None, **kwargs) -> ConvocationMail:
    """Build the message and write it as ``target`` (.eml), whole or not at all."""
    target = Path(target)
    if target.suffix.lower() != ".eml":
        raise DomainError(f"Le message doit avoir l'extension .eml (« {target.name} »).")
    mail = build_convocation_mail(store, meeting_id, with_pack=with_pack, today=today, now=now, **kwargs)
    write_bytes(target, mail.as_bytes())
    return mail


def default_mail_name(header: MeetingHeader) -> str:
    """"Convocation COPIL 2024-03-12.eml"."""
    return default_file_name(header, ".eml")
