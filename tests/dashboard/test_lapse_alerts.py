"""Dashboard alerts before a grant lapses (« caducité »): 24 months after the decision for the State's
investment grants, unless works have started (declared, or something paid)."""

from datetime import date
from decimal import Decimal as D

from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.domain.enums import FinancingStatus, PaymentKind
from crte_desktop.domain.financing import Payment
from crte_desktop.editing.actions import ActionService
from tests.fixtures.make_fixtures import fill, scheme_id


def _grant(store, action_id, decision, **kw):
    service = ActionService(store)
    b = service.load(action_id)
    funder, scheme = scheme_id(store, "État", "DETR")
    line = b.financing[-1]
    line.funder_id, line.scheme_id = funder, scheme
    line.requested, line.granted, line.status = D("100000"), D("80000"), FinancingStatus.ACCORDE
    line.decision_date = decision
    for k, v in kw.items():
        setattr(line, k, v)
    service.save(b)


def test_lapse_alert_before_and_after_the_date(workspace):
    ids = fill(workspace)
    _grant(workspace, ids["action2"], date(2022, 9, 1))  # lapses 01/09/2024
    d = compute_dashboard(workspace, DashboardFilter(ids["contract"]), date(2024, 6, 30))
    [alert] = d.alerts_of("lapse")
    assert alert.action_ids == (ids["action2"],) and alert.reference == "2021-2"
    assert alert.kind_label == "Subventions proches de la caducité"
    assert alert.message == ("2021-2 — Maison France Services de Somain — État / DETR / 2022 : caducité le "
                             "01/09/2024 (dans 63 jours) si les travaux ne commencent pas.")
    passed = compute_dashboard(workspace, DashboardFilter(ids["contract"]), date(2024, 9, 2))
    assert "caduque depuis le 01/09/2024" in passed.alerts_of("lapse")[0].message
    far = compute_dashboard(workspace, DashboardFilter(ids["contract"]), date(2024, 1, 1))
    assert far.alerts_of("lapse") == []


def test_no_alert_once_works_have_started(workspace):
    ids = fill(workspace)
    _grant(workspace, ids["action2"], date(2022, 9, 1), works_start_date=date(2024, 3, 1))
    assert compute_dashboard(workspace, DashboardFilter(ids["contract"]), date(2024, 6, 30)).alerts_of("lapse") == []
    _grant(workspace, ids["action2"], date(2022, 9, 1), works_start_date=None,
           payments=[Payment(PaymentKind.AVANCE, date(2023, 1, 10), D("8000"))])
    assert compute_dashboard(workspace, DashboardFilter(ids["contract"]), date(2024, 6, 30)).alerts_of("lapse") == []
