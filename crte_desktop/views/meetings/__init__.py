"""Committees and meetings: agenda, attendance, minutes, decisions, registers."""
