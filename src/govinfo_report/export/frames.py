"""
Tidy data for pandas: every table cell of many reports as one row of a data frame.

:func:`to_dataframe` needs pandas, an optional dependency
(``pip install 'govinfo-report[pandas]'``); pandas is imported only when the
function is called, and its absence raises
:class:`~govinfo_report.errors.MissingDependencyError` with that command.

The frame has one row per cell and report, in the order of
:func:`govinfo_report.export.records.iter_records`, and these columns:

=================  ==========  ================================================
``organ``          str         the report's organ
``year``           int64       the report year
``edition``        str         ``"2019"`` or ``"2021"``
``scope``          str         ``"organ"`` or ``"government_level"``
``division_code``  str / None  the administrative division code, if known
``table``          str         ``"二"``, ``"三"`` or ``"四"``
``row``            str         the Chinese row label, as in records
``column``         str         the Chinese column label, as in records
``row_key``        str         the stable English key of the row
``column_key``     str         the stable English key of the column
``path``           str         the cell's path, e.g. ``$.requests.received.total``
``kind``           str         ``"count"``, ``"signed"`` (本年增/减) or ``"amount"``
``value``          Int64       counts and signed counts; ``<NA>`` for a blank cell and for amounts
``amount``         object      amounts as exact :class:`~decimal.Decimal`; None for a blank amount and for counts
``unit``           str / None  the unit of an amount (``万元`` or ``元``; None when the report gave none)
=================  ==========  ================================================

Counts use pandas' nullable ``Int64``, so a blank stays distinct from 0 and
sums skip it; amounts stay exact Decimals in their own column (convert with
``frame["amount"].astype(float)`` when exactness does not matter).  A pivot of
one indicator over organs is then, for example::

    frame.pivot_table(index="organ", columns="column", values="value", aggfunc="sum")

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from .._fields import Kind
from ..errors import MissingDependencyError, OptionError
from ..model import AnnualReport
from ..tables import printed_cells
from .records import amount_unit

__all__ = ["FRAME_COLUMNS", "to_dataframe"]

FRAME_COLUMNS: tuple[str, ...] = (
    "organ",
    "year",
    "edition",
    "scope",
    "division_code",
    "table",
    "row",
    "column",
    "row_key",
    "column_key",
    "path",
    "kind",
    "value",
    "amount",
    "unit",
)
"""The columns of :func:`to_dataframe`, in order."""


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", "to_dataframe") from None


def to_dataframe(reports: Iterable[AnnualReport]) -> Any:
    """
    Every table cell of *reports* as one row of a pandas DataFrame (columns in :data:`FRAME_COLUMNS`).

    Args:
        reports: The reports (any editions).

    Returns:
        A ``pandas.DataFrame``.

    Raises:
        MissingDependencyError: pandas is not installed.
        OptionError: An item of *reports* is not an AnnualReport.

    .. versionadded:: 0.1.0
    """
    pd = _pandas()
    data: dict[str, list[Any]] = {name: [] for name in FRAME_COLUMNS}
    for i, report in enumerate(reports):
        if not isinstance(report, AnnualReport):
            raise OptionError(f"reports[{i}]: expected an AnnualReport, got {type(report).__name__}")
        meta = report.meta
        for spec, value in printed_cells(report):  # with （六）其他处理（未分子行） when printed
            amount = spec.kind is Kind.AMOUNT
            data["organ"].append(meta.organ)
            data["year"].append(meta.year)
            data["edition"].append(meta.edition.value)
            data["scope"].append(meta.scope.value)
            data["division_code"].append(meta.division_code)
            data["table"].append(spec.table)
            data["row"].append(spec.row)
            data["column"].append(spec.column)
            data["row_key"].append(spec.row_key)
            data["column_key"].append(spec.column_key)
            data["path"].append(spec.path)
            data["kind"].append(spec.kind.value)
            data["value"].append(None if amount else value)
            data["amount"].append(value if amount else None)
            data["unit"].append(amount_unit(report, spec.path) if amount else None)
    frame = pd.DataFrame({k: data[k] for k in FRAME_COLUMNS if k not in ("value", "amount")})
    frame["year"] = pd.array(data["year"], dtype="int64")
    frame["value"] = pd.array(data["value"], dtype="Int64")
    frame["amount"] = pd.Series(data["amount"], dtype=object, index=frame.index)
    return frame[list(FRAME_COLUMNS)]
