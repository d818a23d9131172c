"""CRTE Desktop: the secretariat's tool for a Contrat pour la réussite de la transition écologique."""

__version__ = "0.1.0"
