"""The documents of a meeting, as the workspace gives them: the pack (dossier de séance), the minutes (DOCX,
PDF), the attendance sheet (DOCX, PDF), the convocation letter (DOCX, PDF) and message (.eml), the iCalendar
invitation, and the registers of decisions and follow-ups across a contract's meetings.

``Workspace.documents`` is the one way in, for the window and the command line alike; nothing here writes
to the workspace. Each method writes its file whole or not at all (a temporary file renamed). The modules
beside this one (``pack``, ``docx_minutes``…) build the documents from the store and are not called from
outside ``meetings/``. See docs/architecture.md, "The Workspace".
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.errors import DomainError
from crte_desktop.meetings.document_data import MeetingHeader, meeting_header
from crte_desktop.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from crte_desktop.meetings.convocation_mail import ConvocationMail
    from crte_desktop.meetings.pack import PackResult

# The builders are imported when a document is made: python-docx and QtGui are not loaded to open a workspace.


class MeetingDocuments:
    """``today`` (None: the real date) dates the pack, the letter and the message."""

    def __init__(self, store, today: date | None = None):
        self.store = store
        self.today = today

    # -- what the documents show ----------------------------------------------------------------------
    def require(self, meeting_id: int) -> None:
        """Refuse, in French, a meeting that is not in this workspace."""
        if MeetingRepository(self.store).get(meeting_id) is None:
            raise DomainError(f"Il n'y a pas de séance n° {meeting_id} dans « {Path(self.store.path).name} » "
                              "(voir « crte-desktop meetings FICHIER »).")

    def header(self, meeting_id: int) -> MeetingHeader:
        """The meeting with its committee, contract and agenda, as every document heads it (and names its file)."""
        return meeting_header(self.store, meeting_id)

    # -- the pack ------------------------------------------------------------------------------------
    def pack(self, meeting_id: int, target: Path | str, progress: Progress = NO_PROGRESS) -> PackResult:
        """The pack as a PDF at ``target``; its pages and table of contents."""
        from crte_desktop.meetings.pack import build_pack  # QtGui: loaded when a pack is made

        return build_pack(self.store, meeting_id, target, progress, today=self.today)

    def print_pack(self, meeting_id: int, printer, progress: Progress = NO_PROGRESS) -> PackResult:
        """The same pages on ``printer`` (a QPrinter set up by the print dialog), on the GUI thread."""
        from crte_desktop.meetings.pack import print_pack

        return print_pack(self.store, meeting_id, printer, progress, today=self.today)

    # -- the minutes and the attendance sheet ---------------------------------------------------------
    def minutes_docx(self, meeting_id: int, target: Path | str) -> Path:
        from crte_desktop.meetings.docx_minutes import write_minutes_docx

        return write_minutes_docx(self.store, meeting_id, target)

    def minutes_pdf(self, meeting_id: int, target: Path | str) -> Path:
        from crte_desktop.meetings.minutes_pdf import write_minutes_pdf

        return write_minutes_pdf(self.store, meeting_id, target)

    def attendance_docx(self, meeting_id: int, target: Path | str) -> Path:
        from crte_desktop.meetings.attendance_sheet import write_attendance_docx

        return write_attendance_docx(self.store, meeting_id, target)

    def attendance_pdf(self, meeting_id: int, target: Path | str) -> Path:
        from crte_desktop.meetings.attendance_sheet import write_attendance_pdf

        return write_attendance_pdf(self.store, meeting_id, target)

    # -- the convocation ------------------------------------------------------------------------------
    def convocation_docx(self, meeting_id: int, target: Path | str, on: date | None = None) -> Path:
        """The letter, dated ``on`` (None: the day the convocation was sent, else today)."""
        from crte_desktop.meetings.convocation_letter import write_convocation_docx

        return write_convocation_docx(self.store, meeting_id, target, on)

    def convocation_pdf(self, meeting_id: int, target: Path | str, on: date | None = None) -> Path:
        from crte_desktop.meetings.convocation_letter import write_convocation_pdf

        return write_convocation_pdf(self.store, meeting_id, target, on)

    def convocation_mail(self, meeting_id: int, target: Path | str, *, with_pack: bool = False,
                         now: datetime | None = None) -> ConvocationMail:
        """The message (.eml) with the letter, the invitation and, ``with_pack``, the pack attached. Nothing
        is recorded: ``Workspace.meetings.mark_convocation_sent`` does that once the message has left."""
        from crte_desktop.meetings.convocation_mail import write_convocation_mail

        return write_convocation_mail(self.store, meeting_id, target, with_pack=with_pack, today=self.today, now=now)

    def mail_name(self, meeting_id: int) -> str:
        """"Convocation COPIL 2024-03-12.eml"."""
        from crte_desktop.meetings.convocation_letter import default_file_name

        return default_file_name(self.header(meeting_id), ".eml")

    def ics(self, meeting_id: int, target: Path | str, *, now: datetime | None = None) -> Path:
        """The invitation for the members' calendars."""
        from crte_desktop.meetings.ics import write_meeting_ics

        return write_meeting_ics(self.store, meeting_id, target, now=now)
