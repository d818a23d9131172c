"""A small contract whose dashboard figures are computed by hand in the tests (amounts in k€).

Today is 30/06/2024.

| action | section | owner   | cost | progress | status         | end        | financing (P/R/G/V, status)                          |
|--------|---------|---------|------|----------|----------------|------------|------------------------------------------------------|
| 2021-1 | 1.1     | Ville A | 100  | 50       | en cours       | 31/12/2025 | État DETR 2021 40/40/30/10 accordé; Région 2022 20/20 sollicité; autofin. 2021 30 |
| 2021-2 | 1.2     | CA      | 200  | 100      | réalisée       | 31/12/2023 | État DSIL 2021 100/100/100/100 soldé; Région 2021 70/70/70/35 versé en partie; autofin. 30 |
| 2022-1 | 2.1     | Ville A | 50   | 20       | en cours, late | 30/06/2023 | État DETR 2022 30/30 refusé; Région 2022 10/10/10 accordé; autofin. 2022 40; État FNADT 2022 5 annulé |
| 2022-2 | 1.1     | CA      | 80   | 0        | à venir        | 31/12/2026 | État DSIL relance 2022 planned 50 (France Relance); Région 2022 requested 40 |
| 2023-1 | —       | Ville B | —    | 10       | en préparation | —          | —                                                    |
| 2023-2 | 2.1     | Ville B | 40   | 30       | abandonnée     | 01/01/2023 | État DETR 2023 20/20 annulé                          |

Ville A belongs to CA (an EPCI); Ville B to CC (another EPCI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, OrgKind
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.editing.actions import ActionService

TODAY = date(2024, 6, 30)


def k(value) -> Decimal:
    return Decimal(value) * 1000


@dataclass
class Sample:
    contract_id: int
    sections: dict[str, int]  # code → id
    orgs: dict[str, int]
    funders: dict[str, int]
    schemes: dict[str, int]
    actions: dict[str, int]  # reference → id
    indicators: dict[str, int]

    def ids(self, *references: str) -> list[int]:
        return [self.actions[r] for r in references]


def build_sample(store, *args, **kwargs):
    """``_build_sample`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build_sample(store, *args, **kwargs)


def _build_sample(store) -> Sample:
    contracts = ContractRepository(store)
    directory = DirectoryRepository(store)
    contract = Contract(name="CRTE de Test", start_year=2021, level_names=["Volet", "Orientation"])
    contracts.save_contract(contract)
    sections = {}
    for code, title, parent in [("1", "Transition écologique", None), ("1.1", "Eau et biodiversité", "1"),
                                ("1.2", "Mobilités durables", "1"), ("2", "Cohésion territoriale", None),
                                ("2.1", "Santé et services", "2")]:
        s = Section(contract_id=contract.id, title=title, parent_id=sections.get(parent))
        contracts.save_section(s)
        sections[code] = s.id
    orgs = {}
    for key, name, kind, epci in [("CA", "Communauté d'agglomération Test", OrgKind.EPCI, None),
                                  ("CC", "Communauté de communes Autre", OrgKind.EPCI, None),
                                  ("Ville A", "Ville A", OrgKind.COMMUNE, "CA"),
                                  ("Ville B", "Ville B", OrgKind.COMMUNE, "CC")]:
        o = Organisation(name=name, kind=kind, short_name=key, epci_id=orgs.get(epci))
        directory.save_organisation(o)
        orgs[key] = o.id
    funders = {f.label: f.id for f in directory.funders()}
    schemes = {s.name: s.id for s in directory.schemes()}
    etat, region, auto = funders["État"], funders["Région"], funders["Autofinancement"]

    def line(funder, year, p=None, r=None, g=None, v=None, status=FinancingStatus.PREVU, scheme=None,
             category=FinancingCategory.VALORISE):
        return FinancingLine(None, funder, schemes.get(scheme), category, year,
                             *(k(x) if x is not None else None for x in (p, r, g, v)), status=status)

    contractualise = FinancingCategory.CONTRACTUALISE
    service = ActionService(store)
    actions, indicators = {}, {}
    specs = [
        ("2021-1", "Rénovation du réseau d'eau", "1.1", "Ville A", 100, 50, ActionStatus.EN_COURS, date(2025, 12, 31), [
            line(etat, 2021, 40, 40, 30, 10, FinancingStatus.ACCORDE, "DETR", contractualise),
            line(region, 2022, 20, 20, status=FinancingStatus.SOLLICITE),
            line(auto, 2021, 30)]),
        ("2021-2", "Pistes cyclables", "1.2", "CA", 200, 100, ActionStatus.REALISEE, date(2023, 12, 31), [
            line(etat, 2021, 100, 100, 100, 100, FinancingStatus.SOLDE, "DSIL", contractualise),
            line(region, 2021, 70, 70, 70, 35, FinancingStatus.VERSE_PARTIEL),
            line(auto, 2021, 30)]),
        ("2022-1", "Maison de santé", "2.1", "Ville A", 50, 20, ActionStatus.EN_COURS, date(2023, 6, 30), [
            line(etat, 2022, 30, 30, status=FinancingStatus.REFUSE, scheme="DETR", category=contractualise),
            line(region, 2022, 10, 10, 10, status=FinancingStatus.ACCORDE),
            line(auto, 2022, 40),
            line(etat, 2022, 5, status=FinancingStatus.ANNULE, scheme="FNADT", category=contractualise)]),
        ("2022-2", "Zone humide", "1.1", "CA", 80, 0, ActionStatus.A_VENIR, date(2026, 12, 31), [
            line(etat, 2022, 50, scheme="DSIL relance", category=FinancingCategory.FRANCE_RELANCE),
            line(region, 2022, None, 40, status=FinancingStatus.SOLLICITE)]),
        ("2023-1", "Étude de programmation", None, "Ville B", None, 10, ActionStatus.EN_PREPARATION, None, []),
        ("2023-2", "Piscine", "2.1", "Ville B", 40, 30, ActionStatus.ABANDONNEE, date(2023, 1, 1), [
            line(etat, 2023, 20, 20, status=FinancingStatus.ANNULE, scheme="DETR", category=contractualise)]),
    ]
    for ref, title, section, owner, cost, progress, status, end, lines in specs:
        bundle = service.new_bundle(contract.id, sections.get(section), int(ref[:4]))
        a = bundle.action
        a.reference, a.title, a.owner_id, a.status, a.progress = ref, title, orgs[owner], status, progress
        a.total_cost = k(cost) if cost is not None else None
        a.start_date = date(int(ref[:4]), 1, 1) if end else None
        a.end_date = end
        bundle.financing = lines
        if ref == "2021-1":
            bundle.indicators = [Indicator(contract.id, "Réseau rénové", "km", 0.0, 10.0, date(2024, 3, 31),
                                           measurements=[Measurement(date(2024, 1, 15), 4.0)])]
        elif ref == "2021-2":
            bundle.indicators = [Indicator(contract.id, "Pistes créées", "km", 0.0, 5.0, date(2023, 12, 31),
                                           measurements=[Measurement(date(2023, 12, 1), 6.0)])]
        elif ref == "2022-1":
            bundle.indicators = [Indicator(contract.id, "Praticiens installés", "", 0.0, 8.0, date(2025, 12, 31))]
        service.save(bundle)
        actions[ref] = a.id
        for ind in bundle.indicators:
            indicators[ind.name] = ind.id
    return Sample(contract.id, sections, orgs, funders, schemes, actions, indicators)
