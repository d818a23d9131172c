"""Loading a contract described in the JSON format of ``resources/demo`` into an open workspace.

Everything goes through the repositories and the action service, so the demo data passes the same
rules as what a secretary types: an action breaking a rule stops the load with its reference.
"""

from __future__ import annotations

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.demo.grants import grant_actions
from crte_desktop.domain.action import Action, full_assessment
from crte_desktop.domain.contract import Contract, Section, Signatory
from crte_desktop.domain.dates import parse_date
from crte_desktop.domain.directory import Organisation, Person, Scheme
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus, OrgKind, Priority
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.domain.money import parse_amount
from crte_desktop.editing.actions import ActionBundle, ActionService

# Funder keys of the JSON files → names of the funders seeded by the first migration.
FUNDER_NAMES = {
    "etat": "État",
    "ademe": "ADEME",
    "agence_eau": "Agence de l'eau Artois-Picardie",
    "banque_territoires": "Banque des territoires",
    "region": "Région Hauts-de-France",
    "departement": "Département du Nord",
    "europe": "Union européenne",
    "vnf": "Voies navigables de France",
    "anru": "Agence nationale pour la rénovation urbaine",
    "caf": "Caisse d'allocations familiales",
    "epci": "EPCI",
    "commune": "Commune",
    "autofinancement": "Autofinancement",
    "autre": "Autre financeur privé",
}


class DemoDataError(DomainError):
    """The demo data cannot be loaded (unknown key, bad value, broken rule)."""


