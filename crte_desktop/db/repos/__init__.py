"""Repositories of the aggregates (contract, action, directory, committees, meetings…): each loads and saves
whole domain objects inside the caller's transaction, writes the history, and says what changed."""
