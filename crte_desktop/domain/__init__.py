"""Plain-Python domain: entities, enums, rules and computed figures. No Qt, no SQL, no I/O."""
