"""A large, realistic workspace for the benchmark: two contracts, thousands of actions, their financing
plans and indicators, generated from a fixed seed and written with bulk inserts in one transaction.

Every generated action passes the domain rules (checked before writing): the workspace is one a
secretary could have typed, only bigger.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from crte_desktop.db import bulk
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.demo.builder import load_datasets
from crte_desktop.domain import rules
from crte_desktop.domain.action import Action
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, OrgKind, Priority
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement

FINANCING_PER_ACTION = 5
MEASUREMENTS_PER_INDICATOR = 5

# (name, short name, communes) of the EPCIs; the first two make the first contract's territory.
EPCIS = [
    ("Communauté d'agglomération Valenciennes Métropole", "CAVM", [
        "Valenciennes", "Anzin", "Condé-sur-l'Escaut", "Onnaing", "Quiévrechain", "Vieux-Condé",
        "Bruay-sur-l'Escaut", "Marly", "Saint-Saulve", "Aulnoy-lez-Valenciennes", "Famars", "Maing", "Prouvy",
        "Rouvignies", "Hérin",
        "Petite-Forêt", "Beuvrages", "Fresnes-sur-Escaut", "Crespin", "Quarouble", "Vicq", "Saultain", "Estreux",
        "Sebourg", "Curgies", "Préseau", "Artres", "Querenaing"]),
    ("Communauté d'agglomération de la Porte du Hainaut", "CAPH", [
        "Denain", "Saint-Amand-les-Eaux", "Raismes", "Wallers", "Haveluy", "Escaudain", "Lourches", "Rœulx",
        "Douchy-les-Mines", "Neuville-sur-Escaut", "Haulchin", "Thiant", "Trith-Saint-Léger", "Abscon", "Hasnon",
        "Rosult", "Lecelles", "Nivelle", "Millonfosse", "Bousignies", "Brillon", "Mortagne-du-Nord",
        "Château-l'Abbaye", "Thun-Saint-Amand", "Rumegies", "Hergnies", "Odomez", "Bellaing"]),
    ("Communauté d'agglomération Douaisis Agglo", "DA", [
        "Douai", "Sin-le-Noble", "Waziers", "Guesnain", "Dechy", "Lambres-lez-Douai", "Cuincy", "Lallaing",
        "Flers-en-Escrebieux", "Auby", "Roost-Warendin", "Râches", "Anhiers", "Flines-lez-Raches", "Arleux",
        "Cantin", "Férin", "Lewarde", "Courchelettes", "Esquerchin", "Lauwin-Planque"]),
    ("Communauté de communes Cœur d'Ostrevent", "CCCO", [
        "Somain", "Aniche", "Auberchicourt", "Hornaing", "Pecquencourt", "Fenain", "Masny", "Montigny-en-Ostrevent",
        "Rieulay", "Marchiennes", "Erre", "Vred", "Écaillon", "Bruille-lez-Marchiennes"]),
    ("Communauté d'agglomération de Lens-Liévin", "CALL", [
        "Lens", "Liévin", "Avion", "Harnes", "Sallaumines", "Méricourt", "Billy-Montigny", "Montigny-en-Gohelle",
        "Loos-en-Gohelle", "Grenay"]),
    ("Communauté d'agglomération Hénin-Carvin", "CAHC", [
        "Hénin-Beaumont", "Carvin", "Courrières", "Oignies", "Noyelles-Godault", "Rouvroy", "Dourges",
        "Évin-Malmaison", "Courcelles-lès-Lens", "Leforest"]),
]

OTHER_ORGANISATIONS = [
    ("Préfecture de la région Hauts-de-France, préfecture du Nord", "Préfecture du Nord", OrgKind.ETAT),
    ("Sous-préfecture de Valenciennes", "Sous-préfecture de Valenciennes", OrgKind.ETAT),
    ("Sous-préfecture de Douai", "Sous-préfecture de Douai", OrgKind.ETAT),
    ("Région Hauts-de-France", "Région", OrgKind.REGION),
    ("Département du Nord", "Département du Nord", OrgKind.DEPARTEMENT),
    ("Département du Pas-de-Calais", "Département du Pas-de-Calais", OrgKind.DEPARTEMENT),
    ("Agence de l'environnement et de la maîtrise de l'énergie", "ADEME", OrgKind.OPERATEUR_ETAT),
    ("Agence de l'eau Artois-Picardie", "AEAP", OrgKind.OPERATEUR_ETAT),
    ("Banque des territoires", "Banque des territoires", OrgKind.ETABLISSEMENT_PUBLIC),
    ("Voies navigables de France", "VNF", OrgKind.OPERATEUR_ETAT),
    ("SNCF Réseau", "SNCF Réseau", OrgKind.ETABLISSEMENT_PUBLIC),
    ("Établissement public foncier des Hauts-de-France", "EPF", OrgKind.ETABLISSEMENT_PUBLIC),
    ("Syndicat inter-arrondissement de valorisation et d'élimination des déchets", "SIAVED", OrgKind.SYNDICAT),
    ("Syndicat mixte des transports du Douaisis", "SMTD", OrgKind.SYNDICAT),
    ("Syndicat intercommunal de mobilité et d'organisation urbaine du Valenciennois", "SIMOUV", OrgKind.SYNDICAT),
    ("Parc naturel régional Scarpe-Escaut", "PNR Scarpe-Escaut", OrgKind.SYNDICAT),
    ("Université Polytechnique Hauts-de-France", "UPHF", OrgKind.ETABLISSEMENT_PUBLIC),
    ("Maisons et Cités", "Maisons et Cités", OrgKind.ENTREPRISE),
    ("SIA Habitat", "SIA Habitat", OrgKind.ENTREPRISE),
    ("Partenord Habitat", "Partenord", OrgKind.ENTREPRISE),
    ("Chambre de commerce et d'industrie Grand Hainaut", "CCI Grand Hainaut", OrgKind.CHAMBRE_CONSULAIRE),
    ("Chambre d'agriculture du Nord-Pas de Calais", "Chambre d'agriculture", OrgKind.CHAMBRE_CONSULAIRE),
    ("Association droit au vélo", "ADAV", OrgKind.ASSOCIATION),
    ("Centre hospitalier de Valenciennes", "CH Valenciennes", OrgKind.ETABLISSEMENT_PUBLIC),
]

WORKS = ["Rénovation énergétique", "Réhabilitation", "Aménagement", "Requalification", "Extension",
         "Mise en accessibilité", "Végétalisation", "Désimperméabilisation", "Étude de programmation",
         "Sécurisation", "Restauration", "Modernisation"]
PLACES = ["la salle des sports", "l'école élémentaire", "la médiathèque", "l'avenue de la gare",
          "la place du marché", "le parc urbain", "la piscine intercommunale", "la voie verte", "le centre social",
          "la mairie",
          "le groupe scolaire", "la friche industrielle", "le réseau de chaleur", "la station d'épuration",
          "l'éclairage public", "les berges de l'Escaut", "la halle couverte", "le terrain synthétique",
          "la maison de santé", "le cimetière paysager", "la crèche", "l'église Saint-Martin",
          "le quartier de la gare",
          "l'avenue Jean Jaurès", "le pôle d'échanges multimodal", "la piste cyclable", "la cité minière",
          "l'avenue du Général de Gaulle", "le stade municipal", "le conservatoire", "la base nautique",
          "les jardins familiaux", "le marché couvert", "la rue piétonne", "le cœur de ville"]
INDICATORS = [("Surface rénovée", "m²", 0, 2500), ("Kilomètres aménagés", "km", 0, 12),
              ("Consommation d'énergie", "MWh/an", 900, 450), ("Logements réhabilités", "logements", 0, 120),
              ("Fréquentation annuelle", "visiteurs", 10000, 25000), ("Arbres plantés", "arbres", 0, 400),
              ("Emplois créés", "emplois", 0, 35), ("Surface désimperméabilisée", "m²", 0, 6000)]
STATUS_WEIGHTS = [(ActionStatus.A_VENIR, 10), (ActionStatus.EN_PREPARATION, 20), (ActionStatus.EN_COURS, 35),
                  (ActionStatus.REALISEE, 20), (ActionStatus.EN_PAUSE, 6), (ActionStatus.BLOQUEE, 5),
                  (ActionStatus.ABANDONNEE, 4)]
CENT = Decimal("0.01")


@dataclass
class GeneratedSizes:
    contracts: int
    sections: int
    organisations: int
    actions: int
    financing: int
    indicators: int
    measurements: int


def _of(place: str) -> str:
    """French contraction: "de" + "le parc" → "du parc", + "les berges" → "des berges"."""
    if place.startswith("le "):
        return "du " + place[3:]
    if place.startswith("les "):
        return "des " + place[4:]
    return "de " + place


class _Generator:
    def __init__(self, store: Store, seed: int):
        self.store = store
        self.rng = random.Random(seed)
        self.directory = DirectoryRepository(store)

    def organisations(self) -> tuple[list[list[Organisation]], list[list[Organisation]], list[Organisation]]:
        """(EPCIs per contract, communes per contract, other organisations); about 150 in all."""
        epcis = [Organisation(name=name, short_name=short, kind=OrgKind.EPCI) for name, short, _ in EPCIS]
        bulk.insert_organisations(self.store, epcis)
        communes = [[Organisation(name=f"Commune de {c}", short_name=c, kind=OrgKind.COMMUNE, epci_id=epci.id)
                     for c in communes] for epci, (_n, _s, communes) in zip(epcis, EPCIS)]
        others = [Organisation(name=name, short_name=short, kind=kind) for name, short, kind in OTHER_ORGANISATIONS]
        bulk.insert_organisations(self.store, [c for group in communes for c in group] + others)
        halves = (slice(0, 2), slice(2, len(EPCIS)))
        return ([epcis[h] for h in halves], [[c for group in communes[h] for c in group] for h in halves], others)

    def sections(self, contract: Contract, tree: list[dict]) -> list[Section]:
        """The section tree of a seed contract; returns the leaves (where actions go)."""
        repo = ContractRepository(self.store)
        leaves = []

        def walk(items: list[dict], parent_id: int | None) -> None:
            for position, raw in enumerate(items):
                section = Section(contract_id=contract.id, title=raw["title"], parent_id=parent_id,
                                  position=position, description=raw.get("description", ""))
                repo.save_section(section)
                if raw.get("children"):
                    walk(raw["children"], section.id)
                else:
                    leaves.append(section)

        walk(tree, None)
        return leaves

    def action(self, contract: Contract, number: int, year: int, sections: list[Section], epcis: list[Organisation],
               communes: list[Organisation], others: list[Organisation]) -> Action:
        rng = self.rng
        commune = rng.choice(communes)
        epci_id = commune.epci_id
        roll = rng.random()
        if roll < 0.55:
            owner = commune
        elif roll < 0.85:
            owner = next(e for e in epcis if e.id == epci_id)
        else:
            owner = rng.choice(others)
        status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        progress = {ActionStatus.A_VENIR: 0, ActionStatus.REALISEE: 100, ActionStatus.EN_PREPARATION: 0}.get(
            status, rng.randrange(5, 96, 5))
        start = date(year, rng.randint(1, 12), 1)
        end = start + timedelta(days=rng.randint(180, 1100))
        # costs spread as in the seed contracts: mostly a few hundred thousand euros, some tens of millions
        cost = None if rng.random() < 0.05 else Decimal(min(max(round(rng.lognormvariate(12.6, 1.3), -2), 10_000),
                                                            60_000_000))
        place = rng.choice(PLACES)
        work = rng.choice(WORKS)
        return Action(
            contract_id=contract.id, reference=f"{year}-{number}",
            title=f"{work} {_of(place)} à {commune.short_name}", section_id=rng.choice(sections).id,
            description=f"{work} {_of(place)} de la commune de {commune.short_name}.",
            objectives="Réduire les consommations d'énergie ; améliorer le cadre de vie.", owner_id=owner.id,
            epci_id=epci_id, partner_ids=rng.sample([e.id for e in epcis if e.id != owner.id], k=1),
            commune_ids=[commune.id], start_date=start, end_date=end, total_cost=cost, status=status,
            progress=progress, priority=rng.choice(list(Priority)), inscription_year=year)

    def financing(self, action: Action, funders: list[tuple[int, list]]) -> list[FinancingLine]:
        """Five lines: four public funders and the owner's own funds, within the cost, stages consistent."""
        rng = self.rng
        base = action.total_cost or Decimal(rng.randrange(50_000, 1_000_000, 500))
        covered = Decimal(str(rng.uniform(0.55, 1.0)))
        weights = [rng.random() + 0.1 for _ in range(FINANCING_PER_ACTION)]
        lines = []
        chosen = rng.sample(funders[:-1], FINANCING_PER_ACTION - 1) + [funders[-1]]
        for (funder_id, schemes), weight in zip(chosen, weights):
            scheme = rng.choice(schemes) if schemes else None
            planned = (base * covered * Decimal(weight / sum(weights))).quantize(CENT, rounding=ROUND_DOWN)
            status = rng.choices(list(FinancingStatus), [15, 20, 30, 4, 15, 14, 2])[0]
            requested = granted = paid = None
            if status is not FinancingStatus.PREVU:
                requested = planned
            if status in (FinancingStatus.ACCORDE, FinancingStatus.VERSE_PARTIEL, FinancingStatus.SOLDE,
                          FinancingStatus.ANNULE):
                granted = (requested * Decimal(str(rng.uniform(0.7, 1.0)))).quantize(CENT, rounding=ROUND_DOWN)
            if status is FinancingStatus.VERSE_PARTIEL:
                paid = (granted * Decimal(str(rng.uniform(0.1, 0.9)))).quantize(CENT, rounding=ROUND_DOWN)
            elif status is FinancingStatus.SOLDE:
                paid = granted
            lines.append(FinancingLine(
                action_id=action.id, funder_id=funder_id, scheme_id=scheme.id if scheme else None,
                category=scheme.default_category if scheme and scheme.default_category else FinancingCategory.VALORISE,
                year=min(max(action.inscription_year + rng.randint(0, 2), 2021), 2026), planned=planned,
                requested=requested, granted=granted, paid=paid, status=status))
        return lines

    def indicator(self, action: Action) -> Indicator:
        rng = self.rng
        name, unit, baseline, target = rng.choice(INDICATORS)
        first = action.start_date or date(2022, 1, 1)
        step = (target - baseline) / 8  # five quarters of a two-year path, give or take
        measurements = [Measurement(date=first + timedelta(days=91 * (i + 1)),
                                    value=round(baseline + step * (i + 1) * rng.uniform(0.6, 1.2), 1))
                        for i in range(MEASUREMENTS_PER_INDICATOR)]
        return Indicator(contract_id=action.contract_id, action_id=action.id, name=name, unit=unit,
                         baseline=float(baseline), target=float(target), due_date=action.end_date,
                         measurements=measurements)


