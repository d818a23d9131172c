"""The preview of a re-import as plain text (``import-xlsx --dry-run`` and the command's report)."""

from __future__ import annotations

from crte_desktop.domain.wording import plural
from crte_desktop.excel.import_diff import ImportPlan


def preview_text(plan: ImportPlan) -> str:
    lines = []
    when = f", exporté le {plan.exported_at:%d/%m/%Y à %H:%M}" if plan.exported_at else ""
    lines.append(f"Classeur « {plan.path.name} » — contrat « {plan.contract_name} »{when}")
    conflicts = len(plan.conflicts)
    lines.append(f"{plural(len(plan.changes), 'changement')}"
                 + (f" (dont {conflicts} en conflit)" if conflicts else "")
                 + f", {plural(len(plan.errors), 'erreur')}, {plural(len(plan.warnings), 'avertissement')}.")
    if plan.errors:
        lines.append("")
        lines.append("Erreurs (l'import est refusé tant qu'elles ne sont pas corrigées dans le classeur) :")
        lines += [f"  {p}" for p in plan.errors]
    if plan.warnings:
        lines.append("")
        lines.append("Avertissements :")
        lines += [f"  {p}" for p in plan.warnings]
    if plan.changes:
        lines.append("")
        lines.append("Changements (ancienne valeur → nouvelle valeur) :")
        lines += [f"  {c.describe()}" for c in plan.changes]
    if conflicts:
        lines.append("")
        lines.append("[CONFLIT] : la ligne a aussi été modifiée dans l'application depuis l'export ; "
                     "elle n'est appliquée qu'avec --accept-conflicts.")
    return "\n".join(lines)
