"""
The cells two editions share, and how a report's cells map onto another edition.

The 2019 and 2021 editions differ in two places (format-spec §2.5): table 二 was
redrawn, and 三（六）其他处理 became three sub-rows.  Everything else of tables
三 and 四 is identical, path for path.  This module is the one place that knows
the mapping, so that the summary (:mod:`govinfo_report.analysis.aggregate`) and the
comparison (:mod:`govinfo_report.analysis.compare`) agree on it:

* tables 三 and 四: every cell maps to the cell with the same path, except that
  the three 2021 sub-rows of （六）其他处理 are summed, column by column, onto the
  single 2019 row (never the other way: one number cannot be split in three);
  a 2021 report that prints （六）其他处理 as one row with blank sub-rows
  (``OtherHandling.single_row``) gives that row instead (:func:`other_handling_row`);
* table 二: only the decisions of 行政许可, 行政处罚 and 行政强制 (2019
  处理决定数量, 2021 本年处理决定数量) mean the same thing in both editions.
  Every other cell of table 二 is left out, on purpose: 对外公开总数量 is not
  现行有效件数, and 上一年项目数量 has no 2021 counterpart.

>>> from govinfo_report.model import AnnualReport, Edition
>>> r = AnnualReport.blank("2021", organ="某某局", year=2021, fill=0)
>>> values = mapped_values(r, Edition.E2019)
>>> values["$.requests.results.other_handling.total"]
0
>>> "$.proactive.rules.issued" in values
False
"""

from __future__ import annotations

from decimal import Decimal
from typing import Union

from . import editions
from ._exact import total_or_blank
from .model import AnnualReport, ApplicantCounts, Edition
from .tables import SINGLE_ALONE, cell_accessor, layout, single_row_mode

CellValue = Union[int, Decimal, None]

SHARED_PROACTIVE: tuple[str, ...] = editions.get(Edition.E2021).crosswalk.shared_proactive
"""Table 二 cells that mean the same thing, at the same path, in both editions (the editions' crosswalks)."""

(OTHER_HANDLING_ROW,) = editions.get(Edition.E2021).crosswalk.split_rows
OTHER_HANDLING_SUBROWS: tuple[str, ...] = tuple(
    p.rsplit(".", 1)[1] for p in layout(Edition.E2021).rows_by_path if p.startswith(OTHER_HANDLING_ROW + ".")
)


_COLUMNS = (*ApplicantCounts.PARTS, "total")


def other_handling_row(report: AnnualReport) -> dict[str, CellValue]:
    """
    三（六）其他处理 of *report* as one row, by column key.

    The 2019 row as it is; in 2021, the single row the report printed when its three
    sub-rows are blank (``OtherHandling.single_row``), else the sum of the sub-rows
    per column (blank only when all three are), as the arithmetic counts them.
    """
    oh = report.requests.results.other_handling
    if isinstance(oh, ApplicantCounts):
        return {c: getattr(oh, c) for c in _COLUMNS}
    if single_row_mode(report) == SINGLE_ALONE:
        assert oh.single_row is not None
        return {c: getattr(oh.single_row, c) for c in _COLUMNS}
    return {c: total_or_blank([getattr(getattr(oh, sub), c) for sub in OTHER_HANDLING_SUBROWS]) for c in _COLUMNS}


def _shared(path: str, source: Edition) -> bool:
    return not path.startswith("$.proactive.") or path in editions.get(source).crosswalk.shared_proactive


def _in_split_row(path: str, edition: Edition) -> bool:
    """True for a cell of a row that *edition* prints as sub-rows and the other edition as one row."""
    return any(path.startswith(row + ".") for row in editions.get(edition).crosswalk.split_rows)


def common_edition(a: Edition, b: Edition) -> Edition:
    """
    The edition that reports of *a* and of *b* both map onto: the edition itself when they agree, else the
    one that splits no row the other prints as one (the 2019 edition for 2019 and 2021).

    >>> common_edition(Edition.E2021, Edition.E2019).value
    '2019'
    """
    if a is b:
        return a
    return next(e for e in (a, b) if not editions.get(e).crosswalk.split_rows)


def mapped_paths(source: Edition, target: Edition) -> tuple[str, ...]:
    """
    The cells of *target*'s layout that a report of *source* can supply, in official order.

    All cells when the editions are the same.
    """
    cells = layout(target).cells
    if source is target:
        return tuple(c.path for c in cells)
    out = []
    for c in cells:
        if not _shared(c.path, source):
            continue
        if _in_split_row(c.path, target):
            continue  # the single 2019 row cannot be split into the three 2021 sub-rows
        out.append(c.path)
    return tuple(out)


def mapped_values(report: AnnualReport, target: Edition) -> dict[str, CellValue]:
    """
    The values *report* gives to the cells of *target* (see :func:`mapped_paths`), by path.

    From a 2021 report into the 2019 layout, each cell of the 2019 （六）其他处理 row
    is the sum of the three 2021 sub-rows in that column (blank only when all three are),
    or the report's single row when it printed （六） as one row (:func:`other_handling_row`).
    """
    source = report.meta.edition
    cells = cell_accessor(source)
    if source is target:
        values: dict[str, CellValue] = cells.as_dict(report)
        return values
    out: dict[str, CellValue] = {}
    split = editions.get(source).crosswalk.split_rows
    row = other_handling_row(report) if split else {}
    for path in mapped_paths(source, target):
        if split and any(path.startswith(r + ".") for r in split):
            out[path] = row[path.rsplit(".", 1)[1]]
        else:
            out[path] = cells.getters[path](report)
    return out
