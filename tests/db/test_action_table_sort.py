"""The actions table sorts by section in the order of the contract's tree, not by creation order."""

from crte_desktop.db.queries.action_table import ActionFilter, action_ids
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.editing.actions import ActionService
from tests.in_transaction import InTransaction


def test_sort_by_section_follows_the_codes(workspace):
    repo = InTransaction(ContractRepository(workspace))
    contract = Contract(name="CRTE du Douaisis", level_names=["Axe", "Orientation"])
    repo.save_contract(contract)
    axe2 = Section(contract.id, "Compétitivité et attractivité")
    repo.save_section(axe2)
    axe1 = Section(contract.id, "Transition écologique")
    repo.save_section(axe1)
    repo.move_section(axe1.id, None, 0)  # created second, placed first: "1"
    o12 = Section(contract.id, "Mobilités durables", parent_id=axe1.id)
    repo.save_section(o12)
    o11 = Section(contract.id, "Biodiversité et eau", parent_id=axe1.id)
    repo.save_section(o11)
    repo.move_section(o11.id, axe1.id, 0)
    codes = {s.id: s.code for s in repo.sections(contract.id)}
    assert (codes[axe1.id], codes[o11.id], codes[o12.id], codes[axe2.id]) == ("1", "1.1", "1.2", "2")
    service = ActionService(workspace)
    made = {}
    for reference, section in (("A", axe2), ("B", o12), ("C", o11), ("D", axe1)):
        bundle = service.new_bundle(contract.id, section.id, 2022)
        bundle.action.reference, bundle.action.title = reference, f"Action {reference}"
        service.save(bundle)
        made[bundle.action.id] = reference
    ids = action_ids(workspace, ActionFilter(contract_id=contract.id), "section")
    assert [made[i] for i in ids] == ["D", "C", "B", "A"]  # 1, 1.1, 1.2, 2
    ids = action_ids(workspace, ActionFilter(contract_id=contract.id), "section", descending=True)
    assert [made[i] for i in ids] == ["A", "B", "C", "D"]
