"""Command line: ``meetings FILE``, ``minutes FILE --meeting ID OUT.docx``, ``ics FILE --meeting ID OUT.ics``.

The workspace is only read; the output file is written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import format_time
from crte_desktop.meetings.meetings import MeetingService


def run(args) -> int:
    command = args.command
    if command == "meetings":
        return list_meetings(args.file)
    if command == "minutes":
        return export_minutes(args.file, args.meeting, args.out)
    if command == "ics":
        return export_ics(args.file, args.meeting, args.out)
    if command == "pack":
        return export_pack(args.file, args.meeting, args.out)
    raise DomainError(f"Commande inconnue « {command} ».")


def meeting_lines(store) -> list[str]:
    """One line per meeting: id, committee, date, status, then time, minutes, contract (tab-separated)."""
    lines = []
    for r in MeetingService(store).rows():
        lines.append("\t".join((str(r.id), r.committee_label, format_date(r.date), r.status.label,
                                format_time(r.start_time) or "-", f"compte rendu {r.minutes_status.label.lower()}",
                                r.contract_name)))
    return lines


def list_meetings(path) -> int:
    with Store.open_read_only(path) as store:
        lines = meeting_lines(store)
    print("\n".join(lines) if lines else "Aucune séance.")
    return 0


def _require_meeting(store, meeting_id: int) -> None:
    if MeetingRepository(store).get(meeting_id) is None:
        raise DomainError(f"Il n'y a pas de séance n° {meeting_id} dans « {Path(store.path).name} » "
                          "(voir « crte-desktop meetings FICHIER »).")


def _require_suffix(out, suffix: str) -> Path:
    out = Path(out)
    if out.suffix.lower() != suffix:
        raise DomainError(f"Le fichier de sortie doit avoir l'extension {suffix} (« {out.name} »).")
    return out


def _write_document(path, meeting_id: int, out, suffix: str, write):
    """Check the output's extension and that the meeting exists, then ``write(store, meeting_id, out)`` on the
    workspace opened read-only. Returns the output path and what ``write`` returned."""
    out = _require_suffix(out, suffix)
    with Store.open_read_only(path) as store:
        _require_meeting(store, meeting_id)
        return out, write(store, meeting_id, out)


def export_minutes(path, meeting_id: int, out) -> int:
    from crte_desktop.meetings.docx_minutes import write_minutes_docx

    out, _ = _write_document(path, meeting_id, out, ".docx", write_minutes_docx)
    print(f"Compte rendu écrit : {out}")
    return 0


def export_ics(path, meeting_id: int, out) -> int:
    from crte_desktop.meetings.ics import write_meeting_ics

    out, _ = _write_document(path, meeting_id, out, ".ics", write_meeting_ics)
    print(f"Invitation écrite : {out}")
    return 0


def export_pack(path, meeting_id: int, out) -> int:
    from crte_desktop.meetings.pack import build_pack

    out, result = _write_document(path, meeting_id, out, ".pdf", build_pack)
    print(f"Dossier de séance écrit : {out} ({result.page_count} pages)")
    return 0
