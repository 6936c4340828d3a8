"""
The optional extras: import one, or raise :class:`~govinfo_report.errors.MissingDependencyError` naming the
command that installs it.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, package: str, extra: str, feature: str) -> ModuleType:
    """
    The module *module* of the optional *extra*, for *feature*.

    Raises:
        MissingDependencyError: It is not installed; the message says ``pip install "govinfo-report[extra]"``.

    >>> require("json", "json", "none", "a doctest").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(package, extra, feature) from None
