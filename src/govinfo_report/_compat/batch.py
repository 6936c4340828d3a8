"""
The 0.1.0 module ``govinfo_report.batch``: :mod:`govinfo_report.analysis.batch` and ``check_folder``, which now
lives in :mod:`govinfo_report.analysis.collection`.  Imported only through the deprecated path.
"""

from __future__ import annotations

from ..analysis.batch import *  # noqa: F403
from ..analysis.batch import __all__ as _batch_all
from ..analysis.collection import check_folder

__all__ = [*_batch_all, "check_folder"]
