"""demo service package."""
