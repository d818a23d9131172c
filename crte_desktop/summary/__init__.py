"""summary service package."""
