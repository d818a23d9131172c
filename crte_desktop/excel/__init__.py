"""excel service package."""
