import sqlite3

from crte_desktop.db.migrations.m004_reference_2023 import (
    FONDS_VERT_MESURES,
    FONDS_VERT_SOURCE,
    LAPSE_MONTHS,
    LAPSE_SOURCE,
    SGPE_LEVERS,
    SGPE_LEVERS_SOURCE,
)
from crte_desktop.db.sqlscript import run_script


def migrate(conn: sqlite3.Connection) -> None:
    """Version 4: the CRTE as run since 2023. Actions get a phase (Idée / Étude / Opération, as the national
    projects schema), SGPE levers (the 50 levers, seeded with their source), an adaptation flag and an
    overridable « favorable à l'environnement » verdict with its reason; contracts get the national CRTE
    identifier and their generation (2021 relance / 2023 réussite); organisations a SIREN/SIRET and communes
    their INSEE code. Financing lines get a Fonds vert mesure (editable list, seeded), a Démarches
    simplifiées dossier number, the kind of decision (arrêté / convention), the declared start of works, and
    dated payments (avance, acompte, solde); schemes get a lapse delay (« caducité », 24 months for the
    State's investment grants). Existing rows keep every value; new columns start empty."""
    run_script(
        conn,
        """
        ALTER TABLE action ADD COLUMN phase TEXT CHECK (phase IS NULL OR phase IN ('idee', 'etude', 'operation'));
        ALTER TABLE action ADD COLUMN adaptation INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE action ADD COLUMN green_override INTEGER CHECK (green_override IS NULL OR green_override IN (0, 1));
        ALTER TABLE action ADD COLUMN green_override_reason TEXT NOT NULL DEFAULT '';

        CREATE TABLE sgpe_lever (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE action_lever (
            action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
            lever_id INTEGER NOT NULL REFERENCES sgpe_lever(id) ON DELETE RESTRICT,
            PRIMARY KEY (action_id, lever_id)
        );
        CREATE INDEX action_lever_lever ON action_lever(lever_id);

        ALTER TABLE contract ADD COLUMN id_crte TEXT NOT NULL DEFAULT '';
        ALTER TABLE contract ADD COLUMN generation TEXT NOT NULL DEFAULT '2021'
            CHECK (generation IN ('2021', '2023'));

        ALTER TABLE organisation ADD COLUMN siret TEXT NOT NULL DEFAULT '';
        ALTER TABLE organisation ADD COLUMN insee_code TEXT NOT NULL DEFAULT '';

        CREATE TABLE fonds_vert_mesure (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            axis TEXT NOT NULL DEFAULT '',
            first_year INTEGER,
            last_year INTEGER,
            position INTEGER NOT NULL DEFAULT 0
        );

        ALTER TABLE scheme ADD COLUMN lapse_months INTEGER CHECK (lapse_months IS NULL OR lapse_months > 0);

        ALTER TABLE financing ADD COLUMN mesure_id INTEGER REFERENCES fonds_vert_mesure(id) ON DELETE RESTRICT;
        ALTER TABLE financing ADD COLUMN ds_number TEXT NOT NULL DEFAULT '';
        ALTER TABLE financing ADD COLUMN decision_kind TEXT NOT NULL DEFAULT ''
            CHECK (decision_kind IN ('', 'arrete', 'convention'));
        ALTER TABLE financing ADD COLUMN works_start_date TEXT;

        CREATE TABLE payment (
            id INTEGER PRIMARY KEY,
            financing_id INTEGER NOT NULL REFERENCES financing(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('avance', 'acompte', 'solde')),
            date TEXT NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            reference TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX payment_financing ON payment(financing_id);
        """,
    )
    conn.executemany("INSERT INTO sgpe_lever(name, position) VALUES (?, ?)",
                     [(name, i) for i, name in enumerate(SGPE_LEVERS)])
    conn.executemany("INSERT INTO fonds_vert_mesure(axis, name, first_year, position) VALUES (?, ?, ?, ?)",
                     [(axis, name, year, i) for i, (axis, name, year) in enumerate(FONDS_VERT_MESURES)])
    conn.executemany(
        "UPDATE scheme SET lapse_months = ? WHERE name = ? AND funder_id IN (SELECT id FROM funder WHERE name = 'État')",
        [(months, name) for name, months in LAPSE_MONTHS.items()])
    conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [
        ("source.sgpe_levers", SGPE_LEVERS_SOURCE),
        ("source.fonds_vert_mesures", FONDS_VERT_SOURCE),
        ("source.lapse_months", LAPSE_SOURCE),
    ])
