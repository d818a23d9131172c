"""Qt widgets, item models and dialogs. Thin: they call the services and hold no business rule."""
