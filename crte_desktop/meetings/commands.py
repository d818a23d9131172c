"""Command line: ``meetings FILE``, ``minutes FILE --meeting ID OUT.docx``, ``ics FILE --meeting ID OUT.ics``,
``pack FILE --meeting ID OUT.pdf``, ``convocation-mail FILE --meeting ID OUT.eml [--with-pack]``.

The workspace is only read; the output file is written whole or not at all. The documents are those of
``Workspace.documents``, as in the window."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import format_time
from crte_desktop.workspace import Workspace


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
    if command == "convocation-mail":
        return export_convocation_mail(args.file, args.meeting, args.out, args.with_pack)
    raise DomainError(f"Commande inconnue « {command} ».")


def meeting_lines(workspace: Workspace) -> list[str]:
    """One line per meeting: id, committee, date, status, then time, minutes, contract (tab-separated)."""
    lines = []
    for r in workspace.meetings.rows():
        lines.append("\t".join((str(r.id), r.committee_label, format_date(r.date), r.status.label,
                                format_time(r.start_time) or "-", f"compte rendu {r.minutes_status.label.lower()}",
                                r.contract_name)))
    return lines


def list_meetings(path) -> int:
    with Workspace.open_read_only(path) as workspace:
        lines = meeting_lines(workspace)
    print("\n".join(lines) if lines else "Aucune séance.")
    return 0


def _require_suffix(out, suffix: str) -> Path:
    out = Path(out)
    if out.suffix.lower() != suffix:
        raise DomainError(f"Le fichier de sortie doit avoir l'extension {suffix} (« {out.name} »).")
    return out


def _write_document(path, meeting_id: int, out, suffix: str, write):
    """Check the output's extension and that the meeting exists, then ``write(documents, out)`` with the
    documents of the workspace opened read-only (the same ``Workspace.documents`` as the window's). Returns the
    output path and what ``write`` returned."""
    out = _require_suffix(out, suffix)
    with Workspace.open_read_only(path) as workspace:
        workspace.documents.require(meeting_id)
        return out, write(workspace.documents, out)


def export_minutes(path, meeting_id: int, out) -> int:
    out, _ = _write_document(path, meeting_id, out, ".docx", lambda d, target: d.minutes_docx(meeting_id, target))
    print(f"Compte rendu écrit : {out}")
    return 0


def export_ics(path, meeting_id: int, out) -> int:
    out, _ = _write_document(path, meeting_id, out, ".ics", lambda d, target: d.ics(meeting_id, target))
    print(f"Invitation écrite : {out}")
    return 0


def export_pack(path, meeting_id: int, out) -> int:
    out, result = _write_document(path, meeting_id, out, ".pdf", lambda d, target: d.pack(meeting_id, target))
    print(f"Dossier de séance écrit : {out} ({result.page_count} pages)")
    return 0


def export_convocation_mail(path, meeting_id: int, out, with_pack: bool) -> int:
    """The convocation message as an .eml draft; nothing is recorded in the workspace (the secretary marks
    the convocation sent once the message has left, in the application)."""
    out, mail = _write_document(path, meeting_id, out, ".eml",
                                lambda d, target: d.convocation_mail(meeting_id, target, with_pack=with_pack))
    print(f"Message écrit : {out}")
    print(mail.summary())
    return 0
