"""
The edition modules, oldest first: the one list of editions.  A new edition is one more module here.

The layout (:mod:`govinfo_report.tables`) reads their ``SECTIONS`` from here, and the registry
(:mod:`govinfo_report.editions`) everything else.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from types import ModuleType

from . import e2019, e2021

__all__ = ["MODULES"]

MODULES: tuple[ModuleType, ...] = (e2019, e2021)
