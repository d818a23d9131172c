"""Controls and helpers shared by several screens: inputs, combos, list models, feedback, layout."""
