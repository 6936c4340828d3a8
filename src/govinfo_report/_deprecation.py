"""
Warnings for the caller: deprecated names (a warning that names the new one), and where a warning points.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
import sys
import warnings
from types import FrameType

_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def caller_stacklevel() -> int:
    """
    The *stacklevel* that makes a warning name the first caller outside this library.

    For ``warnings.warn(..., stacklevel=caller_stacklevel())`` in a function of the
    library: however many of the library's frames lie between (decorators, helpers,
    generated code), the warning's file and line are the user's.
    """
    frame: FrameType | None = sys._getframe(1)  # the function that warns: stacklevel 1
    level = 1
    while frame is not None and (
        frame.f_code.co_filename.startswith(_PACKAGE) or frame.f_code.co_filename.startswith("<govinfo_report")
    ):
        frame = frame.f_back
        level += 1
    return level


def warn_renamed(old: str, new: str, since: str = "0.2.0") -> None:
    """Warn (DeprecationWarning, at the caller of the deprecated function) that *old* is now *new*."""
    warnings.warn(
        f"govinfo_report.{old} is deprecated since {since}; use govinfo_report.{new} (same arguments, same result)",
        DeprecationWarning,
        stacklevel=3,
    )
