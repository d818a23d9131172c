"""``crte-desktop new FILE.crte`` and ``crte-desktop import-table FILE.crte SOURCE [--contract ID |
--new-contract NOM] [--sheet NOM] [--create-missing] [--update-existing] [--dry-run]``.

The same code path as the dialog (Fichier ▸ Importer un tableau existant…): the sheet is found, the
columns guessed from their titles and values, the preview built, then the importable rows written in one
transaction. Prints the mapping (column → field), then the counts: imported, refused (row and reason),
already there. Exit code 0 when something was (or, with --dry-run, would be) imported, 1 when nothing can
be, 2 on a usage error. ``--dry-run`` works on a copy: the workspace is never touched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract
from crte_desktop.excel.first_import import (EXISTING, SKIPPED, Catalogue, ImportOptions, apply, first_table,
                                             guess_mapping, open_source, preview)
from crte_desktop.excel.problems import ImportRefused

USAGE_ERROR = 2


def run(args) -> int:
    if args.command == "new":
        return _new(Path(args.file))
    return _import_table(args)


def _new(path: Path) -> int:
    if path.suffix.lower() != ".crte":
        print(f"Erreur : « {path.name} » : un espace de travail porte l'extension .crte.", file=sys.stderr)
        return USAGE_ERROR
    Store.create(path).close()
    print(f"Espace de travail créé : {path} (vide : créez un contrat, ou importez un tableau avec "
          "« crte-desktop import-table … --new-contract NOM »).")
    return 0


def _import_table(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"Erreur : l'espace de travail « {path} » n'existe pas (créez-le avec « crte-desktop new »).",
              file=sys.stderr)
        return USAGE_ERROR
    if args.dry_run:
        with tempfile.TemporaryDirectory(prefix="crte-import-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copy2(path, copy)
            return _import_into(copy, args)
    return _import_into(path, args)


def _import_into(path: Path, args) -> int:
    source = open_source(args.source)
    if args.sheet and args.sheet not in [s.name for s in source.sheets]:
        print(f"Erreur : la feuille « {args.sheet} » n'existe pas dans « {source.path.name} » (feuilles : "
              f"{', '.join(s.name for s in source.sheets)}).", file=sys.stderr)
        return USAGE_ERROR
    found = first_table(source, args.sheet)
    for sheet, reason in found.skipped:
        print(f"Feuille « {sheet} » ignorée : {reason}")
    table = found.table
    print(f"Feuille « {table.sheet} » : en-tête ligne {table.header_row}, {table.width} colonnes, "
          f"{len(table.rows)} ligne{'s' if len(table.rows) > 1 else ''} de données.")
    with Store.open(path) as store:
        contract_id = _contract(store, args)
        if contract_id is None:
            return USAGE_ERROR
        catalogue = Catalogue.load(store, contract_id)
        mapping = guess_mapping(table.headers, catalogue, [r.values for r in table.rows if not r.hint])
        print("\nCorrespondance des colonnes :")
        for column in range(table.width):
            target = mapping.get(column)
            shown = _target_text(target, catalogue) if target else "— ignorée —"
            print(f"  {table.column_name(column)} → {shown}")
        options = ImportOptions(create_organisations=args.create_missing, create_sections=args.create_missing,
                                update_existing=args.update_existing)
        result = preview(store, contract_id, table, mapping, options, file_name=source.path.name, catalogue=catalogue)
        if result.errors:
            print("\nImport impossible :")
            for p in result.errors:
                print(f"  {p}")
            return 1
        _print_rows(result)
        rows = result.importable_rows
        if not rows:
            print("\nRien à importer.")
            return 1
        if args.dry_run:
            print(f"\nSimulation (--dry-run) : {len(rows)} action{'s' if len(rows) > 1 else ''} "
                  f"{'seraient importées' if len(rows) > 1 else 'serait importée'}. Rien n'a été écrit.")
            return 0
        try:
            done = apply(store, result)
        except ImportRefused as exc:
            print("\nImport refusé, rien n'a été modifié :")
            for p in exc.problems:
                print(f"  {p}")
            return 1
    print(f"\nImportées : {done.count} — {done.summary()}")
    return 0


def _contract(store, args) -> int | None:
    contracts = ContractRepository(store)
    if args.new_contract:
        contract = Contract(name=args.new_contract.strip())
        if not contract.name:
            print("Erreur : --new-contract demande le nom du contrat.", file=sys.stderr)
            return None
        with store.transaction():
            contracts.save_contract(contract)
        print(f"Contrat créé : « {contract.name} » (n° {contract.id}).")
        return contract.id
    known = contracts.contracts()
    if args.contract is not None:
        if not any(c.id == args.contract for c in known):
            print(f"Erreur : aucun contrat n° {args.contract} dans cet espace de travail ({_list(known)}).",
                  file=sys.stderr)
            return None
        return args.contract
    if len(known) == 1:
        return known[0].id
    if not known:
        print("Erreur : l'espace de travail n'a aucun contrat : indiquez --new-contract \"NOM\".", file=sys.stderr)
    else:
        print(f"Erreur : indiquez le contrat avec --contract ID ({_list(known)}).", file=sys.stderr)
    return None


def _list(contracts) -> str:
    return "contrats : " + ", ".join(f"{c.id} « {c.name} »" for c in contracts) if contracts else "aucun contrat"


def _target_text(target, catalogue: Catalogue) -> str:
    if target.is_financing:
        funding = catalogue.funding(target.funder_id, target.scheme_id)
        return f"Financement : {funding.label if funding else '?'} ({target.stage.label.lower()})"
    if target.is_staged:
        return f"{target.label} ({target.stage.label.lower()})"
    return target.label


def _print_rows(result) -> None:
    refused = result.refused_rows
    there = [r for r in result.rows if r.kind == EXISTING]
    skipped = [r for r in result.rows if r.kind == SKIPPED]
    importable = result.importable_rows
    print(f"\n{'À importer' if importable else 'Importables'} : {len(importable)}")
    print(f"Déjà présentes : {len(there)}")
    for r in there[:50]:
        print(f"  ligne {r.number} : {r.note}")
    print(f"Refusées : {len(refused)}")
    for r in refused:
        for p in r.errors:
            column = f"colonne {p.column}{f' « {p.header} »' if p.header else ''} : " if p.column else ""
            print(f"  ligne {r.number} : {column}{p.message}")
    if skipped:
        print(f"Ignorées : {len(skipped)}")
        for r in skipped[:50]:
            print(f"  ligne {r.number} : {r.note}")
    warnings = [(r, p) for r in result.rows if r.kind not in (SKIPPED,) for p in r.warnings]
    if warnings:
        print(f"Avertissements : {len(warnings)}")
        for r, p in warnings[:100]:
            print(f"  ligne {r.number} : {p.message}")
