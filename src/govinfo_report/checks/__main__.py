"""``python -m govinfo_report.checks --rules-markdown``: print the rule catalogue page (docs/rules.md)."""

import sys

from .catalogue import main

sys.exit(main())
