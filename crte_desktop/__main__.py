import sys

from crte_desktop.cli import main

sys.exit(main())
