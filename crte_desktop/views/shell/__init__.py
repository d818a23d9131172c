"""The frame of the application: start, main window, navigation, files, background work, undo."""
