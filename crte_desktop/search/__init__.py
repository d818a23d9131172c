"""The global search (Ctrl+K) across actions, meetings, decisions, follow-ups and persons."""
