"""``crte-desktop import-xlsx FILE IN.xlsx [--dry-run] [--accept-conflicts]``.

Prints the preview of every change. Without ``--dry-run``, applies the changes that are not in
conflict (all of them with ``--accept-conflicts``) in one transaction; any error refuses the whole
import and leaves the workspace unchanged (exit code 1).
"""

from __future__ import annotations

from crte_desktop.db.store import Store
from crte_desktop.domain.wording import plural
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from crte_desktop.excel.preview import preview_text
from crte_desktop.excel.problems import ImportRefused


def run(args) -> int:
    with Store.open(args.file) as store:
        plan = plan_import(store, args.workbook, getattr(args, "campaign", None))
        print(preview_text(plan))
        if plan.errors:
            print("\nImport refusé : corrigez les erreurs ci-dessus dans le classeur. L'espace de travail n'a pas été modifié.")
            return 1
        accepted = [c for c in plan.changes if args.accept_conflicts or not c.conflict]
        try:
            result = apply_import(store, plan, accepted, dry_run=args.dry_run)
        except ImportRefused as exc:
            print("\nImport refusé, rien n'a été modifié :")
            for p in exc.problems:
                print(f"  {p}")
            return 1
    print()
    if args.dry_run:
        print("Simulation (--dry-run) : " + result.summary() + " Rien n'a été écrit.")
    else:
        print(result.summary())
    skipped = len(plan.changes) - len(accepted)
    if skipped:
        print(f"{plural(skipped, 'changement en conflit non appliqué', 'changements en conflit non appliqués')} : "
              "relancez avec --accept-conflicts pour les appliquer.")
    return 0
