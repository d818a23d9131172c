"""The owner's self-financing is one figure everywhere: a plan line whose funder is « Autofinancement » counts as
self-financing — not as financements retenus nor in the public-aid rate — and the reste à charge is the cost less
the external financing, the same on the fiche, the dashboard, the workbook and the meeting pack."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.financing import FinancingLine, compute_totals, is_own_funds
from crte_desktop.domain.meetings import AgendaItem, AgendaItemKind
from crte_desktop.editing.actions import ActionService
from crte_desktop.excel.export import export_workbook
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.pack import build_pack
from tests.meetings.conftest import TODAY, new_meeting, world  # noqa: F401 - the fixture
from tests.reports.pdf_text import page_texts
from tests.in_transaction import InTransaction

D = Decimal


def test_own_funds_are_recognised_by_name():
    assert is_own_funds("Autofinancement")
    assert is_own_funds("  fonds   propres ")
    assert is_own_funds("Autre", "AUTOFINANCEMENT")
    assert not is_own_funds("Autre financeur privé", "Privé")


def test_totals_count_own_funds_as_self_financing():
    lines = [FinancingLine(None, 1, planned=D("500000"), granted=D("500000")),
             FinancingLine(None, 2, planned=D("100000")),
             FinancingLine(None, 9, planned=D("400000"))]
    totals = compute_totals(D("1000000"), lines, public_funder_ids={1, 2}, own_funder_ids={9})
    assert totals.retained == D("600000")
    assert totals.self_financing == D("400000")
    assert totals.own_retained == D("400000")
    assert totals.plan_total == D("1000000")
    assert totals.public_aid_rate == D("0.6")
    assert totals.coverage_rate == D("0.6")
    assert totals.by_stage[next(iter(totals.by_stage))] == D("600000")  # planned: external lines only


@pytest.fixture
def plan(world):  # noqa: F811
    """2021-2 (Maison France Services de Somain, 350 000 €): DETR 150 000 € accordés, Région 60 000 € sollicités,
    Autofinancement 140 000 € prévus."""
    store = world.store
    directory = InTransaction(DirectoryRepository(store))
    funders = {f.label: f.id for f in directory.funders()}
    schemes = {(s.funder_id, s.name): s.id for s in directory.schemes()}
    service = ActionService(store)
    bundle = service.load(world.ids["action2"])
    etat, region, own = funders["État"], funders["Région"], funders["Autofinancement"]
    bundle.financing = [
        FinancingLine(None, etat, schemes[(etat, "DETR")], FinancingCategory.CONTRACTUALISE, 2022, D("150000"),
                      D("150000"), D("150000"), status=FinancingStatus.ACCORDE),
        FinancingLine(None, region, None, FinancingCategory.VALORISE, 2022, D("60000"), D("60000"),
                      status=FinancingStatus.SOLLICITE),
        FinancingLine(None, own, None, FinancingCategory.VALORISE, 2022, D("140000")),
    ]
    service.save(bundle)
    return world.ids["action2"]


def test_the_fiche_dashboard_workbook_and_pack_show_one_self_financing_figure(world, plan, tmp_path, qapp):  # noqa: F811
    store = world.store
    service = ActionService(store)
    # the fiche (the financing tab shows the service's totals)
    totals = service.totals(service.load(plan))
    assert (totals.retained, totals.self_financing) == (D("210000.00"), D("140000.00"))
    assert totals.public_aid_rate == D("0.6")
    assert not [p for p in service.problems(service.load(plan)) if p.field == "financing"]

    # the dashboard, narrowed to the action's owner
    d = compute_dashboard(store, DashboardFilter(world.ids["contract"], owner_id=world.ids["ccco"]), TODAY)
    assert d.kpis.self_financing == D("140000.00")
    assert d.kpis.retained_on_costed == D("210000.00")
    assert "Autofinancement" not in [r.label for r in d.financing["funder"]]
    assert not [a for a in d.alerts if plan in a.action_ids and a.kind in ("uncovered", "overfinanced")]

    # the workbook
    out = tmp_path / "classeur.xlsx"
    export_workbook(store, out, world.ids["contract"], today=TODAY, charts=False)
    ws = openpyxl.load_workbook(out)["Actions"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "2021-2")
    assert row[head.index("Financements retenus (€)")] == 210000
    assert row[head.index("Autofinancement (€)")] == 140000

    # the pack's fiche
    meeting = new_meeting(store, world.cotech.id, TODAY)
    agenda = AgendaService(store)
    agenda.save_item(AgendaItem(meeting.id, "Somain", AgendaItemKind.PROGRESS, actions=[agenda.link(plan)]))
    pdf = tmp_path / "dossier.pdf"
    build_pack(store, meeting.id, pdf, today=TODAY)
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Financements retenus : 210 000,00 €" in text
    assert "Autofinancement du maître d'ouvrage : 140 000,00 €" in text
    assert "Taux d'aides publiques : 60,0 %" in text
    assert "Total des financements extérieurs" in text
