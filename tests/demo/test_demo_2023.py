"""The demo since 2023: phases, SGPE levers and Fonds vert lines (mesure, dossier, decision, payments) on real
actions of the seeds, each labelled as a demonstration value; one grant near its lapse date raises the alert."""

import shutil
from datetime import date
from decimal import Decimal as D

from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.db.store import Store
from crte_desktop.demo.crte_2023 import DEMO_LINE, DEMO_NOTE
from crte_desktop.domain.enums import PaymentKind, Phase
from crte_desktop.editing.actions import ActionService


def _bundle(store, contract: str, reference: str):
    service = ActionService(store)
    cid = next(c.id for c in ContractRepository(store).contracts() if c.name == contract)
    return service.load(service.actions.find_by_reference(cid, reference))


def test_fonds_vert_lines_levers_and_phases_labelled_as_demonstration(demo_path, tmp_path):
    path = tmp_path / "demo.crte"
    shutil.copy(demo_path, path)  # the session's demo stays untouched
    with Store.open(path) as store:
        levers = NationalReferenceRepository(store).lever_names()
        mesures = {m.id: m.name for m in NationalReferenceRepository(store).mesures()}
        b = _bundle(store, "CRTE du Valenciennois", "P-06")
        assert b.action.phase is Phase.OPERATION and b.action.adaptation
        assert {levers[i] for i in b.action.lever_ids} == {"Désimperméabilisation des sols", "Sobriété foncière",
                                                          "Transports en commun"}
        assert DEMO_NOTE in b.action.notes
        [line] = [l for l in b.financing if l.mesure_id]
        assert mesures[line.mesure_id] == "Renaturation des villes et des villages"
        assert line.comment == DEMO_LINE and line.ds_number == "14052378"
        assert [(p.kind, p.amount) for p in line.payments] == [(PaymentKind.AVANCE, D("180000.00"))]
        assert line.paid == D("180000.00") and line.granted == D("600000.00")
        fonds_vert = [l for a in ("P-06", "P-21") for l in _bundle(store, "CRTE du Valenciennois", a).financing
                      if l.mesure_id]
        fonds_vert += [l for l in _bundle(store, "CRTE du Douaisis", "D-02").financing if l.mesure_id]
        assert len(fonds_vert) == 3 and all(l.comment == DEMO_LINE for l in fonds_vert)
        cid = next(c.id for c in ContractRepository(store).contracts() if c.name == "CRTE du Valenciennois")
        alerts = compute_dashboard(store, DashboardFilter(cid), date(2026, 12, 4)).alerts_of("lapse")
        assert [a.reference for a in alerts] == ["P-21"]
        assert "caducité le 03/02/2027" in alerts[0].message
