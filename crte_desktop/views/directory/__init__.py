"""The directory of organisations and persons."""
