"""The meeting pack (dossier de séance): one PDF with a cover, a table of contents, the convocation, the
agenda, the attendance sheet, the dashboard synthesis, the fiche of every action on the agenda and the
previous meeting's decisions and follow-ups. Page "X / Y", a running header (committee, date), bookmarks
matching the table of contents.

``pack_document`` gathers the content once; ``build_pack`` writes it as a PDF, ``print_pack`` sends the same
pages to a printer. Both run off the GUI thread (a store opened on the worker thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crte_desktop.db.repos.meeting import MeetingRepository
from crte_desktop.domain.dates import format_date
from crte_desktop.domain.errors import DomainError
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance_sheet import attendance_html, sheet_data
from crte_desktop.meetings.convocation_letter import convocation_html, convocation_letter
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.document_data import meeting_header
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.pack_attachments import attached_documents, attachment_sections
from crte_desktop.meetings.pack_fiche import fiche_html, load_bundle, lookups
from crte_desktop.meetings.pack_sections import (LOGO_RESOURCE, agenda_html, cover_html, fiches_intro_html,
                                                 previous_meeting_html)
from crte_desktop.meetings.pack_synthesis import synthesis
from crte_desktop.meetings.registers import follow_ups
from crte_desktop.progress import NO_PROGRESS, Progress, Share
from crte_desktop.reports.pdf_document import keep_units_together
from crte_desktop.reports.pdf_pages import Frame, Section, print_sections, write_pdf


GATHER_SHARE = 40  # progress: gathering the content takes the first 40 %, writing the pages the rest


@dataclass
class PackDocument:
    title: str
    subject: str
    frame: Frame
    sections: list[Section]


@dataclass
class PackResult:
    page_count: int
    sections: list[tuple[str, int]] = field(default_factory=list)  # (title, first page), as in the contents
    path: Path | None = None


def pack_document(store, meeting_id: int, *, today: date | None = None, progress: Progress = NO_PROGRESS) -> PackDocument:
    """Everything the pack shows, as sections of HTML. Raises DomainError for an unknown meeting."""
    today = today or date.today()
    report = progress.report
    if MeetingRepository(store).get(meeting_id) is None:
        raise DomainError(f"Il n'y a pas de séance n° {meeting_id} dans cet espace de travail.")
    h = meeting_header(store, meeting_id)
    if h.meeting.date is None:
        raise DomainError("Cette séance n'a pas de date : fixez-la avant de préparer le dossier de séance.")
    contract_id = h.committee.contract_id
    report(0, 100, "Préparation du dossier : ordre du jour et convocation")
    agenda = AgendaService(store)
    attachments: dict[int | None, list[str]] = {}
    for a in agenda.attachments(meeting_id):
        attachments.setdefault(a.agenda_item_id, []).append(a.file_name)

    sections = [
        _cover(store, h, today),
        Section("Sommaire", is_toc=True, in_toc=False),
        Section("Convocation", convocation_html(convocation_letter(store, meeting_id, h.meeting.convocation_sent_on or today))),
        Section("Ordre du jour", agenda_html(h, attachments)),
        *attachment_sections(attached_documents(store, meeting_id, h.items)),
        Section("Feuille d'émargement", attendance_html(sheet_data(store, meeting_id))),
    ]
    progress.check()
    report(5, 100, "Préparation du dossier : tableau de bord")
    action_ids, points = _agenda_actions(h.items)
    part = synthesis(store, contract_id, today, set(action_ids))
    sections.append(Section("Tableau de bord du contrat", part.html, images=part.images))

    names = lookups(store, contract_id)
    fiches, intro = [], []
    for i, action_id in enumerate(action_ids):
        progress.check()
        report(15 + (GATHER_SHARE - 20) * i // max(len(action_ids), 1), 100,
               f"Préparation du dossier : fiche {i + 1} sur {len(action_ids)}")
        bundle = load_bundle(store, action_id)
        a = bundle.action
        label = f"{a.reference} — {a.title}"
        refs = [f"point {n} — {title}" for n, title in points[action_id]]
        fiches.append(Section(label, fiche_html(bundle, names, today, refs), level=1))
        intro.append((label, names.organisations.get(a.owner_id, "—") if a.owner_id else "—",
                      [str(n) for n, _ in points[action_id]]))
    sections.append(Section("Fiches des actions à l'ordre du jour", fiches_intro_html(intro)))
    sections += fiches

    report(GATHER_SHARE - 5, 100, "Préparation du dossier : séance précédente")
    meetings = MeetingService(store, today)
    previous = meetings.previous(h.meeting)
    decisions_service = DecisionService(store, today)
    decisions = decisions_service.decisions(previous.id) if previous else []
    previous_follow_ups = decisions_service.follow_ups(previous.id) if previous else []
    previous_items = agenda.items(previous.id) if previous else []
    # those of the committee's earlier meetings only: this meeting's own follow-ups (or a later one's, in the
    # pack of a past meeting) are not "suites de la séance précédente"
    overdue = [r for r in follow_ups(store, contract_id, today=today, committee_id=h.committee.id, overdue_only=True)
               if r.follow_up.meeting_id != h.meeting.id and r.meeting_date < h.meeting.date]
    sections.append(Section("Suites de la séance précédente",
                            previous_meeting_html(h, previous, decisions, previous_follow_ups, previous_items,
                                                  overdue, today)))
    for section in sections:  # a number is never parted from its unit at the end of a line
        section.html = keep_units_together(section.html)
    when = format_date(h.meeting.date)
    return PackDocument(
        title=f"Dossier de séance — {h.label}", subject=h.committee.name,
        frame=Frame(header_left=h.committee.name, header_right=f"Séance du {when}",
                    footer_left=f"Dossier de séance — {h.label}"),
        sections=sections)


def _cover(store, h, today: date) -> Section:
    """The cover, with the contract's logo when it has one (Contrat ▸ Modifier ▸ Logo)."""
    from PySide6.QtGui import QImage

    from crte_desktop.db.repos.contract import ContractRepository

    logo = ContractRepository(store).logo(h.committee.contract_id)
    image = QImage.fromData(logo) if logo else None
    if logo is None or image is None or image.isNull():
        return Section("Couverture", cover_html(h, today), in_toc=False, running_header=False)
    return Section("Couverture", cover_html(h, today, (image.width(), image.height())), in_toc=False,
                   running_header=False, images={LOGO_RESOURCE: logo})


