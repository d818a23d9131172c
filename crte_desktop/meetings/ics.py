"""The iCalendar invitation (RFC 5545) of a meeting, to send with the convocation.

Times are local to Europe/Paris (a VTIMEZONE is included); the UID is stable for the meeting and the
SEQUENCE goes up when a convened meeting changes date, time or place, so that calendars update the event.
A cancelled or postponed meeting gives a cancellation.
"""

from __future__ import annotations

from datetime import datetime, timedelta, UTC
from pathlib import Path

from crte_desktop.domain.meetings import MeetingStatus
from crte_desktop.meetings.convocation import Recipient, recipients_of
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.reports.files import write_text

TZID = "Europe/Paris"
_VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)
DEFAULT_LENGTH = timedelta(hours=2)


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _param(value: str) -> str:
    """A parameter value (CN=…): quoted when it holds , ; or :, without double quotes."""
    value = value.replace('"', "'")
    return f'"{value}"' if any(c in value for c in ",;:") else value


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def _local(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%S")


def meeting_ics(store, meeting_id: int, *, now: datetime | None = None) -> str:
    """The .ics text (CRLF line ends) of one meeting."""
    return build_ics(meeting_header(store, meeting_id), now=now)


def build_ics(h: MeetingHeader, *, now: datetime | None = None) -> str:
    m = h.meeting
    rcpt = recipients_of(h)
    cancelled = m.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)
    method = ("CANCEL" if cancelled else "REQUEST") if rcpt.organizer else "PUBLISH"
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CRTE Desktop//Seances des comites//FR",
             "CALSCALE:GREGORIAN", f"METHOD:{method}", *_VTIMEZONE, "BEGIN:VEVENT",
             f"UID:{m.uid}", f"DTSTAMP:{stamp}", f"SEQUENCE:{m.ics_sequence}"]
    if m.start_time:
        start = datetime.combine(m.date, m.start_time)
        if m.end_time:
            end = datetime.combine(m.date, m.end_time)
        else:
            minutes = sum(i.duration_minutes for i in h.items)
            end = start + (timedelta(minutes=minutes) if minutes else DEFAULT_LENGTH)
        lines += [f"DTSTART;TZID={TZID}:{_local(start)}", f"DTEND;TZID={TZID}:{_local(end)}"]
    else:
        lines += [f"DTSTART;VALUE=DATE:{m.date:%Y%m%d}", f"DTEND;VALUE=DATE:{m.date + timedelta(days=1):%Y%m%d}"]
    summary = h.committee.name
    if cancelled:
        summary = f"{m.status.label.upper()} — {summary}"
    lines.append(f"SUMMARY:{escape_text(summary)}")
    location = ", ".join(p for p in (h.place, "visioconférence" if h.video_link and not h.place else "") if p)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if h.video_link:
        lines.append(f"URL:{h.video_link}")
    lines.append(f"DESCRIPTION:{escape_text(_description(h))}")
    lines.append("STATUS:" + ("CANCELLED" if cancelled else "CONFIRMED" if m.status is MeetingStatus.CONVENED
                              or m.status is MeetingStatus.HELD else "TENTATIVE"))
    lines.append("TRANSP:OPAQUE")
    if rcpt.organizer:
        lines.append(f"ORGANIZER;CN={_param(rcpt.organizer.name)}:mailto:{rcpt.organizer.email}")
    for r in rcpt.to:
        lines.append(_attendee(r, "REQ-PARTICIPANT"))
    for r in rcpt.cc:
        if rcpt.organizer is None or r.email != rcpt.organizer.email:
            lines.append(_attendee(r, "OPT-PARTICIPANT"))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def _attendee(r: Recipient, role: str) -> str:
    return f"ATTENDEE;CN={_param(r.name)};ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{r.email}"


def _description(h: MeetingHeader) -> str:
    parts = [f"{h.committee.name} — {h.contract_name}".strip(" —"), f"Le {h.schedule}."]
    if h.place:
        parts.append(f"Lieu : {h.place}")
    if h.video_link:
        parts.append(f"Visioconférence : {h.video_link}")
    if h.items:
        parts.append("")
        parts.append("Ordre du jour :")
        parts += [f"{n}. {item.title}" for n, item in enumerate(h.items, 1)]
    return "\n".join(parts)


def write_meeting_ics(store, meeting_id: int, target: Path | str, *, now: datetime | None = None) -> Path:
    return write_text(target, meeting_ics(store, meeting_id, now=now))
