"""Revue de projets campaigns: creating one for a contract with a workbook per maître d'ouvrage, tracking
the owners, and taking the returned workbooks back (proposed projects become actions « en préparation »)."""
