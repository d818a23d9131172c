"""What the workspace already knows that a spreadsheet's words must be matched to: the contract's
sections, the organisations, the funders and schemes, the action statuses, the existing references.

Matching ignores case, accents and punctuation ("Maître d'ouvrage" = "maitre d ouvrage").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Funder, Organisation, Scheme
from crte_desktop.domain.enums import ActionStatus, FinancingCategory
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.text import fold


def normalise(text) -> str:
    """Lower-case words without accents or punctuation: "Maître d'ouvrage (MOA)" → "maitre d ouvrage moa"."""
    return _normalised(str(text)) if text is not None else ""


@lru_cache(maxsize=65536)  # a sheet repeats its words (statuses, owners, funders) thousands of times
def _normalised(text: str) -> str:
    return " ".join(_WORDS.findall(fold(text)))


_WORDS = re.compile(r"[a-z0-9]+")


# Other words for a status, as secretaries write them.
STATUS_WORDS = {
    ActionStatus.A_VENIR: ("a venir", "prevu", "prevue", "non demarre", "non demarree", "pas demarre", "a lancer",
                           "a engager", "non engage"),
    ActionStatus.EN_PREPARATION: ("en preparation", "preparation", "en etude", "etude", "etudes", "en projet",
                                  "projet", "en reflexion", "programme", "programmee", "a discuter", "a l etude",
                                  "idee"),
    ActionStatus.EN_COURS: ("en cours", "demarre", "demarree", "engage", "engagee", "en travaux", "travaux en cours",
                            "lance", "lancee", "en realisation", "en retard", "en cours de realisation"),
    ActionStatus.REALISEE: ("realise", "realisee", "termine", "terminee", "acheve", "achevee", "fait", "faite",
                            "livre", "livree", "fini", "finie", "solde", "soldee"),
    ActionStatus.EN_PAUSE: ("en pause", "pause", "suspendu", "suspendue", "en attente", "reporte", "reportee"),
    ActionStatus.BLOQUEE: ("bloque", "bloquee", "en difficulte"),
    ActionStatus.ABANDONNEE: ("abandonne", "abandonnee", "annule", "annulee", "sans suite"),
}

# The national platforms' phases (Idée, Étude, Opération) and what a phase × statut pair means here.
PHASES = {"idee": "idee", "idees": "idee", "etude": "etude", "etudes": "etude", "en etude": "etude",
          "operation": "operation", "operationnel": "operation", "operationnelle": "operation", "travaux": "operation"}
_PHASE_STATUS = {
    ("idee", "en cours"): ActionStatus.A_VENIR, ("idee", "en retard"): ActionStatus.A_VENIR,
    ("idee", "termine"): ActionStatus.EN_PREPARATION, ("etude", "en cours"): ActionStatus.EN_PREPARATION,
    ("etude", "en retard"): ActionStatus.EN_PREPARATION, ("etude", "termine"): ActionStatus.EN_PREPARATION,
    ("operation", "en cours"): ActionStatus.EN_COURS, ("operation", "en retard"): ActionStatus.EN_COURS,
    ("operation", "termine"): ActionStatus.REALISEE,
}


def phase_of(value) -> str | None:
    """"Opération" → "operation"; None when the value is not a phase of the national platforms."""
    return PHASES.get(normalise(value))


def status_in_phase(phase: str, status_text: str, status: ActionStatus) -> ActionStatus:
    """The status of an action whose platform export says phase × statut ("Étude" + "Terminé")."""
    key = normalise(status_text)
    key = "termine" if status is ActionStatus.REALISEE else key
    return _PHASE_STATUS.get((phase, key), status)


# Other names of funders and schemes; each applies only when the name it stands for exists.
FUNDING_ALIASES = {
    "bdt": "banque des territoires", "cdc": "banque des territoires", "ue": "europe", "fonds europeens": "europe",
    "fonds propres": "autofinancement", "autofinancement": "autofinancement", "dpv": "politique de la ville",
    "dotation politique de la ville": "politique de la ville", "friches": "fonds friches",
    "conseil regional": "region", "region hdf": "region", "conseil departemental": "departement",
    "cd59": "departement", "aesn": "agence de l eau", "aeap": "agence de l eau", "etat": "etat",
    "dotation d equipement des territoires ruraux": "detr", "dotation de soutien a l investissement local": "dsil",
    "dotation de soutien a l investissement des departements": "dsid", "fonds d acceleration de la transition "
    "ecologique dans les territoires": "fonds vert", "fonds vert": "fonds vert",
}
# Scheme names too common to name a scheme when found inside a column title.
GENERIC_SCHEMES = {"autre", "pret", "ingenierie", "investissement", "aide", "programme d intervention"}
_CORE_PREFIX = re.compile(r"^(commune|ville|mairie|communaute de communes|communaute d agglomeration|cc|ca)"
                          r" (de la |de l |du |des |de |d )?")


@dataclass(frozen=True)
class Funding:
    """A funder, or one of its schemes, that a column can finance."""

    funder_id: int
    scheme_id: int | None
    label: str  # "DSIL (État)", "Région"


@dataclass
class Catalogue:
    contract: Contract
    sections: list[Section]
    organisations: list[Organisation]
    funders: list[Funder]
    schemes: list[Scheme]
    status_labels: dict[str, str]  # status code → label as the user named it
    references: dict[str, int] = field(default_factory=dict)  # existing reference (case-folded) → action id
    public_funder_ids: set[int] = field(default_factory=set)
    by_title_owner: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (title, owner) → action id
    _phrase_cache: list | None = field(default=None, repr=False, compare=False)
    _owner_index: dict | None = field(default=None, repr=False, compare=False)
    _status_index: dict | None = field(default=None, repr=False, compare=False)
    _funding_index: dict | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, store, contract_id: int) -> "Catalogue":
        contract = ContractRepository(store).contract(contract_id)
        if contract is None:
            raise DomainError("Ce contrat n'existe plus : choisissez un autre contrat avant d'importer.")
        directory = DirectoryRepository(store)
        actions = ActionRepository(store).for_contract(contract_id)
        return cls(contract, ContractRepository(store).sections(contract_id), directory.organisations(),
                   directory.funders(), directory.schemes(),
                   {code: label for code, (label, _c) in directory.status_colors().items()},
                   {a.reference.casefold(): a.id for a in actions}, directory.public_funder_ids(),
                   {(normalise(a.title), a.owner_id): a.id for a in reversed(actions)})

    # -- funders and schemes --------------------------------------------------------------------------
    def fundings(self) -> list[Funding]:
        """Each funder followed by its schemes, in the order of the reference data."""
        result = []
        for f in self.funders:
            result.append(Funding(f.id, None, f.label))
            result += [Funding(f.id, s.id, f"{s.name} ({f.label})") for s in self.schemes if s.funder_id == f.id]
        return result

    def funding(self, funder_id: int, scheme_id: int | None) -> Funding | None:
        if self._funding_index is None:
            self._funding_index = {(x.funder_id, x.scheme_id): x for x in self.fundings()}
        return self._funding_index.get((funder_id, scheme_id))

    def default_category(self, funder_id: int, scheme_id: int | None) -> FinancingCategory:
        """The scheme's own category; for a funder alone, the one all its schemes share; else contractualised."""
        schemes = [s for s in self.schemes if s.funder_id == funder_id and (scheme_id is None or s.id == scheme_id)]
        categories = {s.default_category for s in schemes if s.default_category is not None}
        return categories.pop() if len(categories) == 1 else FinancingCategory.CONTRACTUALISE

    def funding_phrases(self) -> list[tuple[str, Funding]]:
        """(words, funding) to look for in a column title, the longest first (a scheme before its funder)."""
        phrases: dict[str, Funding] = {}
        for x in self.fundings():
            if x.scheme_id is None:
                f = next(f for f in self.funders if f.id == x.funder_id)
                names = (f.name, f.short_name)
            else:
                names = (next(s.name for s in self.schemes if s.id == x.scheme_id),)
            for name in names:
                key = normalise(name)
                if key and not (x.scheme_id is not None and key in GENERIC_SCHEMES):
                    phrases.setdefault(key, x)
        for alias, target in FUNDING_ALIASES.items():
            if target in phrases:
                phrases.setdefault(alias, phrases[target])
        return sorted(phrases.items(), key=lambda item: (-len(item[0]), item[1].scheme_id is None))

    def find_funding(self, value) -> Funding | None:
        """The funder or scheme a cell names ("DETR", "DPV", "Région Hauts-de-France", "DETR 2023")."""
        key = normalise(value)
        if not key:
            return None
        phrases = self._phrases()
        exact = next((f for phrase, f in phrases if phrase == key), None)
        if exact is not None:
            return exact
        padded = f" {key} "
        return next((f for phrase, f in phrases if f" {phrase} " in padded), None)

    def _phrases(self) -> list[tuple[str, Funding]]:
        if self._phrase_cache is None:
            self._phrase_cache = self.funding_phrases()
        return self._phrase_cache

    def funding_names(self) -> str:
        return ", ".join(s.name for s in self.schemes[:12]) + ("…" if len(self.schemes) > 12 else "")

    # -- values of cells ------------------------------------------------------------------------------
    def find_section(self, value) -> Section | None:
        """By title, or by code ("1.2", "Axe 1", "2.1 - Mobilité"), ignoring case and accents."""
        text = _code_text(value)
        key = normalise(text)
        if not key:
            return None
        by_title = [s for s in self.sections if normalise(s.title) == key]
        if by_title:
            return by_title[0]
        m = re.fullmatch(r"([^\W\d_]*)\s*(\d+(?:\.\d+)*)\.?(?:[\s\-–—:.)].*)?", text, re.S)
        if m:  # the code decides ("Axe 1 - Transition" is section 1 whatever the rest says)
            return next((s for s in self.sections if s.code == m.group(2)), None)
        return None

    def find_owner(self, value) -> Organisation | None:
        """By name or short name; "Douai" finds "Commune de Douai" (and the reverse) when only one does."""
        key = normalise(value)
        if not key:
            return None
        exact, near = self._owners()
        if key in exact:
            return exact[key]
        found = near.get(_core(key), [])
        return found[0] if len(found) == 1 else None

    def _owners(self) -> tuple[dict, dict]:
        if self._owner_index is None:
            exact: dict[str, Organisation] = {}
            near: dict[str, list[Organisation]] = {}
            for o in self.organisations:
                for name in (o.name, o.short_name):
                    key = normalise(name)
                    if key:
                        exact.setdefault(key, o)
                for core in {_core(normalise(o.name)), _core(normalise(o.short_name))} - {""}:
                    near.setdefault(core, []).append(o)
            self._owner_index = (exact, near)
        return self._owner_index

    def organisation_name(self, org_id: int | None) -> str:
        return next((o.name for o in self.organisations if o.id == org_id), "")

    def find_status(self, value) -> ActionStatus | None:
        key = normalise(value)
        if not key:
            return None
        if self._status_index is None:
            index: dict[str, ActionStatus] = {}
            for member, words in reversed(list(STATUS_WORDS.items())):
                index.update({w: member for w in words})
                index[normalise(member.label)] = member
            for code, label in reversed(list(self.status_labels.items())):
                index[normalise(code)] = index[normalise(label)] = ActionStatus.from_code(code)
            self._status_index = index
        return self._status_index.get(key)

    def status_names(self) -> str:
        return ", ".join(f"« {label} »" for label in self.status_labels.values())


def _core(key: str) -> str:
    return _CORE_PREFIX.sub("", key, count=1)


def _code_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value).strip()
