"""Demonstration grants of 2025 for the green shares (the 2021 contracts give none after 2021): DETR and
DSIL lines granted to real actions of the Valenciennois, so that the « Parts vertes » tab shows one dotation
reaching its threshold (DSIL) and one below it (DETR). Every line says it is a demonstration value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.enums import FinancingCategory, FinancingStatus
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.editing.actions import ActionService

DEMO_COMMENT = "Valeur de démonstration : dotation 2025 absente du contrat de 2021 (parts vertes)."

# (action reference, scheme, amount granted): P-06 and P-05 are favourable in the demo, P-18 and P-23 not assessed
GRANTS = (("P-06", "DETR", "120000.00"), ("P-18", "DETR", "600000.00"),
          ("P-05", "DSIL", "900000.00"), ("P-23", "DSIL", "1500000.00"))


def add_demo_green_grants(store, contract_name: str = "CRTE du Valenciennois") -> int:
    """Add the lines; returns how many (none when the contract or an action is missing)."""
    contract = next((c for c in ContractRepository(store).contracts() if c.name == contract_name), None)
    if contract is None:
        return 0
    directory = DirectoryRepository(store)
    state = next(f for f in directory.funders() if f.name == "État")
    schemes = {s.name: s.id for s in directory.schemes(state.id)}
    service, actions = ActionService(store), ActionRepository(store)
    added = 0
    for reference, scheme, amount in GRANTS:
        action_id = actions.find_by_reference(contract.id, reference)
        if action_id is None or scheme not in schemes:
            continue
        bundle = service.load(action_id)
        value = Decimal(amount)
        bundle.financing.append(FinancingLine(action_id, state.id, schemes[scheme], FinancingCategory.CONTRACTUALISE,
                                              2025, value, value, value, status=FinancingStatus.ACCORDE,
                                              filing_date=date(2025, 1, 15), decision_date=date(2025, 6, 2),
                                              comment=DEMO_COMMENT))
        service.save(bundle)
        added += 1
    return added
