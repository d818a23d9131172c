"""The editable reference data."""
