"""The demo committees and meetings: the seed contracts' real compositions, a past COTECH filled in, a coming
COPIL with its agenda."""

import json
from datetime import date

import pytest

from crte_desktop.db.store import Store
from crte_desktop.demo.builder import demo_dir, load_datasets
from crte_desktop.demo.loader import ContractLoader
from crte_desktop.domain.meetings import CommitteeKind, MeetingStatus, MinutesStatus
from crte_desktop.meetings.agenda import AgendaService
from crte_desktop.meetings.attendance import AttendanceService
from crte_desktop.dashboard.compute import default_cadence
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.decisions import DecisionService
from crte_desktop.meetings.demo import add_demo_meetings
from crte_desktop.meetings.meetings import MeetingService
from crte_desktop.meetings.registers import overdue_follow_ups

TODAY = date(2026, 5, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store.create(tmp_path_factory.mktemp("demo") / "demo.crte")
    datasets = load_datasets()
    loader = ContractLoader(store)
    with store.transaction():
        contracts = [loader.load(data, name) for name, data in datasets]
    for contract, (_name, data) in zip(contracts, datasets):
        add_demo_meetings(store, contract.id, data["committees"], dataset=data, today=TODAY)
    yield store, contracts, datasets
    store.close()


def test_the_compositions_are_the_seed_contracts(demo):
    store, contracts, datasets = demo
    service = CommitteeService(store)
    for contract, (_name, data) in zip(contracts, datasets):
        committees = service.committees(contract.id)
        assert [(c.kind.value, c.name, c.min_per_year, len(c.members)) for c in committees] == [
            (raw["kind"].lower(), raw["name"], raw["min_per_year"], len(raw["members"])) for raw in data["committees"]]
    valenciennois = service.committees(contracts[0].id)[0]
    chairs = [v.display_name for v in service.member_views(valenciennois) if v.role.value == "co_president"]
    assert chairs == ["M. Georges-François LECLERC", "M. Laurent DEGALLAIX", "M. Aymeric ROBIN"]


@pytest.mark.parametrize("index", [0, 1])
def test_each_contract_has_a_past_cotech_filled_in_and_a_coming_copil(demo, index):
    store, contracts, _ = demo
    meetings = MeetingService(store, TODAY)
    rows = meetings.rows(contracts[index].id)
    past = [r for r in rows if r.committee_kind is CommitteeKind.COTECH and r.status is MeetingStatus.HELD]
    coming = [r for r in rows if r.committee_kind is CommitteeKind.COPIL and r.date > TODAY]
    assert past and len(coming) == 1
    last = past[-1]
    items = AgendaService(store).items(last.id)
    assert len(items) >= 5 and all(i.notes for i in items)
    assert any(i.actions for i in items)
    attendance = AttendanceService(store).saved(last.id)
    assert attendance and any(e.is_guest for e in attendance)
    decisions = DecisionService(store, TODAY).decisions(last.id)
    assert len(decisions) == 3 and decisions[1].actions
    assert DecisionService(store, TODAY).follow_ups(last.id)
    assert meetings.get(past[0].id).minutes_status is MinutesStatus.VALIDATED  # validated at the next COTECH
    copil = meetings.get(coming[0].id)
    assert copil.status is MeetingStatus.CONVENED and copil.convocation_sent_on <= TODAY
    copil_items = AgendaService(store).items(copil.id)
    assert copil_items[0].title.startswith("Validation du compte rendu du COPIL du ")
    assert any(i.actions for i in copil_items)
    assert overdue_follow_ups(store, contracts[index].id, TODAY)
    assert any(count for _name, _year, count, _min in default_cadence(store, contracts[index].id, TODAY))


def test_the_demo_json_committees_are_read_from_resources_when_no_dataset_is_given(tmp_path):
    data = json.loads((demo_dir() / "douaisis.json").read_text(encoding="utf-8"))
    with Store.create(tmp_path / "d.crte") as store:
        loader = ContractLoader(store)
        with store.transaction():
            contract = loader.load(data, "douaisis.json")
        committees = add_demo_meetings(store, contract.id, data["committees"], today=TODAY)
        assert [c.kind for c in committees] == [CommitteeKind.COPIL, CommitteeKind.COTECH]
        assert add_demo_meetings(store, contract.id, []) == []


def test_the_demo_workspace_written_by_the_demo_command_has_the_meetings(tmp_path):
    from crte_desktop.demo.builder import write_demo

    path = write_demo(tmp_path / "demo.crte")
    with Store.open_read_only(path) as store:
        assert len(MeetingService(store).rows()) == 8
