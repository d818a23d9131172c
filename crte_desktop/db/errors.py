"""Errors of the store, with French messages for the user."""

from crte_desktop.domain.errors import DomainError


class WorkspaceError(DomainError):
    """The file cannot be opened as a workspace (not one, corrupt, newer version…)."""


class NewerVersionError(WorkspaceError):
    """The workspace was written by a newer version of the application."""
