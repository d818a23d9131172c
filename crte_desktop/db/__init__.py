"""The SQLite workspace store. The only package that writes SQL."""
