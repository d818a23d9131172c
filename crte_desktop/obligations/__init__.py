"""The calendar of obligations of a contract (COPIL before July, revue de projets, deposit deadlines,
lapse dates, committees' cadence) and its .ics export."""
