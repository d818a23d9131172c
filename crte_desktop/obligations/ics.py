"""The calendar of obligations as an iCalendar file: one all-day event per obligation (a window, such as the
revue de projets, spans its days), each with a reminder a week before."""

from __future__ import annotations

from datetime import datetime, timedelta, UTC
from pathlib import Path

from crte_desktop.domain.obligations import Calendar
from crte_desktop.meetings.ics import escape_text, fold
from crte_desktop.reports.files import write_text


def calendar_ics(calendar: Calendar, contract_uuid: str, contract_name: str, *, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CRTE Desktop//Calendrier des obligations//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text('Échéances — ' + contract_name)}"]
    for o in calendar.sorted():
        start = o.start or o.due
        state = o.state_label(calendar.today)
        lines += ["BEGIN:VEVENT", f"UID:{o.uid or id(o)}-{contract_uuid}@crte-desktop", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{o.due + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape_text(o.title)}",
                  f"DESCRIPTION:{escape_text(f'{o.kind.label} — {state}. {o.detail}'.strip())}",
                  f"CATEGORIES:{escape_text(o.kind.label)}", "TRANSP:TRANSPARENT"]
        if not o.done:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(o.title)}", "TRIGGER:-P7D",
                      "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_calendar_ics(calendar: Calendar, contract_uuid: str, contract_name: str, target: Path | str) -> Path:
    return write_text(target, calendar_ics(calendar, contract_uuid, contract_name))
