"""
Deprecated names: a warning that names the new one.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import warnings


def warn_renamed(old: str, new: str, since: str = "0.2.0") -> None:
    """Warn (DeprecationWarning, at the caller of the deprecated function) that *old* is now *new*."""
    warnings.warn(
        f"govinfo_report.{old} is deprecated since {since}; use govinfo_report.{new} (same arguments, same result)",
        DeprecationWarning,
        stacklevel=3,
    )
