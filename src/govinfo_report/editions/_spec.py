"""
The parts of an edition's declaration: its table sections and its crosswalk to the other edition.

The edition modules (``e2019``, ``e2021``) build their declarations from these, and the registry
(:mod:`govinfo_report.editions`) reads them.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from typing import NamedTuple

from attrs import frozen

from ..model import Edition
from ..vocab import Term

__all__ = ["Crosswalk", "Section"]


class Section(NamedTuple):
    """
    One table section of an edition: the report attribute, the table, the section heading and the class.

    .. versionadded:: 0.2.0
    """

    attr: str
    table: Term
    heading: Term
    cls: type


@frozen
class Crosswalk:
    """
    How the cells of one edition meet those of another (the mapping itself is :mod:`govinfo_report._crosswalk`).

    Tables 三 and 四 match path for path, except the rows of *split_rows*.

    Attributes:
        other: The edition this crosswalk leads to.
        shared_proactive: The cells of table 二 that mean the same thing, at the same path, in both editions.
        split_rows: The rows (paths) that this edition prints as sub-rows and the other as one row: the sub-rows
            are summed, column by column, onto the other edition's row, and the other's row is never split.

    .. versionadded:: 0.2.0
    """

    other: Edition
    shared_proactive: tuple[str, ...]
    split_rows: tuple[str, ...]
