"""The dashboard (tableau de bord) page and its pieces."""
