"""CRTE Desktop: the secretariat's tool for a Contrat pour la réussite de la transition écologique."""

__version__ = "0.1.0"

from crte_desktop import _none_refcount  # noqa: E402,F401  (PySide6 6.12 + Python 3.11: see that module)
