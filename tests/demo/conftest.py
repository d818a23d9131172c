import pytest


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    """The demo workspace, written once for the session. Tests must not modify it (copy it first)."""
    from crte_desktop.demo.builder import write_demo

    return write_demo(tmp_path_factory.mktemp("demo") / "demo.crte")


def tiny_dataset(**changes) -> dict:
    """A one-action contract in the demo JSON format; ``changes`` replace top-level keys or action fields."""
    action = {
        "reference": "T-01", "title": "Piste cyclable de la gare", "description": "", "objectives": "",
        "section": [1, 1], "owner": "ville", "partners": ["agglo"], "communes": ["ville"], "epci": "agglo",
        "total_cost": "100000.00", "start_date": "2022-01-01", "end_date": "2023-06-30", "status": "en_cours",
        "progress": 30, "priority": 1, "inscription_year": 2022,
        "financing": [
            {"funder": "etat", "scheme": "DSIL", "category": "contractualise", "year": 2022, "planned": "40000.00",
             "requested": "40000.00", "granted": "35000.00", "paid": "10000.00", "status": "verse_partiel"},
        ],
        "indicators": [{"name": "Kilomètres aménagés", "unit": "km", "baseline": 0, "target": 3,
                        "due_date": "2023-06-30", "measurements": [{"date": "2022-12-31", "value": 1.5}]}],
        "source": "Jeu d'essai.",
    }
    for key in list(changes):
        if key in action:
            action[key] = changes.pop(key)
    data = {
        "contract": {"name": "CRTE d'essai", "title": "Contrat d'essai", "territory": "Essai",
                     "signature_date": "2021-12-01", "start_year": 2021, "duration_years": 6,
                     "level_names": ["Volet", "Orientation"], "description": ""},
        "organisations": [
            {"key": "agglo", "name": "Communauté d'agglomération d'Essai", "short_name": "CAE", "kind": "epci",
             "epci": None},
            {"key": "ville", "name": "Commune d'Essai", "short_name": "Essai", "kind": "commune", "epci": "agglo"},
        ],
        "persons": [{"key": "maire", "civility": "Mme", "first_name": "Anne", "last_name": "DURAND",
                     "function": "Maire", "organisation": "ville"}],
        "signatories": [{"person": "maire", "organisation": "ville", "capacity": "Maire d'Essai"}],
        "sections": [{"title": "Transition écologique", "description": "",
                      "children": [{"title": "Mobilités", "description": "", "children": []}]}],
        "actions": [action],
        "committees": [],
    }
    data.update(changes)
    return data
