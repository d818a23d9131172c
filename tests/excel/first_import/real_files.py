"""Spreadsheets in the layouts secretaries really receive, built for the tests:

- the Territoires en Transitions import template (title row, header row, a row of field types under it,
  « Financeur n » / « Montant € HT » pairs then « Budget prévisionnel total € HT », axes « Axe 1 : … »
  and sous-axes « 1.1. … », sub-actions, Excel date serials, the platform's statuses);
- the DGCL's published list of grants, one row per grant (beneficiaire_type / beneficiaire_nom,
  dispositif DETR / DSIL / DPV / DSID, amounts with float noise);
- a national platform's project export (CSV, « phase » and « phasestatut », ISO dates with a time).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.excel.first_import.ods import write_ods

TET_HEADERS = ["Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action", "Titre de la sous-action",
               "Descriptif", "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
               "Moyens humains et techniques", "Partenaires", "Direction ou service pilote", "Personne pilote",
               "Élu·e référent·e", "Participation Citoyenne", "Financements", "Financeur 1", "Montant € HT",
               "Financeur 2", "Montant € HT", "Financeur 3", "Montant € HT", "Budget prévisionnel total € HT",
               "Statut", "Niveau de priorité", "Date de début", "Date de fin"]
TET_HINTS = ["Champ texte", "Champ texte", "Champ texte", "Champ texte", "Champ texte", "Champ texte libre",
             "Champ texte", "Champ texte", "Champ texte", "Liste : séparer par des virgules", "Champ texte",
             "Liste : séparer par des virgules", "Champ texte", "Champ texte", "Champ texte", "Champ texte",
             "Champ texte", "Champ texte", "Nombre", "Champ texte", "Nombre", "Champ texte", "Nombre", "Nombre",
             "Liste déroulante", "Liste déroulante", "Date (jj/mm/aaaa)", "Date (jj/mm/aaaa)"]
AXE = "Axe 1 : Sécurité et tranquillité publique"
SOUS_AXE = "1.1. Améliorer la qualité de l'air"
AXE2 = "Axe 2 : Mobilité"
SOUS_AXE2 = "2.1. Développer le vélo"


def tet_row(axe, sous_axe, title, sub, owner, partners, pairs, total, status, start, end):
    row = [axe, sous_axe, None, title, sub, f"Descriptif de {sub or title}", None, None, None, owner, None, partners,
           None, "Mme Martin", None, None, None]
    for funder, amount in (pairs + [(None, None)] * 3)[:3]:
        row += [funder, amount]
    return row + [total, status, "Élevé", start, end]


TET_ROWS = [
    tet_row(AXE, SOUS_AXE, "Action 1", "Remplacer les chaudières au fioul", "Valenciennes Métropole",
            "Commune de Denain, Commune de Valenciennes", [("Région", 1000), ("DSIL", 500000), ("Fondation Léa", 2000)],
            5000000, "En cours", 47727, "31/12/2031 00:00:00"),
    tet_row(AXE, SOUS_AXE, "Action 1", "Isoler les écoles", "Commune de Denain", None, [("DETR", 120000)],
            400000, "À discuter", "2030-09-01", None),
    tet_row(AXE, SOUS_AXE, "Action 1", "Créer un réseau de chaleur", "Valenciennes Métropole", None, [],
            2500000, "En retard", None, None),
    tet_row(AXE2, SOUS_AXE2, "Schéma cyclable", None, "Valenciennes Métropole", None, [("Fonds vert", 300000)],
            900000, "Réalisé", 45292, 46022),
]


def tet_template(path: Path, rows=None) -> Path:
    """The Territoires en Transitions « modèle d'import » filled in, as .xlsx or .ods (by suffix)."""
    grid = [["Plan d'action — modèle d'import (ne pas modifier l'ordre des colonnes)"], TET_HEADERS, TET_HINTS]
    grid += TET_ROWS if rows is None else rows
    if path.suffix == ".ods":
        return write_ods(path, {"Lisez-moi": [["Remplissez l'onglet « Plan d'action »."]], "Plan d'action": grid})
    wb = openpyxl.Workbook()
    wb.active.title = "Lisez-moi"
    wb.active.append(["Remplissez l'onglet « Plan d'action »."])
    ws = wb.create_sheet("Plan d'action")
    for row in grid:
        ws.append(row)
    wb.save(path)
    return path


DGCL_HEADERS = ["annee", "departement", "beneficiaire_type", "beneficiaire_nom", "beneficiaire_siren", "dispositif",
                "intitule_projet", "cout_total_ht", "montant_attribue"]
DGCL_ROWS = [
    [2023, 59, "commune", "Commune de Prouvy", "215904798", "DETR", "Rénovation de la mairie", 300000.0, 67256.9296875],
    [2023, 59, "commune", "Commune de Prouvy", "215904798", "DSIL", "Rénovation de la mairie", 300000.0, 50000.0],
    [2023, 59, "epci", "Valenciennes Métropole", "245901160", "DSIL", "Piste cyclable de la Rhonelle", 1200000.0,
     400000.0],
    [2023, 59, "commune", "Commune de Denain", "215901786", "DPV", "Maison des associations", 800000.0,
     120000.4000000000233],
    [2023, 59, "departement", "Département du Nord", "225900018", "DSID", "Collège de Trith", 2500000.0, 600000.0],
    [2023, 59, "commune", "Commune de Bruay", "215901141", "FSIL", "Salle de sport", 500000.0, 80000.0],
]


def dgcl_list(path: Path, rows=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "dotations_2023"
    ws.append(DGCL_HEADERS)
    for row in DGCL_ROWS if rows is None else rows:
        ws.append(row)
    wb.save(path)
    return path


PLATFORM_CSV = """\
id;nom;description;budget;date_debut_previsionnelle;commune;epci;phase;phasestatut
P-101;Chaufferie bois de Denain;Chaufferie;1 500 000;2030-09-01T00:00:00;Commune de Denain;Valenciennes Métropole;Opération;En cours
P-102;Rénovation du stade;Stade;750000,5;01/03/2031 00:00;Commune de Valenciennes;Valenciennes Métropole;Opération;Terminé
P-103;Étude mobilité;Étude;40 000;;Valenciennes Métropole;Valenciennes Métropole;Étude;Terminé
P-104;Halle gourmande;Halle;2 000 000;;Commune de Denain;Valenciennes Métropole;Idée;En retard
P-105;Parc urbain;Parc;600 000;;Commune de Valenciennes;Valenciennes Métropole;Opération;Bloqué
"""


def platform_export(path: Path) -> Path:
    path.write_bytes(PLATFORM_CSV.encode("cp1252"))
    return path
