"""The command line (README, « Using it »). Exit codes: 0 success, 1 user error, 2 usage error.

Each sub-command lives in the service package it belongs to, as ``run(args) -> int``;
this module only parses the arguments and turns French user errors into exit code 1.
Sub-command modules are imported by plain ``import`` statements in ``_command_module`` (loaded only when
used, and visible to a bundler such as PyInstaller). Two hidden options serve a bundled executable:
``--bundle-selftest`` (packaging/selftest.py) and ``--bench-probe`` (the ``bench`` measuring process).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from crte_desktop.db.errors import STORAGE_ERRORS, translate
from crte_desktop.domain.errors import DomainError

# sub-command → help text
_COMMANDS: dict[str, str] = {
    "demo": "écrire l'espace de travail de démonstration",
    "check": "contrôler l'intégrité et la cohérence d'un espace de travail",
    "summary": "chiffres par contrat, financeur, dispositif, année…",
    "export-xlsx": "exporter le classeur du tableau de bord",
    "import-xlsx": "réimporter un classeur modifié par les partenaires",
    "new": "créer un espace de travail vide",
    "import-table": "importer un tableau d'actions (.xlsx, .ods, .csv) : plan d'action, liste de subventions…",
    "meetings": "lister les séances",
    "pack": "générer le dossier de séance (PDF)",
    "minutes": "exporter le compte rendu (DOCX)",
    "ics": "exporter l'invitation iCalendar d'une séance",
    "convocation-mail": "écrire le message de convocation (.eml : lettre PDF, invitation .ics, dossier en option)",
    "campaign": "créer une campagne de revue de projets : un classeur par maître d'ouvrage",
    "bench": "mesurer les temps de réponse à grande échelle",
    "snapshots": "lister les versions enregistrées d'un espace de travail",
    "restore": "écrire une version antérieure dans un nouveau fichier",
    "recover": "récupérer ce qui peut être lu d'un fichier endommagé",
}


def _command_module(name: str) -> ModuleType:
    """The module whose ``run(args)`` carries out sub-command ``name`` (plain imports: a bundler sees them)."""
    if name == "demo":
        from crte_desktop.demo import command
    elif name == "check":
        from crte_desktop.check import command
    elif name == "summary":
        from crte_desktop.summary import command
    elif name == "export-xlsx":
        from crte_desktop.excel import export_command as command
    elif name == "import-xlsx":
        from crte_desktop.excel import import_command as command
    elif name in ("new", "import-table"):
        from crte_desktop.excel.first_import import command
    elif name in ("meetings", "pack", "minutes", "ics", "convocation-mail"):
        from crte_desktop.meetings import commands as command
    elif name == "campaign":
        from crte_desktop.campaigns import command
    elif name == "bench":
        from crte_desktop.bench import command
    elif name in ("snapshots", "restore", "recover"):
        from crte_desktop.versions import commands as command
    else:
        raise KeyError(name)
    return command


def _add_arguments(name: str, p: argparse.ArgumentParser) -> None:
    if name == "demo":
        p.add_argument("out", help="fichier .crte à écrire")
        p.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    elif name in ("check", "summary", "meetings"):
        p.add_argument("file", help="espace de travail .crte")
        if name == "summary":
            p.add_argument("--cross", nargs=2, metavar=("LIGNES", "COLONNES"),
                           help="tableau croisé de deux dimensions parmi annee, dispositif, financeur, territoire, "
                                "maitre-ouvrage, section, phase")
            p.add_argument("--stage", default="accorde", help="étape : prevu, sollicite, accorde (défaut), verse")
            p.add_argument("--per", metavar="DIMENSION", help="un tableau par valeur de cette dimension")
            p.add_argument("--contract", type=int, help="identifiant du contrat (par défaut : tous)")
    elif name == "export-xlsx":
        p.add_argument("file")
        p.add_argument("out", help="classeur .xlsx à écrire")
        p.add_argument("--contract", type=int, help="identifiant du contrat (par défaut : le premier)")
    elif name == "import-xlsx":
        p.add_argument("file")
        p.add_argument("workbook", help="classeur .xlsx à réimporter")
        p.add_argument("--dry-run", action="store_true", help="afficher les changements sans les appliquer")
        p.add_argument("--accept-conflicts", action="store_true", help="appliquer aussi les lignes en conflit")
        p.add_argument("--campaign", type=int,
                       help="refuser le classeur s'il n'est pas de cette campagne de revue de projets")
    elif name in ("pack", "minutes", "ics"):
        p.add_argument("file")
        p.add_argument("--meeting", type=int, required=True, help="identifiant de la séance")
        p.add_argument("out")
    elif name == "convocation-mail":
        p.add_argument("file")
        p.add_argument("--meeting", type=int, required=True, help="identifiant de la séance")
        p.add_argument("out", help="message .eml à écrire (à ouvrir avec la messagerie, puis envoyer)")
        p.add_argument("--with-pack", action="store_true", help="joindre aussi le dossier de séance (PDF)")
    elif name == "snapshots":
        p.add_argument("file", help="espace de travail .crte")
    elif name == "restore":
        p.add_argument("file", help="espace de travail .crte (il n'est pas modifié)")
        p.add_argument("--snapshot", required=True, help="identifiant de la version, ou « latest » pour la dernière")
        p.add_argument("out", help="nouveau fichier .crte à écrire")
    elif name == "recover":
        p.add_argument("file", help="espace de travail endommagé (il n'est pas modifié)")
        p.add_argument("out", help="nouveau fichier .crte à écrire")
    elif name == "new":
        p.add_argument("file", help="espace de travail .crte à créer (vide)")
    elif name == "import-table":
        p.add_argument("file", help="espace de travail .crte")
        p.add_argument("source", help="tableau à importer (.xlsx, .ods, .csv)")
        which = p.add_mutually_exclusive_group()
        which.add_argument("--contract", type=int, help="identifiant du contrat où importer")
        which.add_argument("--new-contract", metavar="NOM", help="créer ce contrat et y importer")
        p.add_argument("--sheet", metavar="NOM", help="la feuille à lire (par défaut : la première qui a un tableau)")
        p.add_argument("--create-missing", action="store_true",
                       help="créer les organisations, financeurs et sections inconnus")
        p.add_argument("--update-existing", action="store_true", help="mettre à jour les actions déjà présentes")
        p.add_argument("--dry-run", action="store_true", help="afficher ce qui serait importé, sans rien écrire")
    elif name == "campaign":
        p.add_argument("file")
        p.add_argument("--contract", type=int, required=True, help="identifiant du contrat")
        p.add_argument("--out", required=True, help="dossier où écrire les classeurs")
        p.add_argument("--name", help="nom de la campagne (défaut : Revue de projets ANNÉE)")
        p.add_argument("--start", help="début (défaut : 01/07 de l'année)")
        p.add_argument("--end", help="fin, date de retour attendue (défaut : 30/09 de l'année)")
    elif name == "bench":
        p.add_argument("--scale", type=int, default=5000, help="nombre d'actions (défaut 5000)")
        p.add_argument("--keep", help="garder l'espace de travail généré à ce chemin")
        p.add_argument("--no-gui", action="store_true", help="ne pas mesurer la fenêtre principale")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crte-desktop",
        description="CRTE Desktop — suivi des contrats pour la réussite de la transition écologique.",
        epilog="Sans sous-commande : ouvre l'application sur FICHIER, le dernier fichier ouvert ou la démonstration.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name, help_text in _COMMANDS.items():
        _add_arguments(name, sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _hidden(argv: list[str]) -> int | None:
    """The options a bundled executable needs and a user never types; None when ``argv`` is not one."""
    if argv[:1] == ["--bundle-selftest"]:
        from crte_desktop.selftest import run_selftest

        return run_selftest(argv[1:])
    if argv[:1] == ["--bench-probe"]:
        from crte_desktop.bench import probe

        return probe.main(argv[1:])
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    hidden = _hidden(argv)
    if hidden is not None:
        return hidden
    if not argv or (argv[0] not in _COMMANDS and not argv[0].startswith("-")):
        from crte_desktop.views.shell.app import run_gui

        if len(argv) > 1 or (argv and not argv[0].endswith(".crte") and not Path(argv[0]).exists()):
            print(f"usage : crte-desktop [FICHIER.crte] ou crte-desktop COMMANDE … "
                  f"(commandes : {', '.join(_COMMANDS)})", file=sys.stderr)
            return 2
        return run_gui(argv[0] if argv else None)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    module = _command_module(args.command)
    try:
        return int(module.run(args) or 0)
    except DomainError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a program that stopped reading (| head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except STORAGE_ERRORS as exc:  # never a traceback: the French reason, the cause in the log
        print(f"Erreur : {translate(exc, getattr(args, 'file', None), args.command)}", file=sys.stderr)
        return 1
