"""Versions of a workspace to go back to: listing, comparing with today, restoring (whole or one action),
and recovering a damaged file. The files themselves are written by ``db/versions.py`` and ``db/recover.py``."""