def generate(path: Path | str, scale: int = 5000, seed: int = 2021) -> GeneratedSizes:
    """Write a new workspace at ``path`` (refused if it exists) with ``scale`` actions in two contracts.
    On failure the new file is removed: nothing half-written is left behind."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    store = Store.create(path)
    try:
        with store.transaction():
            sizes = _fill(store, scale, seed)
    except BaseException:
        store.close()
        Path(path).unlink(missing_ok=True)
        raise
    store.close()
    return sizes


def _fill(store: Store, scale: int, seed: int) -> GeneratedSizes:
    gen = _Generator(store, seed)
    epcis, communes, others = gen.organisations()
    datasets = load_datasets()
    directory = gen.directory
    schemes = directory.schemes()
    public = directory.public_funder_ids()
    own_funds = next(f.id for f in directory.funders() if f.name == "Autofinancement")
    funders = [(f.id, [s for s in schemes if s.funder_id == f.id]) for f in directory.funders()
               if f.id in public] + [(own_funds, [s for s in schemes if s.funder_id == own_funds])]
    contracts_repo = ContractRepository(store)
    actions: list[Action] = []
    per_contract = [scale - scale // 2, scale // 2]
    section_count = 0
    for index, ((_name, data), count) in enumerate(zip(datasets, per_contract)):
        seed_contract = data["contract"]
        contract = Contract(name=f"{seed_contract['name']} (banc d'essai)", title=seed_contract.get("title", ""),
                            territory=seed_contract.get("territory", ""), start_year=2021,
                            level_names=list(seed_contract.get("level_names") or ["Volet", "Orientation"]))
        contracts_repo.save_contract(contract)
        leaves = gen.sections(contract, data["sections"])
        section_count += len(contracts_repo.sections(contract.id))
        numbers: dict[int, int] = {}
        for _ in range(count):
            year = gen.rng.randint(2021, 2026)
            numbers[year] = numbers.get(year, 0) + 1
            actions.append(gen.action(contract, numbers[year], year, leaves, epcis[index], communes[index], others))
    bulk.insert_actions(store, actions)
    lines: list[FinancingLine] = []
    indicators: list[Indicator] = []
    for position, action in enumerate(actions):
        plan = gen.financing(action, funders)
        problems = rules.errors(rules.check_action(action) + rules.check_financing(action.total_cost, plan, public))
        if problems:
            raise RuntimeError(f"generated action {action.reference} breaks a rule: {problems[0].message}")
        lines += plan
        if position % 5 != 4:  # four actions out of five have an indicator
            indicators.append(gen.indicator(action))
    bulk.insert_financing(store, lines)
    bulk.insert_indicators(store, indicators)
    organisations = sum(len(e) for e in epcis) + sum(len(c) for c in communes) + len(others)
    return GeneratedSizes(contracts=len(datasets), sections=section_count, organisations=organisations,
                          actions=len(actions), financing=len(lines), indicators=len(indicators),
                          measurements=sum(len(i.measurements) for i in indicators))
