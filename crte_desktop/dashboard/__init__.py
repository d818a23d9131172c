"""dashboard service package."""