class ContractLoader:
    """Loads contracts into ``store``; organisations and persons are shared between contracts by name."""

    def __init__(self, store):
        self.store = store
        self.contracts = ContractRepository(store)
        self.directory = DirectoryRepository(store)
        self.service = ActionService(store)
        self._org_by_name = {o.name: o.id for o in self.directory.organisations()}
        self._person_ids = {(p.first_name, p.last_name, p.organisation_id): p.id for p in self.directory.persons()}
        self._funder_ids = self._match_funders()
        self._scheme_ids = {(s.funder_id, s.name.casefold()): s.id for s in self.directory.schemes()}

    def _match_funders(self) -> dict[str, int]:
        by_name = {}
        for f in self.directory.funders():
            by_name[f.name] = f.id
            by_name.setdefault(f.short_name, f.id)
        missing = [name for name in FUNDER_NAMES.values() if name not in by_name]
        if missing:
            raise DemoDataError(f"Financeurs de référence absents de l'espace de travail : {', '.join(missing)}.")
        return {key: by_name[name] for key, name in FUNDER_NAMES.items()}

    # -- entry point ------------------------------------------------------------------------------
    def load(self, data: dict, source: str) -> Contract:
        """Load one contract (``source`` names the data in error messages). Call inside a transaction."""
        self.source = source
        orgs = self._organisations(data.get("organisations", []))
        persons = self._persons(data.get("persons", []), orgs)
        contract = self._contract(data["contract"])
        self._signatories(contract.id, data.get("signatories", []), orgs, persons)
        sections: dict[tuple[int, ...], int] = {}
        self._sections(contract.id, data.get("sections", []), None, (), sections)
        for raw in list(data.get("actions", [])) + grant_actions(data):
            self._action(contract, raw, orgs, sections)
        return contract

    def _fail(self, where: str, message: str) -> DemoDataError:
        return DemoDataError(f"Données de démonstration « {self.source} », {where} : {message}")

    def _key(self, mapping: dict, key, unknown: str, where: str) -> int | None:
        """``mapping[key]``, None for no key; else the error "``unknown`` « key »" ("section inconnue « 1.3 »")."""
        if not key:
            return None
        if key not in mapping:
            shown = ".".join(map(str, key)) if isinstance(key, tuple) else key
            raise self._fail(where, f"{unknown} « {shown} ».")
        return mapping[key]

    # -- directory --------------------------------------------------------------------------------
    def _organisations(self, items: list[dict]) -> dict[str, int]:
        ids: dict[str, int] = {}
        # EPCIs (and every organisation without an EPCI) first, so that communes can point to them.
        for raw in sorted(items, key=lambda o: o.get("epci") is not None):
            where = f"organisme « {raw.get('key')} »"
            if raw["name"] in self._org_by_name:
                ids[raw["key"]] = self._org_by_name[raw["name"]]
                continue
            try:
                kind = OrgKind.from_code(raw.get("kind") or "autre")
            except ValueError:
                raise self._fail(where, f"type d'organisme inconnu « {raw.get('kind')} ».") from None
            epci = self._key(ids, raw.get("epci"), "EPCI inconnu", where)
            org = Organisation(name=raw["name"], short_name=raw.get("short_name", ""), kind=kind, epci_id=epci)
            self.directory.save_organisation(org)
            ids[raw["key"]] = self._org_by_name[org.name] = org.id
        return ids

    def _persons(self, items: list[dict], orgs: dict[str, int]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for raw in items:
            org_id = self._key(orgs, raw.get("organisation"), "organisme inconnu", f"personne « {raw.get('key')} »")
            identity = (raw.get("first_name", ""), raw["last_name"], org_id)
            if identity not in self._person_ids:
                person = Person(last_name=raw["last_name"], first_name=raw.get("first_name", ""),
                                civility=raw.get("civility", ""), function=raw.get("function", ""),
                                organisation_id=org_id)
                self.directory.save_person(person)
                self._person_ids[identity] = person.id
            ids[raw["key"]] = self._person_ids[identity]
        return ids

    # -- contract ---------------------------------------------------------------------------------
    def _contract(self, raw: dict) -> Contract:
        contract = Contract(name=raw["name"], title=raw.get("title", ""), territory=raw.get("territory", ""),
                            signature_date=parse_date(raw.get("signature_date")), start_year=raw.get("start_year"),
                            duration_years=raw.get("duration_years", 6),
                            level_names=list(raw.get("level_names") or ["Volet", "Orientation"]),
                            description=raw.get("description", ""))
        self.contracts.save_contract(contract)
        return contract

    def _signatories(self, contract_id: int, items: list[dict], orgs: dict, persons: dict) -> None:
        where = "signataires"
        signatories = [Signatory(contract_id=contract_id,
                                 organisation_id=self._key(orgs, s.get("organisation"), "organisme inconnu", where),
                                 person_id=self._key(persons, s.get("person"), "personne inconnue", where),
                                 capacity=s.get("capacity", "")) for s in items]
        self.contracts.set_signatories(contract_id, signatories)

    def _sections(self, contract_id: int, items: list[dict], parent_id: int | None, path: tuple[int, ...],
                  ids: dict[tuple[int, ...], int]) -> None:
        for position, raw in enumerate(items):
            section = Section(contract_id=contract_id, title=raw["title"], parent_id=parent_id, position=position,
                              description=raw.get("description", ""))
            self.contracts.save_section(section)
            here = path + (position + 1,)
            ids[here] = section.id
            self._sections(contract_id, raw.get("children", []), section.id, here, ids)

    # -- actions ----------------------------------------------------------------------------------
    def _action(self, contract: Contract, raw: dict, orgs: dict, sections: dict) -> None:
        ref = raw.get("reference", "?")

        where = f"action {ref}"
        try:
            action = Action(
                contract_id=contract.id, reference=ref, title=raw["title"],
                section_id=self._key(sections, tuple(raw.get("section") or ()), "section inconnue", where),
                description=raw.get("description", ""), objectives=raw.get("objectives", ""),
                owner_id=self._key(orgs, raw.get("owner"), "maître d'ouvrage inconnu", where),
                epci_id=self._key(orgs, raw.get("epci"), "EPCI inconnu", where),
                partner_ids=[self._key(orgs, k, "partenaire inconnu", where) for k in raw.get("partners", [])],
                commune_ids=[self._key(orgs, k, "commune inconnue", where) for k in raw.get("communes", [])],
                start_date=parse_date(raw.get("start_date")), end_date=parse_date(raw.get("end_date")),
                total_cost=parse_amount(raw.get("total_cost")),
                status=ActionStatus.from_code(raw.get("status", "a_venir")),
                progress=int(raw.get("progress", 0)), priority=Priority.from_code(str(raw.get("priority", 2))),
                inscription_year=raw.get("inscription_year"),
                notes=f"Source : {raw['source']}" if raw.get("source") else "",
            )
            lines = [self._line(line, where) for line in raw.get("financing", [])]
            indicators = [Indicator(contract_id=contract.id, name=i["name"], unit=i.get("unit", ""),
                                    baseline=_number(i.get("baseline")), target=_number(i.get("target")),
                                    due_date=parse_date(i.get("due_date")),
                                    measurements=[Measurement(date=parse_date(m["date"]), value=float(m["value"]))
                                                  for m in i.get("measurements", [])])
                          for i in raw.get("indicators", [])]
        except DemoDataError:
            raise
        except (KeyError, ValueError, TypeError) as exc:
            if isinstance(exc, DomainError):
                raise self._fail(where, str(exc)) from exc
            raise self._fail(where, f"valeur absente ou invalide ({exc!r}).") from exc
        try:
            self.service.save(ActionBundle(action, lines, indicators, full_assessment([])))
        except DomainError as exc:
            raise self._fail(where, str(exc)) from exc

    def _line(self, raw: dict, where: str) -> FinancingLine:
        funder_id = self._key(self._funder_ids, raw.get("funder") or "(aucun)", "financeur inconnu", where)
        category = FinancingCategory.from_code(raw.get("category") or "contractualise")
        return FinancingLine(
            action_id=None, funder_id=funder_id, scheme_id=self._scheme(funder_id, raw.get("scheme"), category),
            category=category, year=raw.get("year"), planned=parse_amount(raw.get("planned")),
            requested=parse_amount(raw.get("requested")), granted=parse_amount(raw.get("granted")),
            paid=parse_amount(raw.get("paid")), status=FinancingStatus.from_code(raw.get("status") or "prevu"))

    def _scheme(self, funder_id: int, name: str | None, category: FinancingCategory) -> int | None:
        """The funder's scheme of that name (case ignored), created when the reference data lacks it."""
        if not (name or "").strip():
            return None
        key = (funder_id, name.strip().casefold())
        if key not in self._scheme_ids:
            scheme = Scheme(funder_id=funder_id, name=name.strip(), default_category=category)
            self.directory.save_scheme(scheme)
            self._scheme_ids[key] = scheme.id
        return self._scheme_ids[key]


def _number(value) -> float | None:
    return None if value is None else float(value)

