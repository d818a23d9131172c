"""The integrity and consistency report of a workspace (``crte-desktop check``). Never writes to the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crte_desktop.db.errors import WorkspaceError, translated
from crte_desktop.db.integrity import FIRST_ITEMS, ForeignKeyViolation, integrity_report
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.indicator import IndicatorRepository
from crte_desktop.db.store import Store
from crte_desktop.domain import rules
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.errors import Problem
from crte_desktop.domain.wording import plural
from crte_desktop.editing.actions import ActionService

ERROR, WARNING = "error", "warning"
CHECK_BUDGET_S = 20.0  # the full structural check of ``check`` stops (and says so) after this
LEVEL_LABELS = {ERROR: "Erreur", WARNING: "Alerte"}


@dataclass(frozen=True)
class Finding:
    """One problem found: its level, where it is ("CRTE du Douaisis — D-03") and a French message."""

    level: str
    where: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.where} : {self.message}"


@dataclass
class ContractFindings:
    contract: Contract
    actions: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckReport:
    path: Path
    version: int
    integrity: list[str]
    foreign_keys: list[ForeignKeyViolation]
    contracts: list[ContractFindings]
    integrity_count: int = 0  # integrity problems found (``integrity`` holds the first ones, in French)
    complete: bool = True  # False when the time bound stopped the full structural check

    @property
    def findings(self) -> list[Finding]:
        file_level = [Finding(ERROR, "Fichier", f"intégrité SQLite : {e}") for e in self.integrity]
        file_level += [Finding(ERROR, "Fichier", v.message) for v in self.foreign_keys]
        return file_level + [f for c in self.contracts for f in c.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    @property
    def action_count(self) -> int:
        return sum(c.actions for c in self.contracts)


def check_workspace(path: Path | str) -> CheckReport:
    """Inspect ``path`` read-only: SQLite integrity, foreign keys, then every domain rule.

    Raises WorkspaceError (French message) when the file cannot be read as a workspace."""
    path = Path(path)
    store = Store.open_read_only(path)
    try:
        integrity = integrity_report(store, budget_s=CHECK_BUDGET_S)
        report = CheckReport(path, store.version, integrity.errors, integrity.foreign_keys, [],
                             integrity_count=integrity.error_count, complete=integrity.complete)
        if not report.integrity:
            try:
                with translated(path, "checking the rules"):
                    report.contracts = [_check_contract(store, c) for c in ContractRepository(store).contracts()]
            except WorkspaceError:  # damage the structural check missed (the cause is in the log)
                report.integrity = ["le fichier ne peut pas être lu en entier"]
                report.integrity_count = 1
                report.contracts = []
        return report
    finally:
        store.close()


def _findings(where: str, problems: list[Problem]) -> list[Finding]:
    return [Finding(ERROR if p.is_error else WARNING, where, p.message) for p in problems]


def _check_contract(store: Store, contract: Contract) -> ContractFindings:
    result = ContractFindings(contract)
    name = contract.name or f"Contrat n° {contract.id}"
    result.findings += _findings(f"{name} — contrat", rules.check_contract(contract))
    for section in ContractRepository(store).sections(contract.id):
        result.findings += _findings(f"{name} — section {section.code}", rules.check_section(section))
    for indicator in IndicatorRepository(store).for_contract(contract.id):
        if indicator.action_id is None:
            where = f"{name} — indicateur « {indicator.name} »"
            result.findings += _findings(where, rules.check_indicator(indicator))
    service = ActionService(store)
    try:
        actions = ActionRepository(store).for_contract(contract.id)
    except (ValueError, KeyError, TypeError) as exc:  # a value the application cannot read
        result.findings.append(Finding(ERROR, f"{name} — actions", f"fiches illisibles ({exc}) ; "
                                       "les règles des actions n'ont pas été contrôlées."))
        return result
    for action in actions:
        result.actions += 1
        where = f"{name} — {action.reference}"
        try:
            # References are unique by the database's own index (verified by integrity_check above),
            # so the per-action uniqueness rule need not rescan the contract: O(n) instead of O(n²).
            with translated(store.path, "checking an action"):
                problems = service.problems(service.load(action.id), other_references=set())
        except (ValueError, KeyError, TypeError) as exc:  # a value the application cannot read
            result.findings.append(Finding(ERROR, where, f"fiche illisible ({exc})."))
            continue
        result.findings += _findings(where, problems)
    return result


def report_lines(report: CheckReport) -> list[str]:
    """The report as French text, one problem per line, grouped by contract and action."""
    lines = [f"Contrôle de « {report.path.name} » (schéma {report.version})"]
    count = max(report.integrity_count, len(report.integrity))
    lines.append("Intégrité du fichier SQLite : " + ("correcte" if not report.integrity else plural(count, "problème")))
    if not report.complete:
        lines.append(f"  (contrôle complet arrêté au bout de {CHECK_BUDGET_S:.0f} s ; le contrôle rapide des pages "
                     "a été fait)")
    lines += _first(report.integrity, count)
    fks = report.foreign_keys
    lines.append("Clés étrangères : " + ("aucune référence rompue" if not fks else
                                         plural(len(fks), "référence rompue")))
    lines += _first([v.message for v in fks], len(fks))
    if report.integrity:
        lines.append("Le fichier est endommagé : les règles de gestion n'ont pas été contrôlées. Ouvrez-le dans "
                     "l'application et utilisez « Récupérer… » (ou « crte-desktop recover »), ou revenez à une "
                     "version antérieure (« crte-desktop snapshots »).")
    for c in report.contracts:
        lines.append("")
        lines.append(f"{c.contract.name} — {plural(c.actions, 'action contrôlée', 'actions contrôlées')}")
        if not c.findings:
            lines.append("  Aucun problème.")
        for f in c.findings:
            lines.append(f"  {LEVEL_LABELS[f.level]:<7} {f.text}")
    lines.append("")
    errors, warnings = len(report.errors), len(report.warnings)
    lines.append(f"Bilan : {plural(errors, 'erreur', 'erreurs')}, {plural(warnings, 'alerte', 'alertes')} "
                 f"({plural(len(report.contracts), 'contrat', 'contrats')}, "
                 f"{plural(report.action_count, 'action', 'actions')}).")
    if errors:
        lines.append("Des erreurs sont à corriger.")
    elif warnings:
        lines.append("Aucune erreur ; les alertes signalent des points à vérifier.")
    else:
        lines.append("Aucune erreur : l'espace de travail est cohérent.")
    return lines


def _first(items: list[str], count: int) -> list[str]:
    """The first few items, then how many more (never hundreds of lines)."""
    lines = [f"  {LEVEL_LABELS[ERROR]:<7} Fichier : {item}" for item in items[:FIRST_ITEMS]]
    if count > FIRST_ITEMS:
        lines.append(f"  … et {plural(count - FIRST_ITEMS, 'autre')}.")
    return lines
