"""check service package."""
