"""The Douaisis table "Dotations DETR, DSIL et FNADT perçues entre 2017 et 2021" as demo actions.

Each EPCI territory of the table becomes one action whose financing lines are the grants received
(funder État, scheme DETR/DSIL/FNADT; every stage holds the amount received: a grant paid was planned,
requested and granted), so that the summary grouped by territory, scheme and year gives back the
table's totals to the cent.
"""

from __future__ import annotations

from decimal import Decimal

from crte_desktop.domain.money import format_amount, parse_amount


def grant_actions(data: dict) -> list[dict]:
    """Actions (in the JSON action format) built from ``data["grants_received"]``; none without it."""
    by_epci: dict[str, list[dict]] = {}
    for row in data.get("grants_received") or []:
        by_epci.setdefault(row["epci"], []).append(row)
    start_year = (data.get("contract") or {}).get("start_year")
    return [_action(epci, rows, start_year) for epci, rows in by_epci.items()]


def _action(epci: str, rows: list[dict], start_year: int | None) -> dict:
    label = rows[0].get("territory_label") or epci.upper()
    first, last = min(r["year"] for r in rows), max(r["year"] for r in rows)
    schemes = _french_list(list(dict.fromkeys(r["scheme"] for r in rows)))
    amounts = [parse_amount(r["amount"], allow_empty=False) for r in rows]
    total = sum(amounts, Decimal("0.00"))
    financing = [
        {"funder": "etat", "scheme": r["scheme"], "category": "contractualise", "year": r["year"],
         "planned": str(amount), "requested": str(amount), "granted": str(amount), "paid": str(amount),
         "status": "solde"}
        for r, amount in zip(rows, amounts)
        if amount  # the table's "0,00 €" cells bring no line: they change no total
    ]
    return {
        "reference": f"DOT-{epci.upper()}",
        "title": f"Dotations {schemes} perçues {first}-{last} — {label}",
        "description": (f"Subventions de l'État ({schemes}) perçues de {first} à {last} par les maîtres d'ouvrage "
                        f"du {label[0].lower() + label[1:]}, en faveur de l'aménagement et du développement du "
                        f"territoire : {format_amount(total)} au total."),
        "objectives": "Rappeler la dynamique d'investissements publics soutenue par l'État avant le contrat.",
        "section": None,
        "owner": epci,
        "partners": [],
        "communes": [],
        "epci": epci,
        "total_cost": str(total),
        "start_date": f"{first}-01-01",
        "end_date": f"{last}-12-31",
        "status": "realisee",
        "progress": 100,
        "priority": 2,
        "inscription_year": start_year,
        "financing": financing,
        "indicators": [],
        "source": "Tableau « Dotations DETR, DSIL et FNADT perçues entre 2017 et 2021 » du contrat.",
    }


def _french_list(items: list[str]) -> str:
    """"DETR, DSIL et FNADT"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]
