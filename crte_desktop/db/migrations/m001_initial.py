import sqlite3

from crte_desktop.db.sqlscript import run_script


def migrate(conn: sqlite3.Connection) -> None:
    """Version 1: contracts, sections, organisations, persons, reference data (funders, schemes,
    statuses), actions, financing lines, indicators and measurements, environmental assessment,
    history and workspace metadata."""
    run_script(
        conn,
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE org_kind (
            code TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE action_status (
            code TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            color TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE organisation (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL REFERENCES org_kind(code),
            epci_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
            address TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            civility TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL,
            function TEXT NOT NULL DEFAULT '',
            organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE funder (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            short_name TEXT NOT NULL DEFAULT '',
            is_public INTEGER NOT NULL DEFAULT 1,
            organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL
        );

        CREATE TABLE scheme (
            id INTEGER PRIMARY KEY,
            funder_id INTEGER NOT NULL REFERENCES funder(id) ON DELETE RESTRICT,
            name TEXT NOT NULL,
            default_category TEXT,
            UNIQUE (funder_id, name)
        );

        CREATE TABLE contract (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            territory TEXT NOT NULL DEFAULT '',
            signature_date TEXT,
            start_year INTEGER,
            duration_years INTEGER NOT NULL DEFAULT 6,
            level_names TEXT NOT NULL DEFAULT '["Volet", "Orientation"]',
            description TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE amendment (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            date TEXT,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            UNIQUE (contract_id, number)
        );

        CREATE TABLE signatory (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            organisation_id INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
            person_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,
            capacity TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE section (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES section(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX section_contract ON section(contract_id, parent_id, position);

        CREATE TABLE action (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES section(id) ON DELETE SET NULL,
            reference TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            objectives TEXT NOT NULL DEFAULT '',
            owner_id INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
            epci_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
            start_date TEXT,
            end_date TEXT,
            total_cost_cents INTEGER CHECK (total_cost_cents IS NULL OR total_cost_cents >= 0),
            status TEXT NOT NULL REFERENCES action_status(code),
            progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
            priority TEXT NOT NULL DEFAULT '2',
            inscription_year INTEGER,
            notes TEXT NOT NULL DEFAULT '',
            row_version INTEGER NOT NULL DEFAULT 1,
            CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
        );
        CREATE UNIQUE INDEX action_reference ON action(contract_id, reference COLLATE NOCASE);
        CREATE INDEX action_section ON action(section_id);
        CREATE INDEX action_owner ON action(owner_id);

        CREATE TABLE action_partner (
            action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
            PRIMARY KEY (action_id, organisation_id)
        );

        CREATE TABLE action_commune (
            action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
            PRIMARY KEY (action_id, organisation_id)
        );

        CREATE TABLE financing (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
            funder_id INTEGER NOT NULL REFERENCES funder(id) ON DELETE RESTRICT,
            scheme_id INTEGER REFERENCES scheme(id) ON DELETE RESTRICT,
            category TEXT NOT NULL,
            year INTEGER,
            planned_cents INTEGER CHECK (planned_cents IS NULL OR planned_cents >= 0),
            requested_cents INTEGER CHECK (requested_cents IS NULL OR requested_cents >= 0),
            granted_cents INTEGER CHECK (granted_cents IS NULL OR granted_cents >= 0),
            paid_cents INTEGER CHECK (paid_cents IS NULL OR paid_cents >= 0),
            status TEXT NOT NULL,
            filing_date TEXT,
            decision_date TEXT,
            decision_ref TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX financing_action ON financing(action_id);
        CREATE INDEX financing_funder ON financing(funder_id);

        CREATE TABLE indicator (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            action_id INTEGER REFERENCES action(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES section(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            baseline REAL,
            target REAL,
            due_date TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX indicator_action ON indicator(action_id);

        CREATE TABLE measurement (
            id INTEGER PRIMARY KEY,
            indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            value REAL NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            UNIQUE (indicator_id, date)
        );

        CREATE TABLE assessment (
            action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
            objective TEXT NOT NULL,
            rating TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (action_id, objective)
        );

        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            action_id INTEGER,
            context TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX history_entity ON history(entity, entity_id);
        CREATE INDEX history_action ON history(action_id);
        """
    )
    conn.executemany(
        "INSERT INTO org_kind(code, label, position) VALUES (?, ?, ?)",
        [(k.value, k.label, i) for i, k in enumerate(_org_kinds())],
    )
    conn.executemany(
        "INSERT INTO action_status(code, label, color, position) VALUES (?, ?, ?, ?)",
        [(code, label, color, i) for i, (code, label, color) in enumerate(_STATUSES)],
    )
    for name, short, public, schemes in _FUNDERS:
        cur = conn.execute(
            "INSERT INTO funder(name, short_name, is_public) VALUES (?, ?, ?)", (name, short, public)
        )
        conn.executemany(
            "INSERT INTO scheme(funder_id, name, default_category) VALUES (?, ?, ?)",
            [(cur.lastrowid, scheme, category) for scheme, category in schemes],
        )


_STATUSES = [
    ("a_venir", "À venir", "#9e9e9e"),
    ("en_preparation", "En préparation", "#5c8dd6"),
    ("en_cours", "En cours", "#2e7d32"),
    ("realisee", "Réalisée", "#1b5e20"),
    ("en_pause", "En pause", "#f9a825"),
    ("bloquee", "Bloquée", "#c62828"),
    ("abandonnee", "Abandonnée", "#616161"),
]


def _org_kinds():
    # Frozen copy of the kinds at version 1: a migration must not change when the domain does.
    from collections import namedtuple

    K = namedtuple("K", "value label")
    return [
        K("etat", "État"), K("epci", "EPCI"), K("commune", "Commune"),
        K("operateur_etat", "Opérateur de l'État"), K("syndicat", "Syndicat"), K("region", "Région"),
        K("departement", "Département"), K("chambre_consulaire", "Chambre consulaire"),
        K("etablissement_public", "Établissement public"), K("association", "Association"),
        K("entreprise", "Entreprise"), K("autre", "Autre"),
    ]


_FUNDERS = [
    ("État", "État", 1, [
        ("DSIL", "contractualise"), ("DSIL relance", "france_relance"), ("DETR", "contractualise"),
        ("FNADT", "contractualise"), ("Fonds friches", "france_relance"), ("Fonds vert", "contractualise"),
        ("DSID", "contractualise"), ("Plan de relance", "france_relance"), ("Politique de la ville", "valorise"),
    ]),
    ("ADEME", "ADEME", 1, [
        ("Fonds chaleur", "valorise"), ("Fonds économie circulaire", "valorise"),
        ("AAP vélo et territoires", "france_relance"), ("Aide ADEME", "valorise"),
    ]),
    ("Agence de l'eau Artois-Picardie", "Agence de l'eau", 1, [("Programme d'intervention", "valorise")]),
    ("Banque des territoires", "Banque des territoires", 1, [
        ("Ingénierie", "valorise"), ("Prêt", "valorise"), ("Investissement", "valorise"),
    ]),
    ("Région Hauts-de-France", "Région", 1, [("Politique régionale d'aménagement", "valorise"), ("Aide régionale", "valorise")]),
    ("Département du Nord", "Département", 1, [("Projets territoriaux structurants", "valorise"), ("Aide départementale", "valorise")]),
    ("Union européenne", "Europe", 1, [("FEDER", "valorise"), ("FSE", "valorise"), ("LEADER", "valorise")]),
    ("Voies navigables de France", "VNF", 1, [("Investissement VNF", "valorise")]),
    ("Agence nationale pour la rénovation urbaine", "ANRU", 1, [("NPNRU", "valorise")]),
    ("Caisse d'allocations familiales", "CAF", 1, [("Aide CAF", "valorise")]),
    ("EPCI", "EPCI", 1, [("Fonds de concours", "valorise")]),
    ("Commune", "Commune", 1, [("Participation communale", "valorise")]),
    ("Autofinancement", "Autofinancement", 0, [("Fonds propres du maître d'ouvrage", "valorise")]),
    ("Autre financeur privé", "Privé", 0, [("Mécénat", "valorise"), ("Autre", "valorise")]),
]
