"""reports service package."""
