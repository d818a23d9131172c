"""Entry point for a bundled build (PyInstaller): the same as ``python -m crte_desktop``."""

import sys

from crte_desktop.cli import main

sys.exit(main())
