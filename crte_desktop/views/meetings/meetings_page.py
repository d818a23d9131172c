"""Committees and meetings of a contract, in a tab of the main window: the committees and their members,
the meetings of the chosen committee, and the chosen meeting — its fields and convocation, agenda,
attendance, minutes — with its meeting pack (PDF, generated off the GUI thread) and its printing; then
the registers of decisions and follow-ups across meetings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import format_time
from crte_desktop.meetings.base import COMMITTEES, MEETINGS
from crte_desktop.views.meetings.agenda_editor import AgendaEditor
from crte_desktop.views.meetings.attendance_editor import AttendanceEditor
from crte_desktop.views.meetings.committee_panel import CommitteePanel
from crte_desktop.views.widgets.read_only import lock_writing
from crte_desktop.views.widgets.small_screen import FlowLayout
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.meetings.linked_actions import contract_actions
from crte_desktop.views.meetings.meeting_files import ask_save_path, show_info
from crte_desktop.views.meetings.meeting_form import MeetingForm
from crte_desktop.views.meetings.meeting_undo import meeting_step
from crte_desktop.views.meetings.minutes_editor import MinutesEditor
from crte_desktop.views.meetings.registers_page import RegistersPage
from crte_desktop.views.shell.tasks import ReadOp
from crte_desktop.views.widgets.unsaved import ask_to_save

ID_ROLE = Qt.ItemDataRole.UserRole
MEETING_HEADERS = ["Date", "Horaire", "Statut", "Compte rendu"]
FORM_TAB, AGENDA_TAB, ATTENDANCE_TAB, MINUTES_TAB = range(4)


LEFT_WIDTH = 390


class MeetingsPage(QWidget):
    pack_written = Signal(object)  # the PackResult

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.service = ctx.workspace.meetings
        self.meeting_id: int | None = None
        self.pack_op: ReadOp | None = None  # the generation running, if any
        contract = ctx.workspace.contracts.contract(contract_id)
        if contract is None:
            raise DomainError("Ce contrat n'existe plus.")
        self.setWindowTitle(f"Comités et séances — {contract.name}")

        # left: committees, then the meetings of the chosen one
        self.committees = CommitteePanel(ctx, contract_id)
        self.meetings = QTableWidget(0, len(MEETING_HEADERS))
        self.meetings.setHorizontalHeaderLabels(MEETING_HEADERS)
        self.meetings.verticalHeader().hide()
        self.meetings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meetings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meetings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meetings.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.meetings.horizontalHeader().setStretchLastSection(True)
        self.meetings.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.new_meeting_button = QPushButton("Nouvelle séance")
        self.delete_meeting_button = QPushButton("Supprimer la séance…")
        self.new_meeting_button.clicked.connect(self.new_meeting)
        self.delete_meeting_button.clicked.connect(lambda: self.delete_meeting())
        meetings_box = QGroupBox("Séances du comité")
        mb = QVBoxLayout(meetings_box)
        mb.addWidget(self.meetings, 1)
        mb.addLayout(FlowLayout.of([self.new_meeting_button, self.delete_meeting_button]))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.committees)
        left.addWidget(meetings_box)
        left.setSizes([400, 220])  # the composition in full; the meetings list needs few rows

        # right: the chosen meeting
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setMinimumWidth(120)
        self.pack_button = QPushButton("Dossier de séance…")
        self.pack_button.setToolTip("Le dossier complet de la séance, en PDF")
        self.print_button = QPushButton("Imprimer…")
        self.print_button.setToolTip("Imprimer le dossier de séance (Ctrl+P)")
        self.pack_button.clicked.connect(lambda: self.generate_pack())
        self.print_button.clicked.connect(self.print_)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self.print_)
        self.message = message_label()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.pack_button)
        head.addWidget(self.print_button)

        self.form = MeetingForm(ctx)
        self.agenda = AgendaEditor(ctx)
        self.attendance = AttendanceEditor(ctx)
        self.minutes = MinutesEditor(ctx)
        self.meeting_tabs = QTabWidget()
        self.meeting_tabs.addTab(self.form, "Séance")
        self.meeting_tabs.addTab(self.agenda, "Ordre du jour")
        self.meeting_tabs.addTab(self.attendance, "Présence")
        self.meeting_tabs.addTab(self.minutes, "Compte rendu")
        right = QWidget()
        rb = QVBoxLayout(right)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addLayout(head)
        rb.addWidget(self.message)
        rb.addWidget(self.meeting_tabs, 1)

        self.sessions = sessions = QSplitter()
        sessions.setChildrenCollapsible(False)
        sessions.addWidget(left)
        sessions.addWidget(right)
        sessions.setStretchFactor(1, 1)
        sessions.setSizes([LEFT_WIDTH, 700])  # the left: committees, members and meetings in full at 1366×768
        self.registers = RegistersPage(ctx, contract_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(sessions, "Séances")
        self.tabs.addTab(self.registers, "Registres des décisions et des suites")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

        self.committees.committee_selected.connect(self._on_committee_selected)
        self.meetings.itemSelectionChanged.connect(self._on_meeting_selected)
        self.form.saved.connect(self._on_form_saved)
        self.registers.meeting_requested.connect(self.show_meeting)
        ctx.bus.changed.connect(self._on_changes)
        self._choices = contract_actions(ctx.workspace, contract_id)
        self.refresh_meetings()
        # a read-only window: committees, meetings, agenda, attendance and minutes only show; the letters, the
        # invitation, the sheets, the minutes and the pack are still written out
        form, agenda, attendance, minutes = self.form, self.agenda, self.attendance, self.minutes
        lock_writing(ctx.store, [self.committees, self.new_meeting_button, self.delete_meeting_button, form, agenda,
                                 attendance, minutes],
                     keep=[form.letter_pdf_button, form.letter_docx_button, form.ics_button, form.mail_button,
                           form.with_pack_check, agenda.export_button, attendance.sheet_pdf_button,
                           attendance.sheet_docx_button, minutes.docx_button, minutes.pdf_button, minutes.item_combo])

    # -- the meetings of the chosen committee ----------------------------------------------------------
    def refresh_meetings(self, select: int | None = None) -> None:
        committee_id = self.committees.current_id()
        keep = select if select is not None else self.meeting_id
        rows = self.service.rows(committee_id=committee_id) if committee_id is not None else []
        self.meetings.blockSignals(True)
        self.meetings.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [format_date(row.date), format_time(row.start_time), row.status.label,
                      row.minutes_status.label]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, row.id)
                self.meetings.setItem(r, col, cell)
        self.meetings.blockSignals(False)
        self.new_meeting_button.setEnabled(committee_id is not None)
        ids = [row.id for row in rows]
        if keep not in ids:
            keep = self._default_meeting(rows)
        self._select_row(keep)  # a programme's choice: nothing to ask
        if keep != self.meeting_id or keep is None:
            self._show(keep)

    def _default_meeting(self, rows) -> int | None:
        """The next meeting to come, else the last one."""
        coming = [r for r in rows if r.date and r.date >= self.ctx.today and r.status.is_open]
        if coming:
            return coming[0].id
        return rows[-1].id if rows else None

    def current_meeting_id(self) -> int | None:
        rows = self.meetings.selectionModel().selectedRows()
        return self.meetings.item(rows[0].row(), 0).data(ID_ROLE) if rows else None

    def _on_meeting_selected(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None and meeting_id != self.meeting_id:
            if not self.may_leave_meeting():
                self._select_row(self.meeting_id)
                return
            self._show(meeting_id)

    def _on_committee_selected(self, committee_id: int | None) -> None:
        shown = self.service.repo.get(self.meeting_id) if self.meeting_id is not None else None
        if shown is not None and shown.committee_id != committee_id and not self.may_leave_meeting():
            self.committees.select(shown.committee_id)  # back to the meeting being edited
            return
        self.refresh_meetings()

    def _select_row(self, meeting_id: int | None) -> None:
        self.meetings.blockSignals(True)
        for row in range(self.meetings.rowCount()):
            if self.meetings.item(row, 0).data(ID_ROLE) == meeting_id:
                self.meetings.selectRow(row)
        self.meetings.blockSignals(False)

    def may_leave_meeting(self) -> bool:
        """Before another meeting is shown: ask about the unsaved edits of this one (its fields, an agenda
        item, attendance, the minutes' notes). False: the secretary stays on it."""
        if not self.is_dirty:
            return True
        what = (f"la séance « {self.service.label(self.meeting_id)} »" if self.meeting_id is not None
                else "la nouvelle séance")
        answer = ask_to_save(self, what)
        if answer is None:
            return False
        return self.save() if answer else True

    def _show(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        if meeting_id is None:
            self.title.setText("Aucune séance" if self.committees.current_id() else "Créez d'abord un comité")
            self.form.clear()
        else:
            self.title.setText(self.service.label(meeting_id))
            self.form.load(meeting_id)
        self.agenda.set_meeting(meeting_id, self._choices)
        self.attendance.set_meeting(meeting_id)
        self.minutes.set_meeting(meeting_id, self._choices)
        for b in (self.pack_button, self.print_button, self.delete_meeting_button):
            b.setEnabled(meeting_id is not None)
        show_message(self.message, "")

    def show_meeting(self, meeting_id: int) -> None:
        """Bring a meeting forward (from the registers)."""
        meeting = self.service.get(meeting_id)
        self.committees.select(meeting.committee_id)
        self.refresh_meetings(select=meeting_id)
        self.tabs.setCurrentIndex(0)

    def new_meeting(self) -> None:
        committee_id = self.committees.current_id()
        if committee_id is None or not self.may_leave_meeting():
            return
        self.meetings.blockSignals(True)
        self.meetings.clearSelection()
        self.meetings.blockSignals(False)
        self._show(None)
        self.form.new(committee_id)
        self.title.setText("Nouvelle séance")
        self.meeting_tabs.setCurrentIndex(FORM_TAB)

    def _on_form_saved(self, meeting_id: int) -> None:
        if meeting_id != self.meeting_id:
            self.refresh_meetings(select=meeting_id)
        else:
            self.title.setText(self.service.label(meeting_id))

    def delete_meeting(self, confirm: bool = True) -> bool:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return False
        label = self.service.label(meeting_id)
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Warning, "Supprimer la séance",
                              f"Supprimer la séance « {label} », son ordre du jour, sa feuille de présence, son compte "
                              "rendu, ses décisions et ses suites à donner ?", parent=self)
            box.setInformativeText("Ctrl+Z la rétablit. Les décisions déjà appliquées aux actions restent appliquées.")
            yes = box.addButton("Supprimer", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not yes:
                return False
        try:
            meeting_step(self.ctx, f"Suppression de la séance {label}", meeting_id,
                         lambda: self.service.delete(meeting_id), with_documents=True)
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        self.meeting_id = None
        self.refresh_meetings()
        return True

    # -- change notices ---------------------------------------------------------------------------------
    def _on_changes(self, changes) -> None:
        if changes.everything or changes.actions:
            self._choices = contract_actions(self.ctx.workspace, self.contract_id)
        if changes.everything or COMMITTEES in changes.extra:
            self.committees.refresh()
        if not (changes.everything or MEETINGS in changes.extra):
            return
        if self.meeting_id is not None and self.service.repo.get(self.meeting_id) is None:
            self.meeting_id = None  # deleted, or its creation undone
        self.refresh_meetings()
        if self.meeting_id is not None and (changes.everything or f"meeting:{self.meeting_id}" in changes.extra):
            self._reload_editors()

    def _reload_editors(self) -> None:
        """Show what the workspace holds now; what is being typed elsewhere is kept."""
        self.title.setText(self.service.label(self.meeting_id))
        if not self.form.is_dirty:
            self.form.load(self.meeting_id)
        if not self.agenda.is_dirty:
            self.agenda.refresh()
        if not self.attendance.is_dirty:
            self.attendance.refresh()
        if not self.minutes.is_dirty:
            self.minutes.refresh()

    # -- what the main window asks of a page ------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return any(e.is_dirty for e in (self.form, self.agenda, self.attendance, self.minutes))

    def save(self) -> bool:
        """Save what is being edited (Ctrl+S): the meeting's fields, the agenda item, attendance, minutes."""
        ok = True
        if self.form.is_dirty:
            ok &= self.form.save()
        if self.agenda.is_dirty:
            ok &= self.agenda.save_item()
        if self.attendance.is_dirty:
            ok &= self.attendance.save()
        if self.minutes.is_dirty:
            ok &= self.minutes.save_text()
        return ok

    # -- the meeting pack ---------------------------------------------------------------------------------
    def default_pack_name(self) -> str:
        meeting = self.service.get(self.meeting_id)
        committee = self.service.committee_of(meeting)
        return f"Dossier de séance {committee.short_label} {meeting.date.isoformat()}.pdf"

    def generate_pack(self, path: str | None = None) -> ReadOp | None:
        """Write the meeting pack off the GUI thread, with progress and cancel. Returns the operation."""
        if self.meeting_id is None or self.pack_op is not None:
            return None
        if self.is_dirty:
            show_message(self.message, "Enregistrez d'abord les modifications en cours : le dossier reprend ce qui est "
                                       "enregistré.")
            return None
        path = path or ask_save_path(self, self.ctx.settings, "Dossier de séance", self.default_pack_name())
        if not path:
            return None
        workspace, meeting_id = self.ctx.workspace, self.meeting_id

        def work(control):
            with workspace.reader() as own:  # the worker's own connection, closed there
                return own.documents.pack(meeting_id, path, progress=control)

        return self._run(work, "Préparation du dossier de séance…", self._pack_done)

    def _pack_done(self, result) -> None:
        show_info(self.message, f"Dossier de séance écrit : {result.path} ({result.page_count} pages).", str(result.path))
        self.pack_written.emit(result)

    def _run(self, work, label: str, done) -> ReadOp:
        def finished(result):
            self.pack_op = None
            self._set_busy(False)
            done(result)

        def failed(exc):
            self.pack_op = None
            self._set_busy(False)
            show_message(self.message, str(exc) if isinstance(exc, DomainError)
                         else f"Le dossier n'a pas pu être produit : {exc}")

        def cancelled():
            self.pack_op = None
            self._set_busy(False)
            show_message(self.message, "Préparation annulée : aucun fichier n'a été écrit.", "warning")

        self._set_busy(True)
        self.pack_op = ReadOp(self, work, finished).failure(failed).on_cancel(cancelled)
        self.pack_op.with_progress(label).run_in_background()
        return self.pack_op

    def _set_busy(self, busy: bool) -> None:
        for b in (self.pack_button, self.print_button):
            b.setEnabled(not busy and self.meeting_id is not None)

    # -- printing -----------------------------------------------------------------------------------------
    def print_(self) -> None:
        """Ctrl+P: the meeting pack on paper, through the system print dialog, laid out as the PDF."""
        if self.meeting_id is None or self.pack_op is not None:
            return
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(Path(self.default_pack_name()).stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer le dossier de séance")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:
        """Print the pack on a configured printer. On the GUI thread, under a wait cursor: painting on a
        QPrinter from a worker thread crashed Qt now and then (a segmentation fault in the print test); a pack
        is printed in about a second."""
        if self.meeting_id is None or self.pack_op is not None:
            return
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.ctx.workspace.documents.print_pack(self.meeting_id, printer)
        except DomainError as exc:
            show_message(self.message, str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        show_info(self.message, f"Dossier de séance envoyé à l'impression ({result.page_count} pages).")

    def detach(self) -> None:
        self.ctx.bus.changed.disconnect(self._on_changes)
        self.registers.detach()

