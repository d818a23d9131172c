"""Editing services: validate with the domain rules, write in one transaction, notify the views."""
