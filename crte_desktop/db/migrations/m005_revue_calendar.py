import sqlite3

from crte_desktop.db.sqlscript import run_script

# Minimum shares of the State's investment grants going to projects favourable to the environment
# (« budget vert »), in force since 2024: (scheme of the State, first year, percent).
GREEN_THRESHOLDS = (("DSIL", 2024, 30), ("DSID", 2024, 25), ("DETR", 2024, 20), ("FNADT", 2024, 15))
GREEN_SOURCE = ("Parts minimales des dotations d'investissement de l'État consacrées aux projets favorables à "
                "l'environnement, applicables depuis 2024 : DSIL 30 %, DSID 25 %, DETR 20 %, FNADT 15 %.")


def migrate(conn: sqlite3.Connection) -> None:
    """Version 5: what the CRTE secretariat follows since 2023 beside the projects. ``green_threshold``
    holds, per State scheme and first year of application, the minimum share of granted amounts that must go
    to projects favourable to the environment (seeded with the 2024 thresholds). ``deposit_deadline`` holds
    the yearly deadline for depositing applications per scheme and department (editable, empty at first).
    ``campaign`` and ``campaign_owner`` record the revue de projets campaigns of a contract (name, period,
    the workbook's identifier) and, per maître d'ouvrage, when its workbook was sent, reminded, received
    and integrated."""
    run_script(
        conn,
        """
        CREATE TABLE green_threshold (
            id INTEGER PRIMARY KEY,
            scheme_id INTEGER NOT NULL REFERENCES scheme(id) ON DELETE CASCADE,
            first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
            percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
            UNIQUE (scheme_id, first_year)
        );

        CREATE TABLE deposit_deadline (
            id INTEGER PRIMARY KEY,
            scheme_id INTEGER NOT NULL REFERENCES scheme(id) ON DELETE CASCADE,
            department TEXT NOT NULL DEFAULT '',
            month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
            day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (scheme_id, department)
        );

        CREATE TABLE campaign (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX campaign_contract ON campaign(contract_id);

        CREATE TABLE campaign_owner (
            campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
            owner_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
            file_name TEXT NOT NULL DEFAULT '',
            sent_on TEXT,
            reminded_on TEXT,
            received_on TEXT,
            integrated_on TEXT,
            PRIMARY KEY (campaign_id, owner_id)
        );
        """,
    )
    conn.executemany(
        "INSERT INTO green_threshold(scheme_id, first_year, percent) SELECT s.id, ?, ? FROM scheme s"
        " JOIN funder f ON f.id = s.funder_id WHERE f.name = 'État' AND s.name = ?",
        [(year, percent, name) for name, year, percent in GREEN_THRESHOLDS])
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('source.green_thresholds', ?)", (GREEN_SOURCE,))
