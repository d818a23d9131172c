"""bench service package."""