def _agenda_actions(items) -> tuple[list[int], dict[int, list[tuple[int, str]]]]:
    """The actions linked to the agenda, in agenda order, each once; and for each, its (item number, title)."""
    order: list[int] = []
    points: dict[int, list[tuple[int, str]]] = {}
    for n, item in enumerate(items, 1):
        for link in item.actions:
            if link.action_id is None:
                continue
            if link.action_id not in points:
                order.append(link.action_id)
                points[link.action_id] = []
            points[link.action_id].append((n, item.title))
    return order, points


def build_pack(store, meeting_id: int, out_path: Path | str, progress: Progress = NO_PROGRESS, *,
               today: date | None = None) -> PackResult:
    """Write the meeting pack of ``meeting_id`` as a PDF at ``out_path`` (whole or not at all).
    ``progress`` is told how far it is; once cancelled it stops, leaves no file and raises Cancelled."""
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".pdf":
        raise DomainError(f"Le dossier de séance s'enregistre en PDF : donnez un nom finissant par .pdf "
                          f"(« {out_path.name} »).")
    doc = pack_document(store, meeting_id, today=today, progress=progress)
    rendered = write_pdf(out_path, doc.sections, doc.frame, title=doc.title, subject=doc.subject,
                         progress=Share(progress, GATHER_SHARE, 100))
    return PackResult(rendered.page_count, [(e.title, e.page) for e in rendered.entries], out_path)


def print_pack(store, meeting_id: int, printer, progress: Progress = NO_PROGRESS, *,
               today: date | None = None) -> PackResult:
    """Print the meeting pack on ``printer`` (a QPrinter set up by the print dialog): the same pages."""
    doc = pack_document(store, meeting_id, today=today, progress=progress)
    rendered = print_sections(printer, doc.sections, doc.frame, progress=Share(progress, GATHER_SHARE, 100))
    return PackResult(rendered.page_count, [(e.title, e.page) for e in rendered.entries])
