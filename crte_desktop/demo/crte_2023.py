"""The demo as run since 2023: phases, SGPE levers and adaptation on a few real actions of the seeds, and
Fonds vert lines with their mesure, Démarches simplifiées dossier, decision and payments.

The 2021 contracts give none of this: every value added here is a demonstration value, and says so (in the
line's comment, in the action's notes). Everything goes through ActionService, so it passes the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.repos.national import NationalReferenceRepository
from crte_desktop.domain.enums import DecisionKind, FinancingCategory, FinancingStatus, PaymentKind, Phase, Rating
from crte_desktop.domain.enums import TaxonomyObjective as Obj
from crte_desktop.domain.financing import FinancingLine, Payment
from crte_desktop.editing.actions import ActionService

DEMO_NOTE = ("Valeurs de démonstration (phase, leviers SGPE, adaptation, évaluation) : le contrat de 2021 ne les "
             "donne pas.")
DEMO_LINE = "Valeur de démonstration : ligne du Fonds vert absente du contrat de 2021."


@dataclass
class FondsVertLine:
    mesure: str
    year: int
    requested: str
    ds_number: str
    filing: date
    granted: str | None = None
    decision: date | None = None
    decision_ref: str = ""
    payments: list[tuple[PaymentKind, date, str]] = field(default_factory=list)


@dataclass
class Demo2023:
    contract: str
    reference: str
    phase: Phase
    levers: tuple[str, ...]
    adaptation: bool = False
    favourable: tuple[Obj, ...] = ()
    line: FondsVertLine | None = None


DEMO_2023 = (
    Demo2023("CRTE du Valenciennois", "P-04", Phase.OPERATION, ("Vélo", "Réduction des déplacements"),
             favourable=(Obj.MITIGATION,)),
    Demo2023("CRTE du Valenciennois", "P-05", Phase.ETUDE, ("Vélo", "Réduction des déplacements"),
             favourable=(Obj.MITIGATION, Obj.POLLUTION)),
    Demo2023("CRTE du Valenciennois", "P-06", Phase.OPERATION,
             ("Désimperméabilisation des sols", "Sobriété foncière", "Transports en commun"), adaptation=True,
             favourable=(Obj.ADAPTATION,),
             line=FondsVertLine("Renaturation des villes et des villages", 2024, "800000.00", "14052378",
                                date(2024, 3, 28), "600000.00", date(2024, 11, 15), "Arrêté préfectoral 2024-FV-117",
                                [(PaymentKind.AVANCE, date(2025, 3, 10), "180000.00")])),
    Demo2023("CRTE du Valenciennois", "P-09", Phase.OPERATION,
             ("Résorption des points noirs prioritaires de continuité écologique", "Restauration des habitats naturels"),
             adaptation=True, favourable=(Obj.BIODIVERSITY, Obj.WATER)),
    Demo2023("CRTE du Valenciennois", "P-21", Phase.ETUDE,
             ("Sobriété des bâtiments (tertiaire)", "Rénovation (hors changement chaudières)"),
             favourable=(Obj.MITIGATION,),
             # decided 03/02/2025, nothing paid: its lapse date (03/02/2027) raises the dashboard's alert
             line=FondsVertLine("Rénovation énergétique des bâtiments publics locaux", 2025, "300000.00", "16730441",
                                date(2024, 10, 2), "250000.00", date(2025, 2, 3), "Arrêté préfectoral 2025-FV-023")),
    Demo2023("CRTE du Douaisis", "D-02", Phase.OPERATION,
             ("Sobriété dans l'utilisation de la ressource en eau", "Protection des zones de captage d'eau"),
             adaptation=True, favourable=(Obj.WATER,),
             line=FondsVertLine("Prévention des risques d'inondation", 2026, "400000.00", "19264810",
                                date(2026, 9, 15))),
)


def add_demo_2023(store) -> int:
    """Add the demonstration values to the actions of the seeds found in ``store``; returns how many actions
    were completed (0 for a workspace without the seed contracts)."""
    service = ActionService(store)
    contracts = {c.name: c.id for c in ContractRepository(store).contracts()}
    levers = {lever.name: lever.id for lever in NationalReferenceRepository(store).levers()}
    mesures = {m.name: m.id for m in NationalReferenceRepository(store).mesures()}
    directory = DirectoryRepository(store)
    etat = next((f.id for f in directory.funders() if f.name == "État"), None)
    fonds_vert = next((s.id for s in directory.schemes(etat) if s.name == "Fonds vert"), None) if etat else None
    done = 0
    for demo in DEMO_2023:
        contract_id = contracts.get(demo.contract)
        action_id = service.actions.find_by_reference(contract_id, demo.reference) if contract_id else None
        if action_id is None:
            continue
        bundle = service.load(action_id)
        a = bundle.action
        a.phase, a.adaptation = demo.phase, demo.adaptation
        a.lever_ids = [levers[name] for name in demo.levers]
        a.notes = f"{a.notes}\n\n{DEMO_NOTE}".strip()
        for item in bundle.assessment:
            if item.objective in demo.favourable:
                item.rating, item.comment = Rating.FAVOURABLE, "Valeur de démonstration"
        if demo.line is not None and fonds_vert is not None:
            bundle.financing.append(_line(demo.line, etat, fonds_vert, mesures))
        service.save(bundle)
        done += 1
    return done


def _line(spec: FondsVertLine, funder_id: int, scheme_id: int, mesures: dict[str, int]) -> FinancingLine:
    status = FinancingStatus.SOLLICITE
    if spec.granted is not None:
        status = FinancingStatus.VERSE_PARTIEL if spec.payments else FinancingStatus.ACCORDE
    payments = [Payment(kind, when, Decimal(amount), "Valeur de démonstration") for kind, when, amount in spec.payments]
    return FinancingLine(
        None, funder_id, scheme_id, FinancingCategory.CONTRACTUALISE, spec.year, Decimal(spec.requested),
        Decimal(spec.requested), Decimal(spec.granted) if spec.granted else None, None, status,
        filing_date=spec.filing, decision_date=spec.decision, decision_ref=spec.decision_ref, comment=DEMO_LINE,
        mesure_id=mesures[spec.mesure], ds_number=spec.ds_number,
        decision_kind=DecisionKind.ARRETE if spec.decision else DecisionKind.NONE, payments=payments)
