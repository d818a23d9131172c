"""Fichier → Versions antérieures… (issue 9)."""
