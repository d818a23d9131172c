"""``crte-desktop snapshots FILE``, ``crte-desktop restore FILE --snapshot ID|latest OUT.crte`` and
``crte-desktop recover FILE OUT.crte``."""

from __future__ import annotations

from pathlib import Path

from crte_desktop.db import versions
from crte_desktop.db.recover import recover_file


def snapshot_lines(workspace: Path | str) -> list[str]:
    snaps = versions.list_snapshots(workspace)
    name = Path(workspace).name
    if not snaps:
        return [f"Aucune version enregistrée pour « {name} » (dossier « {versions.versions_folder(workspace).name} »)."]
    lines = [f"{len(snaps)} version{'s' if len(snaps) > 1 else ''} de « {name} » "
             f"(dans « {versions.versions_folder(workspace).name} », gardées : {versions.RETENTION}) :", ""]
    width = max(len(s.ident) for s in snaps)
    for s in snaps:
        lines.append(f"{s.ident:<{width}}  {s.at:%d/%m/%Y %H:%M:%S}  {s.size_label:>8}  {s.reason_label} — "
                     f"{s.figures_line}")
    return lines


def run_snapshots(args) -> int:
    if not Path(args.file).exists() and not versions.versions_folder(args.file).is_dir():
        from crte_desktop.domain.errors import DomainError

        raise DomainError(f"Le fichier « {Path(args.file).name} » n'existe pas.")
    print("\n".join(snapshot_lines(args.file)))
    return 0


def run_restore(args) -> int:
    snap, out = versions.restore_to(args.file, args.snapshot, args.out)
    print(f"Version {snap.ident} du {snap.at:%d/%m/%Y à %H:%M} ({snap.reason_label}) écrite dans « {out.name} » : "
          f"{snap.figures_line}. « {Path(args.file).name} » n'a pas été modifié.")
    return 0


def run_recover(args) -> int:
    report = recover_file(args.file, args.out)
    print("\n".join(report.lines()))
    return 0


def run(args) -> int:
    return {"snapshots": run_snapshots, "restore": run_restore, "recover": run_recover}[args.command](args)
