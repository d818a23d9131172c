"""The convocation's signature block and recipients, on the real Douaisis COPIL of the demo: the State
co-president signs « Le sous-préfet de Douai », the others with their full titles from the contract's
signatories; recipients are named in full, never by acronym; editing a signatory's capacity edits the letter."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.meetings import CommitteeKind
from crte_desktop.meetings.committees import CommitteeService
from crte_desktop.meetings.convocation_letter import convocation_letter, write_convocation_docx
from crte_desktop.meetings.meetings import MeetingService
from tests.meetings.test_documents import all_text
from tests.in_transaction import InTransaction


@pytest.fixture
def demo(tmp_path):
    from crte_desktop.demo.builder import write_demo

    store = Store.open(write_demo(tmp_path / "demo.crte"))
    yield store
    store.close()


def douaisis_copil(store) -> int:
    """The Douaisis COPIL of 5 January 2027 (convoquée)."""
    contract = next(c for c in ContractRepository(store).contracts() if "Douaisis" in c.name)
    committee = next(c for c in CommitteeService(store).committees(contract.id) if c.kind is CommitteeKind.COPIL)
    return next(m.id for m in MeetingService(store).for_committee(committee.id) if m.date == date(2027, 1, 5))


def test_state_signs_as_sous_prefet_and_others_with_full_titles(demo):
    letter = convocation_letter(demo, douaisis_copil(demo), on=date(2026, 12, 1))
    capacities = [cap for cap, _name in letter.signatures]
    assert capacities == ["Le sous-préfet de Douai",
                          "Le Président de la communauté d'agglomération Douaisis Agglo",
                          "Le Président de la communauté de communes Cœur d'Ostrevent"]
    assert [name for _cap, name in letter.signatures][1:] == ["M. Christian POIRET", "M. Frédéric DELANNOY"]


def test_recipients_named_in_full_not_by_acronym(demo):
    letter = convocation_letter(demo, douaisis_copil(demo))
    text = " ; ".join(letter.recipients)
    assert "M. Christian POIRET, Président de la communauté d'agglomération Douaisis Agglo" in letter.recipients
    assert "Agence de l'environnement et de la maîtrise de l'énergie" in text or "ADEME" not in text
    for acronym in ("(DA)", "(CCCO)", "EPFN", "AEAP", "ANCT"):
        assert acronym not in text


def test_editing_a_signatory_capacity_changes_the_letter(demo, tmp_path):
    contracts = InTransaction(ContractRepository(demo))
    contract = next(c for c in contracts.contracts() if "Douaisis" in c.name)
    signatories = contracts.signatories(contract.id)
    for s in signatories:
        if "Douaisis Agglo" in s.capacity:
            s.capacity = "Présidente de Douaisis Agglo"
    contracts.set_signatories(contract.id, signatories)
    doc = Document(str(write_convocation_docx(demo, douaisis_copil(demo), tmp_path / "c.docx")))
    text = all_text(doc)
    assert "La Présidente de Douaisis Agglo" in text and "Le sous-préfet de Douai" in text
