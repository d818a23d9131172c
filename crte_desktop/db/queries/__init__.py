"""Read projections for screens and reports (the actions table, the dashboard, the registers, the summary):
plain SELECTs returning small row records, never writing. Aggregates are saved through ``db.repos``."""
