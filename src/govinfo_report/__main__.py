"""``python -m govinfo_report`` runs the ``govinfo-report`` command line."""

import sys

from .cli import main

sys.exit(main())
