"""Numbered schema migrations. ``MIGRATIONS[n-1]`` brings a workspace from version n-1 to n.

Each migration is a function taking the connection, with a docstring saying what it changes;
``db.store.migrate`` runs each in its own transaction and bumps ``PRAGMA user_version``.
"""

from crte_desktop.db.migrations.m001_initial import migrate as m001
from crte_desktop.db.migrations.m002_meetings import migrate as m002
from crte_desktop.db.migrations.m003_id_sequence import migrate as m003
from crte_desktop.db.migrations.m004_crte_2023 import migrate as m004
from crte_desktop.db.migrations.m005_revue_calendar import migrate as m005
from crte_desktop.db.migrations.m006_row_versions import migrate as m006
from crte_desktop.db.migrations.m007_reference_versions import migrate as m007

MIGRATIONS = [m001, m002, m003, m004, m005, m006, m007]
LATEST_VERSION = len(MIGRATIONS)
