"""The meeting pack read back as a committee member would: its pages, contents and bookmarks, the header and
"page X / Y", the fiches of the agenda's actions, the previous meeting's decisions and overdue follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import (
    AgendaItem, AgendaItemKind, AttendanceStatus, DecisionOutcome, FollowUp, MeetingStatus,
)
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.pack import build_pack
from crte_desktop.progress import Cancelled
from tests.test_progress import StopAfter
from tests.meetings.conftest import TODAY, new_meeting
from tests.reports.pdf_text import bookmarks, page_texts

pytestmark = pytest.mark.usefixtures("qapp")  # a QApplication, as in the application (not a bare QGuiApplication)

PREVIOUS_DAY = date(2024, 3, 12)
MEETING_DAY = date(2024, 6, 20)


@pytest.fixture
def out(tmp_path):
    """An empty folder for the packs (the workspace lives in tmp_path)."""
    folder = tmp_path / "sortie"
    folder.mkdir()
    return folder


@pytest.fixture
def prepared(world):
    """The COTECH of 20/06/2024 with its agenda (the two actions linked), attendance, and the previous COTECH
    (12/03/2024) with its decisions and follow-ups, one overdue."""
    store = world.store
    agenda, decisions = AgendaService(store), DecisionService(store, TODAY)
    previous = new_meeting(store, world.cotech.id, PREVIOUS_DAY, MeetingStatus.HELD)
    d1 = decisions.new_decision(previous.id)
    d1.text = "Le COTECH propose l'inscription de la friche Arc-en-Ciel à la programmation 2024."
    decisions.save_decision(d1)
    d2 = decisions.new_decision(previous.id)
    d2.text, d2.outcome = "Report de l'examen du plan de financement de Somain.", DecisionOutcome.POSTPONED
    decisions.save_decision(d2)
    decisions.save_follow_up(FollowUp(previous.id, "Transmettre le plan de financement actualisé", owner="Douaisis Agglo",
                                      due_date=date(2024, 4, 30), decision_id=d2.id))
    decisions.save_follow_up(FollowUp(previous.id, "Envoyer le compte rendu aux membres", owner="Secrétariat",
                                      due_date=date(2024, 3, 29), done=True, done_on=date(2024, 3, 20)))

    meeting = new_meeting(store, world.cotech.id, MEETING_DAY)
    items = [
        AgendaItem(meeting.id, "Validation du compte rendu du 12/03/2024", AgendaItemKind.PREVIOUS_MINUTES,
                   presenter="Secrétariat", duration_minutes=5),
        AgendaItem(meeting.id, "Avancement de la friche Arc-en-Ciel", AgendaItemKind.PROGRESS, presenter="Douaisis Agglo",
                   duration_minutes=20, actions=[agenda.link(world.ids["action1"])]),
        AgendaItem(meeting.id, "Financement des équipements : Somain et Arc-en-Ciel", AgendaItemKind.DECISION,
                   duration_minutes=30, actions=[agenda.link(world.ids["action2"]), agenda.link(world.ids["action1"])]),
    ]
    for item in items:
        agenda.save_item(item)
    attendance = AttendanceService(store)
    sheet = attendance.sheet(meeting.id)
    sheet[1].status = AttendanceStatus.EXCUSED
    attendance.save(meeting.id, sheet)
    return meeting


def test_pack_pages_contents_and_bookmarks(world, prepared, out):
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    texts = page_texts(target)
    assert len(texts) == result.page_count

    titles = [t for t, _p in result.sections]
    assert titles == ["Convocation", "Ordre du jour", "Feuille d'émargement", "Tableau de bord du contrat",
                      "Fiches des actions à l'ordre du jour", "2021-1 — Requalification de la friche Arc-en-Ciel",
                      "2021-2 — Maison France Services de Somain", "Suites de la séance précédente"]
    marks = bookmarks(target)
    assert [t for t, _lvl, _p in marks] == titles
    assert [p for _t, _lvl, p in marks] == [p for _t, p in result.sections]
    assert [lvl for t, lvl, _p in marks if t.startswith("2021-")] == [1, 1]
    pages = [p for _t, p in result.sections]
    assert pages == sorted(pages) and pages[0] == 3  # cover, contents, then the sections in order
    assert result.page_count == pages[-1]  # the follow-ups fit on the last page

    contents = texts[1]
    assert contents.startswith("Sommaire")
    for title, page in result.sections:
        assert f"{title} {page}" in contents

    # each section is on the page the contents announce
    def page_of(title):
        return texts[dict(result.sections)[title] - 1]

    assert "Nous avons l'honneur de vous convier" in page_of("Convocation")
    assert "Avancement de la friche Arc-en-Ciel" in page_of("Ordre du jour")
    assert "Durée prévue" in page_of("Ordre du jour") and "55 min" in page_of("Ordre du jour")
    assert "Excusé" in page_of("Feuille d'émargement")
    assert "M. Jean-Marc LEBLANC" in page_of("Feuille d'émargement")
    assert "Actions par statut" in page_of("Tableau de bord du contrat")
    fiche = page_of("2021-1 — Requalification de la friche Arc-en-Ciel")
    assert "Inscrite à l'ordre du jour : point 2 — Avancement de la friche Arc-en-Ciel ; point 3" in fiche
    assert "1 200 000,00 €" in fiche and "150 000,50 €" in fiche
    assert "du 01/09/2021 au 31/12/2024" in fiche
    assert "Surface de friche requalifiée" in fiche and "12 500 m² (30/06/2023)" in fiche
    assert "Protection et restauration de la biodiversité et des écosystèmes Favorable" in fiche
    assert "Autofinancement du maître d'ouvrage" in fiche
    assert "Communauté de communes Cœur d'Ostrevent" in texts[dict(result.sections)[
        "2021-2 — Maison France Services de Somain"] - 1] or "CCCO" in page_of("2021-2 — Maison France Services de Somain")


def test_every_page_has_header_and_page_x_of_y(world, prepared, out):
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    texts = page_texts(target)
    committee = world.cotech.name
    assert "Dossier de séance" in texts[0] and committee in texts[0]
    assert "Séance du 20/06/2024" not in texts[0]  # no running header on the cover
    assert "jeudi 20 juin 2024" in texts[0].lower()
    for number, text in enumerate(texts, 1):
        assert f"page {number} / {result.page_count}" in text
        assert "Dossier de séance — COTECH du 20/06/2024" in text
        if number > 1:
            assert committee in text and "Séance du 20/06/2024" in text


def test_previous_meeting_decisions_and_overdue_follow_ups(world, prepared, out):
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    last = page_texts(target)[dict(result.sections)["Suites de la séance précédente"] - 1]
    assert "COTECH du 12/03/2024" in last
    assert "Le COTECH propose l'inscription de la friche Arc-en-Ciel à la programmation 2024. Adopté" in last
    assert "Ajourné" in last
    assert "Envoyer le compte rendu aux membres Secrétariat 29/03/2024 Fait le 20/03/2024" in last
    assert "Transmettre le plan de financement actualisé (décision n° 2) Douaisis Agglo 30/04/2024 En retard — 46 jours de retard" in last
    overdue = last[last.index("Suites à donner en retard"):]
    assert "1 suite à donner du COTECH a dépassé son échéance" in overdue
    assert "Transmettre le plan de financement actualisé" in overdue
    assert "Envoyer le compte rendu" not in overdue


def test_a_past_meetings_pack_lists_no_follow_up_of_its_own_or_of_a_later_meeting(world, prepared, out):
    """Packs printed again on 01/07: the follow-ups decided on 12/03 (overdue since 30/04) and on 20/06 (overdue
    since 25/06) are not "suites de la séance précédente" of the 12/03 meeting; those of 20/06 not of 20/06."""
    later = date(2024, 7, 1)
    decisions = DecisionService(world.store, TODAY)
    decisions.save_follow_up(FollowUp(prepared.id, "Relancer la DREAL", owner="Secrétariat", due_date=date(2024, 6, 25)))
    earlier = prepared.id - 1  # the 12/03 meeting, created just before
    target = out / "ancien.pdf"
    result = build_pack(world.store, earlier, target, today=later)
    last = page_texts(target)[dict(result.sections)["Suites de la séance précédente"] - 1]
    assert "Première séance du Comité technique" in last
    assert "Aucune suite à donner en retard." in last
    assert "Transmettre le plan de financement" not in last and "Relancer la DREAL" not in last

    result = build_pack(world.store, prepared.id, target, today=later)
    last = page_texts(target)[dict(result.sections)["Suites de la séance précédente"] - 1]
    overdue = last[last.index("Suites à donner en retard"):]
    assert "Transmettre le plan de financement actualisé" in overdue and "Relancer la DREAL" not in overdue


def test_first_meeting_has_no_previous_one(world, out):
    meeting = new_meeting(world.store, world.copil.id, MEETING_DAY)
    target = out / "premier.pdf"
    result = build_pack(world.store, meeting.id, target, today=TODAY)
    texts = page_texts(target)
    assert "Première séance du Comité de pilotage" in texts[-1]
    assert "Aucune suite à donner en retard." in texts[-1]
    assert "L'ordre du jour n'est pas encore établi." in texts[dict(result.sections)["Ordre du jour"] - 1]
    assert "Aucune action n'est liée aux points de l'ordre du jour." in texts[
        dict(result.sections)["Fiches des actions à l'ordre du jour"] - 1]


def test_the_workspace_is_only_read(world, prepared, out, digest):
    before = digest(world.path)
    build_pack(world.store, prepared.id, out / "dossier.pdf", today=TODAY)
    assert digest(world.path) == before


def test_progress_reaches_the_end(world, prepared, out):
    progress = StopAfter()
    build_pack(world.store, prepared.id, out / "d.pdf", progress=progress, today=TODAY)
    seen = progress.seen
    done = [d for d, _t, _s in seen]
    assert done == sorted(done) and seen[-1][:2] == (100, 100)
    assert any("fiche 2 sur 2" in s for _d, _t, s in seen)


@pytest.mark.parametrize("stop_after", [1, 4, 12])
def test_cancelling_leaves_no_file(world, prepared, out, stop_after):
    with pytest.raises(Cancelled):
        build_pack(world.store, prepared.id, out / "dossier.pdf", progress=StopAfter(stop_after), today=TODAY)
    assert list(out.iterdir()) == []


def test_cancelling_keeps_the_pack_written_before(world, prepared, out, digest):
    target = out / "dossier.pdf"
    build_pack(world.store, prepared.id, target, today=TODAY)
    before = digest(target)
    with pytest.raises(Cancelled):
        build_pack(world.store, prepared.id, target, progress=StopAfter(1), today=TODAY)
    assert digest(target) == before


def test_bad_requests_are_refused_in_french(world, prepared, out):
    with pytest.raises(DomainError, match="Il n'y a pas de séance n° 999"):
        build_pack(world.store, 999, out / "d.pdf")
    with pytest.raises(DomainError, match="s'enregistre en PDF"):
        build_pack(world.store, prepared.id, out / "dossier.docx")
    with pytest.raises(DomainError, match="n'existe pas"):
        build_pack(world.store, prepared.id, out / "absent" / "dossier.pdf")
    assert list(out.iterdir()) == []


def test_a_deleted_action_stays_named_on_the_agenda_without_its_fiche(world, prepared, out):
    from crte_desktop.editing.actions import ActionService

    ActionService(world.store).delete(world.ids["action2"])
    result = build_pack(world.store, prepared.id, out / "dossier.pdf", today=TODAY)
    titles = [t for t, _p in result.sections]
    assert "2021-1 — Requalification de la friche Arc-en-Ciel" in titles
    assert not any(t.startswith("2021-2") for t in titles)
    agenda = page_texts(out / "dossier.pdf")[dict(result.sections)["Ordre du jour"] - 1]
    assert "2021-2 — Maison France Services de Somain (action supprimée depuis)" in agenda


def test_a_cancelled_meeting_says_so_on_the_cover(world, prepared, out):
    from crte_desktop.meetings.meetings import MeetingService

    MeetingService(world.store, TODAY).set_status(prepared.id, MeetingStatus.CANCELLED)
    build_pack(world.store, prepared.id, out / "dossier.pdf", today=TODAY)
    assert "Séance annulée." in page_texts(out / "dossier.pdf")[0]


def test_amounts_of_tens_of_millions_stay_on_one_line_in_the_fiche(world, prepared, out):
    from decimal import Decimal

    from crte_desktop.editing.actions import ActionService

    service = ActionService(world.store)
    bundle = service.load(world.ids["action1"])
    bundle.action.total_cost = Decimal("98765432.10")
    line = bundle.financing[0]
    line.planned = line.requested = line.granted = Decimal("42345678.90")
    service.save(bundle)
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    from pypdf import PdfReader

    raw = PdfReader(str(target)).pages[dict(result.sections)["2021-1 — Requalification de la friche Arc-en-Ciel"] - 1]
    lines = [t.strip() for t in raw.extract_text().replace("\u00a0", " ").splitlines()]
    assert "42 345 678,90 €" in lines  # a cell of its own, whole
    assert "€" not in lines  # never a "€" wrapped alone under its amount


def test_the_synthesis_lists_each_status_on_its_own_line(world, prepared, out):
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    page = page_texts(target)[dict(result.sections)["Tableau de bord du contrat"] - 1]
    assert "Actions par statut" in page
    assert "Actions par statut En cours" in page or "Actions par statut En préparation" in page


def test_the_convocation_lists_the_agenda_numbered(world, prepared, out):
    target = out / "dossier.pdf"
    result = build_pack(world.store, prepared.id, target, today=TODAY)
    page = page_texts(target)[dict(result.sections)["Convocation"] - 1]
    assert "1. Validation du compte rendu du 12/03/2024 (Secrétariat, 5 min)" in page
    assert "2. Avancement de la friche Arc-en-Ciel (Douaisis Agglo, 20 min)" in page
    assert page.index("L'ordre du jour de la séance est le suivant") < page.index("1. Validation") \
        < page.index("Les documents préparatoires")
