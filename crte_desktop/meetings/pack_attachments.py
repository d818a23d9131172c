"""The documents attached to the agenda, in the meeting pack: after the agenda, point by point, each in the
table of contents and the bookmarks — a PDF merged page for page, an image placed on a page of its own,
any other kind (Word, spreadsheet…) listed with a note saying where to find it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.reports.pdf_document import esc
from crte_desktop.reports.pdf_pages import Section

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
OTHER_KINDS = {".doc": "document Word", ".docx": "document Word", ".odt": "document texte",
               ".xls": "classeur", ".xlsx": "classeur", ".ods": "classeur", ".csv": "tableau CSV",
               ".ppt": "présentation", ".pptx": "présentation", ".odp": "présentation", ".txt": "texte",
               ".zip": "archive", ".eml": "courriel", ".msg": "courriel"}
BODY_PX = (650, 840)  # an image's room on an A4 page under its heading (CSS pixels)


@dataclass
class AttachedDocument:
    point: int | None  # agenda item number (None: attached to the meeting itself)
    point_title: str
    file_name: str
    kind: str  # "pdf", "image" or "other"
    data: bytes = b""
    pages: int = 0  # of a PDF
    note: str = ""  # why it is only listed

    @property
    def label(self) -> str:
        where = f"Point {self.point}" if self.point is not None else "Séance"
        return f"{where} — {self.file_name}"


def attached_documents(store, meeting_id: int, items) -> list[AttachedDocument]:
    """The meeting's documents in agenda order (those of the meeting itself last), each classified."""
    service = AgendaService(store)
    numbers = {item.id: (n, item.title) for n, item in enumerate(items, 1)}
    found = []
    for att in service.attachments(meeting_id):
        point, title = numbers.get(att.agenda_item_id, (None, ""))
        found.append(_classify(point, title, att, service.attachment_data(att.id)))
    return sorted(found, key=lambda d: (d.point is None, d.point or 0))


def _classify(point, title, att, data: bytes) -> AttachedDocument:
    suffix = PurePath(att.file_name).suffix.lower()
    doc = AttachedDocument(point, title, att.file_name, "other", data)
    if suffix == ".pdf" or att.mime_type == "application/pdf":
        try:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                doc.note = "PDF protégé par un mot de passe : il n'a pas pu être repris dans le dossier."
                return doc
            doc.pages = len(reader.pages)
        except Exception:  # noqa: BLE001 - any damaged PDF is listed, never fatal to the pack
            doc.note = "PDF illisible : il n'a pas pu être repris dans le dossier."
            return doc
        if doc.pages:
            doc.kind = "pdf"
        else:
            doc.note = "PDF sans page."
        return doc
    if suffix in IMAGE_SUFFIXES or att.mime_type.startswith("image/"):
        from PySide6.QtGui import QImage

        from crte_desktop.reports.pdf_document import ensure_gui_application

        ensure_gui_application()
        if not QImage.fromData(data).isNull():
            doc.kind = "image"
            return doc
        doc.note = "Image illisible : elle n'a pas pu être reprise dans le dossier."
        return doc
    what = OTHER_KINDS.get(suffix, "fichier")
    doc.note = (f"{what[:1].upper()}{what[1:]} non reproduit dans le dossier : il est joint à la séance dans "
                "l'espace de travail (Ordre du jour ▸ Documents) et peut être demandé au secrétariat.")
    return doc


def attachment_sections(documents: list[AttachedDocument]) -> list[Section]:
    """The "Documents joints" part: a page listing them all, then each reproducible one, point by point."""
    if not documents:
        return []
    sections = [Section("Documents joints à l'ordre du jour", _list_html(documents))]
    for n, doc in enumerate(documents):
        if doc.kind == "pdf":
            sections.append(Section(doc.label, level=1, pdf=doc.data, pdf_pages=doc.pages,
                                    print_note=_print_note(doc)))
        elif doc.kind == "image":
            name = f"attachment-{n}"
            sections.append(Section(doc.label, _image_html(doc, name), level=1, images={name: doc.data}))
    return sections


def _list_html(documents: list[AttachedDocument]) -> str:
    rows = []
    for doc in documents:
        point = f"{doc.point}. {esc(doc.point_title)}" if doc.point is not None else "Séance"
        if doc.kind == "pdf":
            where = f"ci-après ({doc.pages}&nbsp;page{'s' if doc.pages > 1 else ''})"
        elif doc.kind == "image":
            where = "ci-après (image)"
        else:
            where = f"<span class='muted'>{esc(doc.note)}</span>"
        rows.append(f"<tr><td>{point}</td><td>{esc(doc.file_name)}</td><td>{where}</td></tr>")
    return ("<h1>Documents joints à l'ordre du jour</h1>"
            "<p>Les documents joints aux points de l'ordre du jour suivent, dans l'ordre des points.</p>"
            "<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr><th width='38%'>Point</th>"
            "<th width='30%'>Document</th><th width='32%'>Dans ce dossier</th></tr></thead>" + "".join(rows)
            + "</table>")


def _image_html(doc: AttachedDocument, name: str) -> str:
    from PySide6.QtGui import QImage

    image = QImage.fromData(doc.data)
    scale = min(1.0, BODY_PX[0] / max(image.width(), 1), BODY_PX[1] / max(image.height(), 1))
    width, height = int(image.width() * scale), int(image.height() * scale)
    where = f"Point {doc.point} — {esc(doc.point_title)}" if doc.point is not None else "Document de la séance"
    return (f"<h2>{where}</h2><p class='small muted'>Document joint : {esc(doc.file_name)}</p>"
            f"<p align='center'><img src='{name}' width='{width}' height='{height}'/></p>")


def _print_note(doc: AttachedDocument) -> str:
    return (f"<h2>{esc(doc.label)}</h2><p>Ce document PDF de {doc.pages}&nbsp;page{'s' if doc.pages > 1 else ''} "
            "figure dans le dossier de séance enregistré en PDF ; imprimez-le depuis ce fichier ou depuis "
            "l'ordre du jour (Documents ▸ Enregistrer sous…).</p>")
