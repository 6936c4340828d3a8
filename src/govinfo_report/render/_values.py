"""
How a value cell of the official tables prints: the one formatting every writer's grid uses.

:func:`format_cell` prints a value (blank for None, the number as written, then
its unit); :func:`row_values` prints the value cells of one row of a report.
:mod:`govinfo_report.render.grid` fills its value cells with them, so every
writer prints a value the same way.

>>> from govinfo_report import AnnualReport, layout
>>> report = AnnualReport.blank("2021", organ="某某局", fill=0)
>>> row_values(report, layout("2021").table("四").rows[0])
['0', '0', '0', '0', '0']

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any

from ..model import AnnualReport, ProcurementCounts
from ..tables import RowSpec

__all__ = ["format_cell", "row_values", "values_reader"]


def format_cell(value: int | Decimal | None, unit: str = "") -> str:
    """
    A cell as printed: blank for None, the number as written otherwise, then *unit*.

    >>> format_cell(None), format_cell(0), format_cell(Decimal("12.50")), format_cell(Decimal("178"), "万元")
    ('', '0', '12.50', '178万元')

    .. versionadded:: 0.1.0
    """
    if value is None:
        return ""
    return f"{value}{unit}"


def row_values(report: AnnualReport, row: RowSpec) -> list[str]:
    """
    The value cells of *row* of *report* as printed, in column order.

    The amount of 政府集中采购 (2019) carries the unit the report gives it
    (:attr:`~govinfo_report.model.ProcurementCounts.amount_unit`).

    .. versionadded:: 0.2.0
    """
    return values_reader((row,))(report)


def values_reader(rows: Sequence[RowSpec]) -> Callable[[AnnualReport], list[str]]:
    """
    A function giving the value cells of *rows* of a report as printed, row after row (as :func:`row_values`).

    Prepare it once for rows whose values are printed for many reports: it reads
    all their values with one getter.

    .. versionadded:: 0.2.0
    """
    paths = [".".join(c.attr_path) for row in rows for c in row.cells]
    get_all = attrgetter(*paths) if len(paths) != 1 else lambda report: (attrgetter(paths[0])(report),)
    # the amount cells, each with the getter of its row (a unit is the row's, when it is a ProcurementCounts)
    amounts: list[tuple[int, Callable[[AnnualReport], Any]]] = []
    k = 0
    for row in rows:
        for c in row.cells:
            if c.column_key == "amount":
                amounts.append((k, attrgetter(".".join(row.attr_path))))
            k += 1

    def read(report: AnnualReport) -> list[str]:
        values = get_all(report)
        texts = ["" if x is None else f"{x}" for x in values]  # format_cell(x), without a call per cell
        for k, get_row in amounts:
            obj = get_row(report)
            if isinstance(obj, ProcurementCounts) and obj.amount_unit is not None:
                texts[k] = format_cell(values[k], obj.amount_unit.value)
        return texts

    return read
